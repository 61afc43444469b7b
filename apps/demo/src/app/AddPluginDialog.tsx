// "Add plugin by URL": any WAM 2.0 plugin's index.js. Loading it asks for trust first (another
// origin), and a failure is a message: the session plays on untouched.
import { useState } from 'react';
import { revokeOrigin } from '../engine/plugins.ts';
import { Modal } from './Modal.tsx';
import { useStudio } from './studio-context.ts';

export function AddPluginDialog({ owner, onClose }: { owner: string; onClose: () => void }) {
  const studio = useStudio();
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [trusted, setTrusted] = useState(() => studio.loader.approvedOrigins());

  const submit = async () => {
    setLoading(true);
    setError(null);
    try {
      await studio.addPluginByUrl(owner, url);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Modal title={`Add a plugin to ${studio.ownerName(owner)} by URL`} onClose={onClose}>
      <form
        className="add-by-url"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>URL of the plugin’s index.js (any WAM 2.0 plugin)</span>
          <input
            type="url"
            required
            value={url}
            placeholder="https://example.com/my-plugin/index.js"
            onChange={(e) => setUrl(e.currentTarget.value)}
            aria-describedby="add-by-url-error"
          />
        </label>
        <p id="add-by-url-error" className="error" role="alert">
          {error}
        </p>
        <div className="buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={loading || url.trim() === ''}>
            {loading ? 'Loading…' : 'Add plugin'}
          </button>
        </div>
      </form>
      {trusted.length > 0 && (
        <section className="trusted" aria-label="Trusted sites">
          <h3>Sites you trust to run plugins</h3>
          <ul>
            {trusted.map((origin) => (
              <li key={origin}>
                <span>{origin}</span>
                <button
                  type="button"
                  onClick={() => {
                    revokeOrigin(studio.loader, origin);
                    setTrusted(studio.loader.approvedOrigins());
                  }}
                >
                  Forget
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Modal>
  );
}
