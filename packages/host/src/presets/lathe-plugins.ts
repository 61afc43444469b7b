// The Lathe plugins this host knows by identifier: their names, installed versions, parameter tables
// (which validate their states in presets) and where each plugin's index.js sits relative to the
// folder the plugins are served from (the demo serves them at plugins/<name>/index.js).
import { descriptor as compDescriptor, compParams } from '@lathe/plugin-comp';
import { descriptor as eqDescriptor, eqParams } from '@lathe/plugin-eq';
import type { ParamTable } from '@lathe/plugin-kit';
import { descriptor as limiterDescriptor, limiterParams } from '@lathe/plugin-limiter';
import { descriptor as meterDescriptor, meterParams } from '@lathe/plugin-meter';

export interface LathePlugin<T extends ParamTable = ParamTable> {
  /** The WAM identifier, e.g. `audio.lathe.eq`. */
  readonly identifier: string;
  readonly name: string;
  /** The version installed with this host (from the plugin's descriptor). */
  readonly version: string;
  readonly params: T;
  /** index.js relative to the plugins' base folder, e.g. `eq/index.js`. */
  readonly path: string;
}

interface DescriptorFields {
  readonly identifier: string;
  readonly name: string;
  readonly version: string;
}

// The table is keyed by literal identifiers for precise types; each is checked against the
// plugin's own descriptor so the two can never drift apart.
function lathePlugin<T extends ParamTable>(
  identifier: string,
  descriptor: DescriptorFields,
  params: T,
  path: string,
): LathePlugin<T> {
  if (descriptor.identifier !== identifier) {
    throw new Error(
      `Lathe plugin table says "${identifier}", its descriptor says "${descriptor.identifier}"`,
    );
  }
  return { identifier, name: descriptor.name, version: descriptor.version, params, path };
}

/** Every Lathe plugin, by identifier. */
export const LATHE_PLUGINS = {
  'audio.lathe.eq': lathePlugin('audio.lathe.eq', eqDescriptor, eqParams, 'eq/index.js'),
  'audio.lathe.comp': lathePlugin('audio.lathe.comp', compDescriptor, compParams, 'comp/index.js'),
  'audio.lathe.limiter': lathePlugin(
    'audio.lathe.limiter',
    limiterDescriptor,
    limiterParams,
    'limiter/index.js',
  ),
  'audio.lathe.meter': lathePlugin('audio.lathe.meter', meterDescriptor, meterParams, 'meter/index.js'),
} as const;

export type LatheIdentifier = keyof typeof LATHE_PLUGINS;
/** The parameter table of one Lathe plugin. */
export type LatheParams<I extends LatheIdentifier> = (typeof LATHE_PLUGINS)[I]['params'];

/** The Lathe plugin with this identifier, or undefined for any other (foreign) plugin. */
export function findLathePlugin(identifier: string): LathePlugin | undefined {
  return Object.hasOwn(LATHE_PLUGINS, identifier) ? LATHE_PLUGINS[identifier as LatheIdentifier] : undefined;
}

/**
 * Where a Lathe plugin's index.js is, given the folder that holds the plugin folders, e.g.
 * `lathePluginUrl('audio.lathe.eq', 'https://example.com/plugins/')` → `https://example.com/plugins/eq/index.js`.
 * `baseUrl` is resolved like any URL: end it with `/` to mean a folder.
 */
export function lathePluginUrl(identifier: LatheIdentifier, baseUrl: string | URL): string {
  return new URL(LATHE_PLUGINS[identifier].path, baseUrl).href;
}
