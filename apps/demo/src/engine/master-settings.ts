// What the master chain says about delivery: the meter's target and the limiter's true-peak ceiling,
// read from the plugins' saved states ({ version, parameters }) in a session document.
import type { PluginSlotDoc, SessionDoc } from '@lathe/host';
import { limiterParams } from '@lathe/plugin-limiter';
import { TARGET_IDS, type TargetId } from '@lathe/plugin-meter';

const METER_ID = 'audio.lathe.meter';
const LIMITER_ID = 'audio.lathe.limiter';
const DEFAULT_TARGET: TargetId = 'spotify';

/** One parameter of a slot's saved state; undefined when the state does not carry it. */
function savedParameter(slot: PluginSlotDoc, id: string): unknown {
  const state: unknown = slot.state;
  if (state === null || typeof state !== 'object') return undefined;
  const parameters: unknown = (state as { parameters?: unknown }).parameters;
  if (parameters === null || typeof parameters !== 'object') return undefined;
  return (parameters as Record<string, unknown>)[id];
}

/** The target of the master meter (the one the Master view's target selector sets), else Spotify. */
export function masterTarget(doc: SessionDoc): TargetId {
  const meter = doc.master.inserts.find((slot) => slot.identifier === METER_ID);
  const target = meter ? savedParameter(meter, 'target') : undefined;
  return typeof target === 'string' && (TARGET_IDS as readonly string[]).includes(target)
    ? (target as TargetId)
    : DEFAULT_TARGET;
}

/**
 * The ceiling of the last limiter that is switched on in the master chain, dBTP (its default when the
 * state does not say); null when the master chain has no active limiter, so nothing promises a ceiling.
 */
export function masterCeiling(doc: SessionDoc): number | null {
  const limiter = doc.master.inserts.findLast((slot) => slot.identifier === LIMITER_ID && !slot.bypass);
  if (!limiter) return null;
  const ceiling = savedParameter(limiter, 'ceiling');
  const { min, max, default: fallback } = limiterParams.ceiling;
  return typeof ceiling === 'number' && Number.isFinite(ceiling)
    ? Math.min(max, Math.max(min, ceiling))
    : fallback;
}
