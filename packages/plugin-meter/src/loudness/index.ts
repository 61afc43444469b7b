export { createLoudnessReadings, LoudnessEngine, type LoudnessReadings } from './engine.ts';
export {
  type LoudnessReport,
  MAX_CHANNELS,
  MAX_SAMPLE_RATE,
  type MeasureOptions,
  MIN_SAMPLE_RATE,
  measureLoudness,
} from './measure.ts';
export {
  type DeliveryTarget,
  type JudgeInput,
  judge,
  type NormalisationPolicy,
  type Provenance,
  TARGET_IDS,
  TARGETS,
  type TargetCheck,
  type TargetId,
  type TargetVerdict,
} from './targets.ts';
