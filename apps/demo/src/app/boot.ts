// What the app opens: a shared link in the address, else the autosaved session, else the demo song.
// A link or autosave that cannot be read is a message, never a lost session.
import { decodeShareLink, defaultMasterChain, type PresetEnvelope } from '@lathe/host';
import { defaultSession } from '../engine/default-session.ts';
import { PLUGINS_BASE } from '../engine/plugins.ts';
import type { Studio, View } from '../engine/studio.ts';
import { readAutosave } from '../storage/autosave.ts';

export const DEFAULT_NAME = 'Lathe demo song';

/** The preset in the address bar's `#preset=…`, or null; the fragment is removed either way. */
function sharedPreset(studio: Studio): PresetEnvelope | null {
  if (!location.hash.includes('preset=')) return null;
  const href = location.href;
  history.replaceState(null, '', location.pathname + location.search);
  try {
    const { preset, warnings } = decodeShareLink(href);
    for (const warning of warnings) studio.say('warning', warning);
    return preset;
  } catch (error) {
    studio.report(error, 'This link could not be opened (your session is unchanged)');
    return null;
  }
}

/** Opens the first session there is; resolves with the view to show. */
export async function boot(studio: Studio): Promise<View> {
  const shared = sharedPreset(studio);
  if (shared?.session) {
    await studio.open(shared.session, shared.name, { fresh: true });
    studio.say('info', `Opened the shared session “${shared.name}”.`);
    return 'mix';
  }
  let view: View = 'mix';
  try {
    const restored = await readAutosave();
    if (restored) {
      for (const warning of restored.warnings) studio.say('warning', warning);
      await studio.open(restored.doc, restored.name, { fresh: true });
      view = restored.view;
    }
  } catch (error) {
    studio.report(error, 'The autosaved session could not be read; the demo song opened instead');
  }
  if (studio.getSnapshot().loading) {
    await studio.open(defaultSession(), DEFAULT_NAME, { fresh: true });
  }
  if (shared?.chain) {
    const chain = shared.chain;
    studio.edit(`Load chain “${shared.name}” on Master`, (doc) => {
      doc.master.inserts = chain;
    });
    return 'master';
  }
  if (shared?.plugin) {
    const plugin = shared.plugin;
    studio.edit(`Add shared “${shared.name}” to Master`, (doc) => {
      doc.master.inserts.push(plugin);
    });
    return 'master';
  }
  return view;
}

/** The mastering chain a mix opened for mastering starts with. */
export const masteringChain = () => defaultMasterChain(PLUGINS_BASE);
