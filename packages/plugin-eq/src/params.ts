import { EQ_FILTER_TYPES, EQ_SLOPES, type EqFilterType } from '@lathe/dsp';
import {
  type BooleanParamSpec,
  type ChoiceParamSpec,
  defineParams,
  type FloatParamSpec,
} from '@lathe/plugin-kit';

export const EQ_BANDS = 8;
export type BandNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Where a band acts: both channels, mid (L+R)/2, side (L−R)/2, or one channel. */
export const PLACEMENTS = ['stereo', 'mid', 'side', 'left', 'right'] as const;
export type Placement = (typeof PLACEMENTS)[number];

const SLOPE_CHOICES = EQ_SLOPES.map(String);

/** What the GUI and hosts call each filter type. */
export const TYPE_LABELS: Record<EqFilterType, string> = {
  bell: 'Bell',
  lowShelf: 'Low shelf',
  highShelf: 'High shelf',
  lowCut: 'Low cut',
  highCut: 'High cut',
  notch: 'Notch',
  bandPass: 'Band pass',
  tiltShelf: 'Tilt shelf',
};

/** The per-band fields, in the order of each band's parameter ids. */
export const BAND_FIELDS = ['Enabled', 'Type', 'Frequency', 'Gain', 'Q', 'Slope', 'Placement'] as const;
export type BandField = (typeof BAND_FIELDS)[number];

/** A band's parameter id, e.g. bandId(3, 'Gain') = 'band3Gain'. */
export function bandId<N extends BandNumber, F extends BandField>(band: N, field: F): `band${N}${F}` {
  return `band${band}${field}`;
}

type BandTable<N extends BandNumber> = { [K in `band${N}Enabled`]: BooleanParamSpec } & {
  [K in `band${N}Type`]: ChoiceParamSpec<EqFilterType>;
} & { [K in `band${N}Frequency` | `band${N}Gain` | `band${N}Q`]: FloatParamSpec } & {
  [K in `band${N}Slope`]: ChoiceParamSpec;
} & { [K in `band${N}Placement`]: ChoiceParamSpec<Placement> };

interface BandDefaults {
  readonly enabled: boolean;
  readonly type: EqFilterType;
  readonly frequency: number;
  readonly q: number;
  readonly slope: (typeof EQ_SLOPES)[number];
}

// Works with no configuration: spread over the spectrum, all flat, the two cuts off.
const BAND_DEFAULTS: readonly BandDefaults[] = [
  { enabled: false, type: 'lowCut', frequency: 30, q: 0.71, slope: 24 },
  { enabled: true, type: 'lowShelf', frequency: 100, q: 0.71, slope: 12 },
  { enabled: true, type: 'bell', frequency: 250, q: 1, slope: 12 },
  { enabled: true, type: 'bell', frequency: 700, q: 1, slope: 12 },
  { enabled: true, type: 'bell', frequency: 2000, q: 1, slope: 12 },
  { enabled: true, type: 'bell', frequency: 5000, q: 1, slope: 12 },
  { enabled: true, type: 'highShelf', frequency: 10_000, q: 0.71, slope: 12 },
  { enabled: false, type: 'highCut', frequency: 18_000, q: 0.71, slope: 24 },
];

function band<N extends BandNumber>(n: N, d: BandDefaults): BandTable<N> {
  const label = `Band ${n}`;
  return {
    [bandId(n, 'Enabled')]: { type: 'boolean', label: `${label} on`, default: d.enabled },
    [bandId(n, 'Type')]: {
      type: 'choice',
      label: `${label} type`,
      choices: EQ_FILTER_TYPES,
      choiceLabels: EQ_FILTER_TYPES.map((t) => TYPE_LABELS[t]),
      default: d.type,
    },
    [bandId(n, 'Frequency')]: {
      type: 'float',
      label: `${label} frequency`,
      min: 20,
      max: 20_000,
      default: d.frequency,
      unit: 'Hz',
      scale: 'log',
    },
    [bandId(n, 'Gain')]: {
      type: 'float',
      label: `${label} gain`,
      min: -24,
      max: 24,
      default: 0,
      unit: 'dB',
      decimals: 1,
    },
    [bandId(n, 'Q')]: {
      type: 'float',
      label: `${label} Q`,
      min: 0.1,
      max: 18,
      default: d.q,
      scale: 'log',
      decimals: 2,
    },
    [bandId(n, 'Slope')]: {
      type: 'choice',
      label: `${label} slope`,
      choices: SLOPE_CHOICES,
      choiceLabels: SLOPE_CHOICES.map((s) => `${s} dB/oct`),
      default: String(d.slope),
    },
    [bandId(n, 'Placement')]: {
      type: 'choice',
      label: `${label} placement`,
      choices: PLACEMENTS,
      choiceLabels: ['Stereo', 'Mid', 'Side', 'Left', 'Right'],
      default: 'stereo',
    },
  } as BandTable<N>;
}

const bands = Object.assign(
  {},
  ...BAND_DEFAULTS.map((defaults, i) => band((i + 1) as BandNumber, defaults)),
) as BandTable<BandNumber>;

/** The EQ's parameters. Ids are persistence keys: never rename them. */
export const eqParams = defineParams({
  ...bands,
  outputGain: {
    type: 'float',
    label: 'Output gain',
    min: -24,
    max: 24,
    default: 0,
    unit: 'dB',
    decimals: 1,
  },
  autoGain: { type: 'boolean', label: 'Auto gain', default: false },
});

export type EqParams = typeof eqParams;
export type EqParamId = keyof EqParams & string;
