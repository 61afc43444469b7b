// Where this app serves Lathe's plugins (dist/plugins/<name>/, published by scripts/copy-plugins.mjs)
// and the one PluginLoader the app uses: Lathe plugins load from here without asking; any other
// origin runs only after the user approves it in the trust prompt, and that answer is remembered.
import { LATHE_PLUGINS, type LatheIdentifier, type PluginDescriptor, PluginLoader } from '@lathe/host';

/** The folder holding eq/, comp/, limiter/, meter/ and strip/. */
export const PLUGINS_BASE = new URL('plugins/', document.baseURI);
export const STRIP_URL = new URL('strip/index.js', PLUGINS_BASE).href;
export const METER_URL = new URL('meter/index.js', PLUGINS_BASE).href;

const APPROVED_ORIGINS_KEY = 'lathe.approvedOrigins';

/** What the trust prompt is asked: which code, from where, and what it says it is. */
export interface TrustQuestion {
  url: string;
  origin: string;
  descriptor: PluginDescriptor | null;
}
export type AskTrust = (question: TrustQuestion) => Promise<boolean>;

function storedOrigins(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(APPROVED_ORIGINS_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((origin): origin is string => typeof origin === 'string') : [];
  } catch {
    return [];
  }
}

export function createLoader(askTrust: AskTrust): PluginLoader {
  const lathePlugins = Object.fromEntries(
    (Object.keys(LATHE_PLUGINS) as LatheIdentifier[]).map((id) => [
      id,
      new URL(LATHE_PLUGINS[id].path, PLUGINS_BASE).href,
    ]),
  );
  const loader: PluginLoader = new PluginLoader({
    lathePlugins: { ...lathePlugins, 'audio.lathe.strip': STRIP_URL },
    approvedOrigins: storedOrigins(),
    approve: async (url, descriptor) => {
      const approved = await askTrust({ url, origin: new URL(url).origin, descriptor });
      if (approved) {
        // The loader remembers it for this page; storage remembers it for the next visit.
        const origins = new Set([...storedOrigins(), new URL(url).origin]);
        localStorage.setItem(APPROVED_ORIGINS_KEY, JSON.stringify([...origins]));
      }
      return approved;
    },
  });
  return loader;
}

/** Forgets an approved origin (its plugins will ask again). */
export function revokeOrigin(loader: PluginLoader, origin: string): void {
  loader.revoke(origin);
  localStorage.setItem(
    APPROVED_ORIGINS_KEY,
    JSON.stringify(storedOrigins().filter((stored) => stored !== origin)),
  );
}
