// Presets for a session, a chain or one plugin: factory and user presets (save, load, rename,
// delete), share links (copy one, open one), and preset files (export, import). Everything read
// goes through the host's validation: a broken link or file is a message, the session stays.
import {
  chainPreset,
  decodeShareLink,
  encodeShareLink,
  FACTORY_CHAIN_PRESETS,
  findLathePlugin,
  type PresetEnvelope,
  pluginPreset,
  presetFile,
  readPresetFile,
  sessionPreset,
} from '@lathe/host';
import { useCallback, useEffect, useRef, useState } from 'react';
import { defaultSession } from '../engine/default-session.ts';
import { PLUGINS_BASE } from '../engine/plugins.ts';
import { chainOf, type Studio } from '../engine/studio.ts';
import {
  deleteUserPreset,
  listUserPresets,
  renameUserPreset,
  saveUserPreset,
  type UserPreset,
} from '../storage/user-presets.ts';
import { DEFAULT_NAME } from './boot.ts';
import { Modal } from './Modal.tsx';
import { saveFile } from './save-file.ts';
import { useStudio } from './studio-context.ts';
import type { PresetTarget } from './ui-context.ts';

interface Factory {
  id: string;
  name: string;
  description: string;
  preset: () => PresetEnvelope;
}

function factoryPresets(target: PresetTarget, identifier: string | null): Factory[] {
  if (target.kind === 'session') {
    return [
      {
        id: 'demo',
        name: DEFAULT_NAME,
        description: 'The generated five-track song with a starting mix and the streaming master chain.',
        preset: () => sessionPreset(DEFAULT_NAME, defaultSession()),
      },
    ];
  }
  if (target.kind === 'chain') {
    return FACTORY_CHAIN_PRESETS.map((factory) => ({
      id: factory.id,
      name: factory.name,
      description: factory.description,
      preset: () => factory.preset(PLUGINS_BASE),
    }));
  }
  // A plugin's factory presets: its settings in each factory mastering chain.
  return FACTORY_CHAIN_PRESETS.flatMap((factory) =>
    factory
      .chain(PLUGINS_BASE)
      .filter((slot) => slot.identifier === identifier)
      .map((slot) => ({
        id: `${factory.id}:${slot.identifier}`,
        name: factory.name,
        description: factory.description,
        preset: () => pluginPreset(factory.name, slot),
      })),
  );
}

/** Applies a preset of any kind: a session opens, a chain replaces, a plugin's state is set or added. */
export async function applyPreset(
  studio: Studio,
  preset: PresetEnvelope,
  target: PresetTarget,
): Promise<void> {
  const owner = target.owner ?? 'master';
  if (preset.session) {
    await studio.open(preset.session, preset.name);
  } else if (preset.chain) {
    const chain = preset.chain;
    studio.edit(`Load chain “${preset.name}” on ${studio.ownerName(owner)}`, (doc) => {
      chainOf(doc, owner).splice(0, Infinity, ...structuredClone(chain));
    });
  } else if (preset.plugin) {
    const plugin = preset.plugin;
    const index = target.index;
    const current = index === undefined ? undefined : chainOf(studio.doc, owner)[index];
    if (index !== undefined && current?.identifier === plugin.identifier) {
      studio.edit(`Load preset “${preset.name}”`, (doc) => {
        chainOf(doc, owner)[index].state = structuredClone(plugin.state);
      });
    } else {
      studio.edit(`Add “${preset.name}” to ${studio.ownerName(owner)}`, (doc) => {
        chainOf(doc, owner).push(structuredClone(plugin));
      });
    }
  }
}

