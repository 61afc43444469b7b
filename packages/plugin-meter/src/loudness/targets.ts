// Delivery targets (loudness.md, "Delivery targets") and the verdict of a measurement against them.
import type { LoudnessReadings } from './engine.ts';

export const TARGET_IDS = [
  'spotify',
  'appleMusic',
  'youtube',
  'tidal',
  'amazonMusic',
  'deezer',
  'applePodcasts',
  'ebuR128',
  'atscA85',
  'acx',
] as const;
export type TargetId = (typeof TARGET_IDS)[number];

/**
 * official: published by the platform or standards body; reported: measured or third-party;
 * recommended: our default where the platform states nothing (±1 LU, −1 dBTP).
 */
export type Provenance = 'official' | 'reported' | 'recommended';

/** up-and-down: gain either way; down-only: loud tracks are turned down; none: out of spec is rejected. */
export type NormalisationPolicy = 'up-and-down' | 'down-only' | 'none';

export interface DeliveryTarget {
  id: TargetId;
  label: string;
  /** Integrated loudness target, LUFS; null where the spec has none (ACX measures RMS). */
  integrated: number | null;
  /** ± LU around `integrated`; null with it. */
  tolerance: number | null;
  /** Peak ceiling: dBTP for true peak, dBFS for sample peak (ACX). */
  peakCeiling: number;
  peakKind: 'truePeak' | 'samplePeak';
  normalisation: NormalisationPolicy;
  /** Up-gain stops where the true peak would pass −1 dBTP (Spotify, Apple Music). */
  upGainPeakLimited: boolean;
  /** Spotify: a stricter ceiling for masters louder than `above` LUFS. */
  loudPeakRule: { above: number; ceiling: number } | null;
  /** ACX: unweighted RMS window, dBFS. */
  rms: { min: number; max: number } | null;
  /** ACX: quietest 500 ms RMS, dBFS. */
  noiseFloorMax: number | null;
  provenance: { integrated: Provenance | null; tolerance: Provenance | null; peak: Provenance };
  note: string;
}

const streaming = (
  id: TargetId,
  label: string,
  integrated: number,
  integratedProvenance: Provenance,
  peakProvenance: Provenance,
  normalisation: NormalisationPolicy,
  upGainPeakLimited: boolean,
  note: string,
): DeliveryTarget => ({
  id,
  label,
  integrated,
  tolerance: 1,
  peakCeiling: -1,
  peakKind: 'truePeak',
  normalisation,
  upGainPeakLimited,
  loudPeakRule: null,
  rms: null,
  noiseFloorMax: null,
  provenance: { integrated: integratedProvenance, tolerance: 'recommended', peak: peakProvenance },
  note,
});

export const TARGETS: Readonly<Record<TargetId, DeliveryTarget>> = {
  spotify: {
    ...streaming(
      'spotify',
      'Spotify',
      -14,
      'official',
      'official',
      'up-and-down',
      true,
      'Loud mode −11, Quiet −19 LUFS.',
    ),
    loudPeakRule: { above: -14, ceiling: -2 },
  },
  appleMusic: streaming(
    'appleMusic',
    'Apple Music',
    -16,
    'reported',
    'reported',
    'up-and-down',
    true,
    'Sound Check; about 1 dB of true-peak headroom.',
  ),
  youtube: streaming(
    'youtube',
    'YouTube',
    -14,
    'reported',
    'recommended',
    'down-only',
    false,
    'Turns loud tracks down only.',
  ),
  tidal: streaming('tidal', 'TIDAL', -14, 'reported', 'recommended', 'up-and-down', false, ''),
  amazonMusic: streaming(
    'amazonMusic',
    'Amazon Music',
    -14,
    'reported',
    'recommended',
    'up-and-down',
    false,
    '',
  ),
  deezer: streaming('deezer', 'Deezer', -15, 'reported', 'recommended', 'up-and-down', false, ''),
  applePodcasts: {
    ...streaming(
      'applePodcasts',
      'Apple Podcasts',
      -16,
      'official',
      'official',
      'none',
      false,
      'Delivery spec.',
    ),
    provenance: { integrated: 'official', tolerance: 'official', peak: 'official' },
  },
  ebuR128: {
    ...streaming('ebuR128', 'EBU R128', -23, 'official', 'official', 'none', false, ''),
    tolerance: 0.5,
    provenance: { integrated: 'official', tolerance: 'official', peak: 'official' },
    note: 'QC tolerance ±0.2 LU; short-form (R128 s1): max short-term −18 LUFS.',
  },
  atscA85: {
    ...streaming('atscA85', 'ATSC A/85', -24, 'official', 'official', 'none', false, 'US television.'),
    tolerance: 2,
    peakCeiling: -2,
    provenance: { integrated: 'official', tolerance: 'official', peak: 'official' },
  },
  acx: {
    id: 'acx',
    label: 'ACX (Audible)',
    integrated: null,
    tolerance: null,
    peakCeiling: -3,
    peakKind: 'samplePeak',
    normalisation: 'none',
    upGainPeakLimited: false,
    loudPeakRule: null,
    rms: { min: -23, max: -18 },
    noiseFloorMax: -60,
    provenance: { integrated: null, tolerance: null, peak: 'official' },
    note: 'Also: 44.1 kHz, MP3 ≥ 192 kbps CBR, 0.5–1 s room tone at the head, 1–5 s at the tail, ≤ 120 min.',
  },
};

