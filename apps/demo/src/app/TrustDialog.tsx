// The trust prompt: a plugin from another origin is code that runs with this page's rights (it can
// read the session and everything the page can). Say so plainly, name the origin, and let the
// user decide before any of its code runs.
import type { TrustQuestion } from '../engine/plugins.ts';
import { Modal } from './Modal.tsx';

export function TrustDialog({
  question,
  onAnswer,
}: {
  question: TrustQuestion;
  onAnswer: (trust: boolean) => void;
}) {
  const { descriptor, origin, url } = question;
  return (
    <Modal title="Run a plugin from another site?" onClose={() => onAnswer(false)}>
      <div className="trust">
        <p>
          <strong>{descriptor?.name ?? 'A plugin'}</strong>
          {descriptor?.vendor ? ` by ${descriptor.vendor}` : ''} wants to run from
        </p>
        <p className="origin" data-origin={origin}>
          {origin}
        </p>
        <p>
          A plugin is code: it runs inside this page with the page’s rights, and can read your session and
          anything else this page can. Only allow sites you trust. If you trust it, this browser remembers the
          site (you can forget it later in “Add plugin by URL”).
        </p>
        {descriptor?.description && <p className="note">“{descriptor.description}”</p>}
        <p className="note">{url}</p>
        <div className="buttons">
          {/* biome-ignore lint/a11y/noAutofocus: the safe answer takes focus when the dialog opens (dialogs honour autofocus) */}
          <button type="button" onClick={() => onAnswer(false)} autoFocus>
            Don’t run it
          </button>
          <button type="button" className="danger" onClick={() => onAnswer(true)}>
            Trust {origin}
          </button>
        </div>
      </div>
    </Modal>
  );
}