export function PresetsDialog({
  target,
  onClose,
  onOpened,
}: {
  target: PresetTarget;
  onClose: () => void;
  onOpened: () => void;
}) {
  const studio = useStudio();
  const owner = target.owner ?? 'master';
  const slotDoc =
    target.kind === 'plugin' && target.index !== undefined
      ? chainOf(studio.doc, owner)[target.index]
      : undefined;
  const identifier = slotDoc?.identifier ?? null;
  const subject =
    target.kind === 'session'
      ? 'session'
      : target.kind === 'chain'
        ? `${studio.ownerName(owner)} chain`
        : `${findLathePlugin(identifier ?? '')?.name ?? identifier} on ${studio.ownerName(owner)}`;
  const [userPresets, setUserPresets] = useState<UserPreset[]>([]);
  const [name, setName] = useState(target.kind === 'session' ? studio.getSnapshot().name : '');
  const [link, setLink] = useState<{ url: string; fits: boolean } | null>(null);
  const [linkToOpen, setLinkToOpen] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    const all = await listUserPresets();
    setUserPresets(
      all.filter((p) => p.kind === target.kind && (target.kind !== 'plugin' || p.identifier === identifier)),
    );
  }, [target.kind, identifier]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const fail = (error: unknown) =>
    setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });

  /** The current session, chain or plugin as a preset named `presetName`. */
  const current = async (presetName: string): Promise<PresetEnvelope> => {
    const doc = await studio.currentDoc();
    if (target.kind === 'session') return sessionPreset(presetName, doc);
    const chain = chainOf(doc, owner);
    if (target.kind === 'chain') return chainPreset(presetName, chain);
    const slot = chain[target.index ?? -1];
    if (!slot) throw new Error('That plugin is no longer in the chain.');
    return pluginPreset(presetName, slot);
  };

  const apply = async (preset: PresetEnvelope) => {
    try {
      await applyPreset(studio, preset, target);
      setStatus({ kind: 'info', text: `Loaded “${preset.name}”.` });
      if (preset.session) {
        onOpened();
        onClose();
      }
    } catch (error) {
      fail(error);
    }
  };

  const save = async () => {
    const presetName = name.trim();
    if (!presetName) return fail(new Error('Give the preset a name first.'));
    try {
      await saveUserPreset(await current(presetName));
      setStatus({ kind: 'info', text: `Saved “${presetName}”.` });
      await refresh();
    } catch (error) {
      fail(error);
    }
  };

  const share = async () => {
    try {
      const presetName = name.trim() || studio.getSnapshot().name;
      const encoded = encodeShareLink(await current(presetName), location.href);
      setLink({ url: encoded.url, fits: encoded.fitsInLink });
      if (encoded.fitsInLink) {
        await navigator.clipboard?.writeText(encoded.url).catch(() => undefined);
        setStatus({
          kind: 'info',
          text: `Link copied (${encoded.length} characters). Audio from your own files is not in links.`,
        });
      } else {
        setStatus({
          kind: 'error',
          text: `This ${target.kind} is too large for a link (${encoded.length} characters, at most 2000 travel safely): export a file instead.`,
        });
      }
    } catch (error) {
      fail(error);
    }
  };

  const exportFile = async (preset?: PresetEnvelope) => {
    try {
      const file = presetFile(preset ?? (await current(name.trim() || studio.getSnapshot().name)));
      saveFile(file.text, file.filename, file.mimeType);
    } catch (error) {
      fail(error);
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { preset, warnings } = readPresetFile(await file.text());
      for (const warning of warnings) studio.say('warning', warning);
      await apply(preset);
    } catch (error) {
      fail(
        new Error(
          `“${file.name}” is not a preset Lathe can open: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  };

  const openLink = async () => {
    try {
      const { preset, warnings } = decodeShareLink(linkToOpen);
      for (const warning of warnings) studio.say('warning', warning);
      await apply(preset);
    } catch (error) {
      fail(error);
    }
  };

  const factories = factoryPresets(target, identifier);
  return (
    <Modal title={`Presets: ${subject}`} onClose={onClose} wide>
      <div className="presets">
        <section aria-label="Save and share">
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label className="field grow">
              <span>Name</span>
              <input value={name} onChange={(e) => setName(e.currentTarget.value)} aria-label="Preset name" />
            </label>
            <button type="submit" className="primary">
              Save as user preset
            </button>
          </form>
          <div className="row">
            <button type="button" onClick={() => void share()}>
              Copy share link
            </button>
            <button type="button" onClick={() => void exportFile()}>
              Export file…
            </button>
            <button type="button" onClick={() => fileInput.current?.click()}>
              Import file…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".json,.lathe.json,application/json"
              hidden
              aria-label="Preset file to import"
              onChange={(e) => {
                void importFile(e.currentTarget.files?.[0]);
                e.currentTarget.value = '';
              }}
            />
          </div>
          {link && (
            <label className="field">
              <span>Share link{link.fits ? '' : ' (too long to share reliably)'}</span>
              <input
                readOnly
                value={link.url}
                aria-label="Share link"
                onFocus={(e) => e.currentTarget.select()}
              />
            </label>
          )}
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void openLink();
            }}
          >
            <label className="field grow">
              <span>Open a shared link</span>
              <input
                value={linkToOpen}
                onChange={(e) => setLinkToOpen(e.currentTarget.value)}
                placeholder="https://…#preset=…"
              />
            </label>
            <button type="submit" disabled={!linkToOpen.trim()}>
              Open link
            </button>
          </form>
          {status && (
            <p
              className={status.kind === 'error' ? 'error' : 'note'}
              role={status.kind === 'error' ? 'alert' : 'status'}
            >
              {status.text}
            </p>
          )}
        </section>
        <section aria-label="Factory presets">
          <h3>Factory</h3>
          <ul className="preset-list">
            {factories.map((factory) => (
              <li key={factory.id}>
                <div>
                  <strong>{factory.name}</strong>
                  <small>{factory.description}</small>
                </div>
                <button type="button" onClick={() => void apply(factory.preset())}>
                  Load
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Your presets">
          <h3>Yours</h3>
          {userPresets.length === 0 && (
            <p className="note">None yet: name the current {target.kind} above and save it.</p>
          )}
          <ul className="preset-list">
            {userPresets.map((preset) => (
              <li key={preset.id}>
                {renaming?.id === preset.id ? (
                  <form
                    className="row grow"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void renameUserPreset(preset, renaming.name.trim() || preset.name).then(() => {
                        setRenaming(null);
                        return refresh();
                      }, fail);
                    }}
                  >
                    <input
                      value={renaming.name}
                      aria-label={`New name for ${preset.name}`}
                      // biome-ignore lint/a11y/noAutofocus: the field the user just asked to edit
                      autoFocus
                      onChange={(e) => setRenaming({ id: preset.id, name: e.currentTarget.value })}
                    />
                    <button type="submit">Rename</button>
                  </form>
                ) : (
                  <div>
                    <strong>{preset.name}</strong>
                    <small>saved {new Date(preset.savedAt).toLocaleString()}</small>
                  </div>
                )}
                <button
                  type="button"
                  onClick={() => void apply(preset.preset)}
                  aria-label={`Load ${preset.name}`}
                >
                  Load
                </button>
                <button
                  type="button"
                  onClick={() => setRenaming({ id: preset.id, name: preset.name })}
                  aria-label={`Rename ${preset.name}`}
                >
                  Rename
                </button>
                <button
                  type="button"
                  onClick={() => void exportFile(preset.preset)}
                  aria-label={`Export ${preset.name}`}
                >
                  Export
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={`Delete ${preset.name}`}
                  onClick={() => void deleteUserPreset(preset.id).then(refresh, fail)}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Modal>
  );
}