/** What judge() needs: LoudnessReadings and LoudnessReport both qualify. */
export type JudgeInput = Pick<
  LoudnessReadings,
  'integrated' | 'truePeak' | 'samplePeak' | 'rms' | 'noiseFloor' | 'duration'
>;

export interface TargetCheck {
  id: 'integrated' | 'truePeak' | 'samplePeak' | 'rms' | 'noiseFloor';
  label: string;
  /** LUFS, dBTP or dBFS. */
  measured: number;
  /** Inclusive bounds; null where open. */
  min: number | null;
  max: number | null;
  /** The bounds as text, e.g. "−15.0 … −13.0 LUFS" or "≤ −1.0 dBTP". */
  limit: string;
  pass: boolean;
}

export interface TargetVerdict {
  targetId: TargetId;
  pass: boolean;
  checks: TargetCheck[];
  /** dB the platform will apply on playback; null where it does not normalise or nothing was measured. */
  platformGain: number | null;
  /** One sentence for the user, e.g. "Spotify will turn this down by 3.2 dB". */
  summary: string;
}

// Meter readings are compared as measured; this only absorbs float noise at an exact edge.
const EPSILON = 1e-9;

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : v > 0 ? '+∞' : '−∞').replace('-', '−');

function check(
  id: TargetCheck['id'],
  label: string,
  measured: number,
  min: number | null,
  max: number | null,
  unit: string,
  pass = (min === null || measured >= min - EPSILON) && (max === null || measured <= max + EPSILON),
): TargetCheck {
  const limit =
    min !== null && max !== null
      ? `${fmt(min)} … ${fmt(max)} ${unit}`
      : min !== null
        ? `≥ ${fmt(min)} ${unit}`
        : `≤ ${fmt(max ?? 0)} ${unit}`;
  return { id, label, measured, min, max, limit, pass };
}

/** Judges a measurement against a delivery target. Pure: no state, no side effects. */
export function judge(targetId: TargetId, readings: JudgeInput): TargetVerdict {
  const t = TARGETS[targetId];
  const checks: TargetCheck[] = [];
  const measured = Number.isFinite(readings.integrated);
  if (t.integrated !== null && t.tolerance !== null) {
    checks.push(
      check(
        'integrated',
        'Integrated',
        readings.integrated,
        t.integrated - t.tolerance,
        t.integrated + t.tolerance,
        'LUFS',
      ),
    );
  }
  if (t.peakKind === 'truePeak') {
    const loud = t.loudPeakRule !== null && readings.integrated > t.loudPeakRule.above;
    const ceiling = loud && t.loudPeakRule ? t.loudPeakRule.ceiling : t.peakCeiling;
    const label = loud ? `True peak (louder than ${fmt(t.loudPeakRule?.above ?? 0)} LUFS)` : 'True peak';
    checks.push(check('truePeak', label, readings.truePeak, null, ceiling, 'dBTP'));
  } else {
    checks.push(check('samplePeak', 'Sample peak', readings.samplePeak, null, t.peakCeiling, 'dBFS'));
  }
  if (t.rms) checks.push(check('rms', 'RMS', readings.rms, t.rms.min, t.rms.max, 'dBFS'));
  if (t.noiseFloorMax !== null) {
    // A floor needs one full 500 ms window; a shorter file cannot show it.
    const ok = readings.duration >= 0.5 && readings.noiseFloor <= t.noiseFloorMax + EPSILON;
    checks.push(check('noiseFloor', 'Noise floor', readings.noiseFloor, null, t.noiseFloorMax, 'dBFS', ok));
  }
  const pass = checks.every((c) => c.pass);
  const failed = checks.filter((c) => !c.pass);
  const failures = failed.map((c) => `${c.label} ${fmt(c.measured)} (needs ${c.limit})`).join('; ');

  if (t.normalisation === 'none' || t.integrated === null) {
    const summary = pass ? `Meets ${t.label}` : `Fails ${t.label}: ${failures}`;
    return { targetId, pass, checks, platformGain: null, summary };
  }
  if (!measured) {
    return { targetId, pass, checks, platformGain: null, summary: 'No measurable programme loudness yet' };
  }
  let gain = t.integrated - readings.integrated;
  let peakLimited = false;
  if (t.normalisation === 'down-only' && gain > 0) gain = 0;
  if (gain > 0 && t.upGainPeakLimited) {
    const room = Math.max(0, -1 - readings.truePeak);
    if (room < gain) {
      gain = room;
      peakLimited = true;
    }
  }
  const amount = Math.abs(gain).toFixed(1);
  let summary: string;
  if (amount === '0.0') {
    summary =
      t.normalisation === 'down-only' && t.integrated > readings.integrated
        ? `${t.label} will leave this as it is (it only turns loud tracks down)`
        : `${t.label} will play this at its own level`;
  } else {
    summary = `${t.label} will turn this ${gain < 0 ? 'down' : 'up'} by ${amount} dB`;
  }
  if (peakLimited) summary += ' (held back by the true peak)';
  return { targetId, pass, checks, platformGain: gain, summary };
}
