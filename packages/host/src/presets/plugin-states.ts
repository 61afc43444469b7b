// Lathe plugins' states are validated with the plugin's own parameter table (the same code the
// plugin runs in setState): unknown parameters are ignored and values clamped, each with a warning,
// and the state is rewritten in the plugin's canonical form. Foreign plugins' states stay opaque.
import { decodeState, encodeState } from '@lathe/plugin-kit';
import { formatPath, type PresetIssue } from './errors.ts';
import { findLathePlugin } from './lathe-plugins.ts';
import { slotsWithPaths } from './routing.ts';
import type { PresetEnvelope } from './schema.ts';

/**
 * Normalises every Lathe plugin state in `preset` in place and warns about version mismatches.
 * Returns the states that cannot be used at all (each issue at its slot's `state` field).
 */
export function normalizeLatheStates(preset: PresetEnvelope, warnings: string[]): PresetIssue[] {
  const issues: PresetIssue[] = [];
  for (const { slot, path } of slotsWithPaths(preset)) {
    const plugin = findLathePlugin(slot.identifier);
    if (!plugin) continue;
    if (slot.version !== plugin.version) {
      warnings.push(
        `${formatPath([...path, 'version'])}: saved with ${plugin.name} ${slot.version || '(no version)'}, ` +
          `${plugin.version} is installed; settings are read by the installed version`,
      );
    }
    if (slot.state === null) continue; // the plugin's defaults
    const statePath = formatPath([...path, 'state']);
    try {
      const decoded = decodeState(plugin.params, slot.state);
      for (const warning of decoded.warnings) warnings.push(`${statePath}: ${warning}`);
      const { version, parameters } = encodeState(plugin.params, decoded.values);
      slot.state = { version, parameters };
    } catch (error) {
      issues.push({ path: statePath, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return issues;
}
