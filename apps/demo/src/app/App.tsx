// The app shell: top bar, timeline, the Mix or Master view, messages, dialogs, keyboard shortcuts,
// dropped files and the autosave.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Studio, View } from '../engine/studio.ts';
import { ExportDialog } from '../export/ExportDialog.tsx';
import { Autosaver, type SaveStatus } from '../storage/autosave.ts';
import { AddPluginDialog } from './AddPluginDialog.tsx';
import { masteringChain } from './boot.ts';
import { MasterView } from './MasterView.tsx';
import { Messages } from './Messages.tsx';
import { MixView } from './MixView.tsx';
import { PresetsDialog } from './PresetsDialog.tsx';
import { StudioContext, useSnapshot } from './studio-context.ts';
import { Timeline } from './Timeline.tsx';
import { TopBar } from './TopBar.tsx';
import { TrustDialog } from './TrustDialog.tsx';
import type { TrustQueue } from './trust-queue.ts';
import { type PresetTarget, type UiActions, UiContext } from './ui-context.ts';

type Dialog =
  | { kind: 'add-by-url'; owner: string }
  | { kind: 'presets'; target: PresetTarget }
  | { kind: 'export' }
  | null;

const SAVE_TEXT: Record<SaveStatus, string> = {
  saving: 'Saving…',
  saved: 'All changes saved',
  failed: 'Not saved',
};

/** Keys typed into a field belong to the field, not to the shortcuts. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('dialog') !== null
  );
}

interface AppProps {
  studio: Studio;
  trust: TrustQueue;
  /** The first session opening (see boot.ts): resolves with the view it wants. */
  booted: Promise<View>;
}

function Shell({ studio, trust, booted }: AppProps) {
  const snapshot = useSnapshot();
  const [view, setView] = useState<View>('mix');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dropping, setDropping] = useState(false);
  const [saved, setSaved] = useState('');
  const pendingTrust = useSyncExternalStore(
    useCallback((listener: () => void) => trust.listen(listener), [trust]),
    () => trust.current,
  );

  // The view is saved with the session; a ref so the autosaver (made once) reads the latest.
  const viewRef = useRef(view);
  viewRef.current = view;
  const autosaver = useMemo(
    () =>
      new Autosaver(
        async () => ({
          name: studio.getSnapshot().name,
          doc: await studio.currentDoc(),
          view: viewRef.current,
        }),
        (status, error) => {
          setSaved(SAVE_TEXT[status]);
          if (error) studio.report(error, 'Autosave failed');
        },
      ),
    [studio],
  );
  useEffect(() => {
    studio.onEdit = () => autosaver.schedule();
    const flush = () => void autosaver.flush();
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [studio, autosaver]);

  useEffect(() => {
    let live = true;
    booted.then((opened) => live && setView(opened));
    return () => {
      live = false;
    };
  }, [booted]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (e.key === ' ' && !mod) {
        if (e.target instanceof HTMLButtonElement) return;
        e.preventDefault();
        if (studio.transport.playing) studio.pause();
        else void studio.play();
      } else if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) studio.redo();
        else studio.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        studio.redo();
      } else if (!mod && e.key.toLowerCase() === 'l') {
        const { loop, duration } = studio.getSnapshot();
        studio.setLoop(loop ? null : { start: 0, end: duration });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [studio]);

  const ui: UiActions = useMemo(
    () => ({
      addPluginByUrl: (owner) => setDialog({ kind: 'add-by-url', owner }),
      openPresets: (target) => setDialog({ kind: 'presets', target }),
    }),
    [],
  );

  // Files dropped anywhere on the page become tracks.
  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDropping(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDropping(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDropping(false);
      void studio.addAudioFiles([...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [studio]);

  const changeView = (next: View) => {
    setView(next);
    autosaver.schedule();
  };

  return (
    <UiContext value={ui}>
      <div className="app">
        <TopBar
          view={view}
          onView={changeView}
          onPresets={() => setDialog({ kind: 'presets', target: { kind: 'session' } })}
          onExport={() => setDialog({ kind: 'export' })}
          onAddFiles={(files) => void studio.addAudioFiles(files)}
          onMasterFile={(file) => {
            void studio.masterFile(file, masteringChain()).then(
              () => setView('master'),
              (error: unknown) => studio.report(error),
            );
          }}
          saved={saved}
        />
        {snapshot.loading ? (
          <div className="loading" role="status" aria-live="polite">
            <p>{snapshot.loading.text}</p>
            {snapshot.loading.progress !== null && (
              <progress value={snapshot.loading.progress} max={1} aria-label="Loading progress" />
            )}
          </div>
        ) : (
          <>
            <Timeline />
            <main id="view" role="tabpanel" aria-labelledby={`tab-${view}`}>
              {view === 'mix' ? <MixView /> : <MasterView />}
            </main>
          </>
        )}
        <Messages />
        {dropping && (
          <div className="drop-overlay" aria-hidden="true">
            Drop audio files to add them as tracks (WAV, MP3, FLAC, OGG)
          </div>
        )}
        {dialog?.kind === 'add-by-url' && (
          <AddPluginDialog owner={dialog.owner} onClose={() => setDialog(null)} />
        )}
        {dialog?.kind === 'presets' && (
          <PresetsDialog
            target={dialog.target}
            onClose={() => setDialog(null)}
            onOpened={() => setView('mix')}
          />
        )}
        {dialog?.kind === 'export' && <ExportDialog onClose={() => setDialog(null)} />}
        {pendingTrust && <TrustDialog question={pendingTrust.question} onAnswer={pendingTrust.answer} />}
      </div>
    </UiContext>
  );
}

export function App(props: AppProps) {
  return (
    <StudioContext value={props.studio}>
      <Shell {...props} />
    </StudioContext>
  );
}
