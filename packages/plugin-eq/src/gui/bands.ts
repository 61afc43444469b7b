import { EQ_FILTER_TYPES } from '@lathe/dsp';
import { type BandNumber, EQ_BANDS } from '../params.ts';

export const BANDS = Array.from({ length: EQ_BANDS }, (_, i) => (i + 1) as BandNumber);

/** One hue per band, shared by handle, curve and tab. */
export const BAND_COLORS = [
  '#ff6b6b',
  '#ffa94d',
  '#ffd43b',
  '#69db7c',
  '#38d9a9',
  '#4dabf7',
  '#9775fa',
  '#f783ac',
];

const GAIN_TYPES = new Set<number>(
  (['bell', 'lowShelf', 'highShelf', 'tiltShelf'] as const).map((t) => EQ_FILTER_TYPES.indexOf(t)),
);
const CUT_TYPES = new Set<number>((['lowCut', 'highCut'] as const).map((t) => EQ_FILTER_TYPES.indexOf(t)));

/** Whether a type (choice index) uses the gain parameter. */
export const bandHasGain = (type: number) => GAIN_TYPES.has(type);
/** Whether a type uses the slope parameter. */
export const bandIsCut = (type: number) => CUT_TYPES.has(type);
