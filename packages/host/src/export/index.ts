// Delivery files: resampling, dither, WAV with metadata, and the loudness report of what was delivered.
export {
  CEILING_TOLERANCE_DB,
  DELIVERY_SAMPLE_RATES,
  type Delivery,
  type DeliveryFormat,
  type DeliveryOptions,
  type DeliveryProgress,
  type DeliveryReport,
  type DeliverySampleRate,
  deliver,
  deliveryFilename,
  type RenderedAudio,
} from './deliver.ts';
export {
  DEFAULT_DITHER_SEED,
  type PcmBits,
  type QuantizeOptions,
  type QuantizeResult,
  quantize,
  TpdfDither,
} from './dither.ts';
export {
  type LoudnessHistory,
  type MeasuredProgramme,
  type MeasureWithHistoryOptions,
  measureWithHistory,
} from './measure.ts';
export {
  MAX_TEXT_LENGTH,
  type NormalisedMetadata,
  normaliseIsrc,
  normaliseMetadata,
  type TrackMetadata,
} from './metadata.ts';
export { formatReport } from './report.ts';
export {
  MAX_RESAMPLE_CHANNELS,
  MAX_RESAMPLE_RATE,
  MIN_RESAMPLE_RATE,
  type ResampleOptions,
  resample,
} from './resample.ts';
export {
  type DecodedWav,
  decodeWav,
  type EncodeWavInput,
  encodeWav,
  MAX_WAV_CHANNELS,
  MAX_WAV_SAMPLE_RATE,
  MIN_WAV_SAMPLE_RATE,
  WAV_ENCODINGS,
  type WavEncoding,
} from './wav.ts';
