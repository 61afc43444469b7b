import { EQ_MAX_SECTIONS, EQ_SECTION_STRIDE, EQ_SLOPES, EqDesigner, sectionsMagnitude } from '@lathe/dsp';
import { type ParamValues, paramIds } from '@lathe/plugin-kit';
import { describeKernelContract, runKernel } from '@lathe/plugin-kit/testing';
import { describe, expect, it } from 'vitest';
import { createEqKernel, EQ_MAX_CHANNELS, type EqKernel } from './kernel.ts';
import { bandId, type EqParamId, type EqParams, eqParams } from './params.ts';
import { spectrumBandFrequency } from './spectrum.ts';
import { eqTelemetry, TELEMETRY_POST, TELEMETRY_PRE } from './telemetry.ts';
import { BUSY_SETTINGS, eqValues, noise, sines } from './test-signals.ts';

describeKernelContract('eq', createEqKernel, eqParams, {
  params: eqValues(BUSY_SETTINGS),
  telemetrySize: eqTelemetry.size,
});

type Values = ParamValues<EqParams>;
interface Change {
  at: number;
  values: Partial<Values>;
}

function kernel(values: Values, sampleRate = 48_000): EqKernel {
  return createEqKernel({ sampleRate, maxChannels: EQ_MAX_CHANNELS, params: values });
}

/** Renders `signal` in blocks of `block`, applying each change at its sample (blocks split there). */
function render(k: EqKernel, signal: Float32Array[], block: number, changes: Change[] = []): Float32Array[] {
  const out = signal.map((c) => new Float32Array(c.length));
  let from = 0;
  for (const { at, values } of [...changes, { at: signal[0].length, values: {} }]) {
    while (from < at) {
      const to = Math.min(at, from + block);
      k.process(signal, out, from, to);
      from = to;
    }
    for (const [id, value] of Object.entries(values)) k.setParameter(id as EqParamId, value as number);
  }
  return out;
}

const dbOf = (ratio: number) => 20 * Math.log10(ratio);

function maxAbs(x: Float32Array, from = 0, to = x.length): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

function maxStep(x: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = Math.max(1, from); i < to; i++) m = Math.max(m, Math.abs(x[i] - x[i - 1]));
  return m;
}

/** Magnitude of one band's design at frequency f (what its coefficients do). */
function bandMagnitude(values: Values, band: number, f: number, sampleRate: number): number {
  const id = (field: Parameters<typeof bandId>[1]) => values[bandId(band as 1, field)];
  if (id('Enabled') < 0.5) return 1;
  const c = new Float64Array(EQ_MAX_SECTIONS * EQ_SECTION_STRIDE);
  const n = new EqDesigner(sampleRate).designIndexed(
    id('Type'),
    id('Frequency'),
    id('Gain'),
    id('Q'),
    EQ_SLOPES[id('Slope')],
    c,
  );
  return sectionsMagnitude(c, n, f, sampleRate);
}

describe('eq kernel', () => {
  it('gives identical output for blocks of 1, 7, 128 and 4096, mono and stereo, 44.1–192 kHz, with automation', () => {
    for (const sampleRate of [44_100, 96_000, 192_000]) {
      const length = Math.round(sampleRate * 0.15);
      const stereo = [noise(length, 1), noise(length, 2)];
      // Automation mid-stream: smoothing, a crossfade and auto gain all run during the test.
      const changes: Change[] = [
        { at: 3000, values: { band3Gain: 9, band5Frequency: 9000, outputGain: 3 } },
        { at: 5003, values: { band4Type: 1, band6Placement: 2, autoGain: 1 } },
        { at: 9001, values: { band1Slope: 7, band7Q: 6 } },
      ];
      for (const signal of [stereo, [stereo[0]]]) {
        const reference = render(kernel(eqValues(BUSY_SETTINGS), sampleRate), signal, length, changes);
        for (const block of [1, 7, 128, 4096]) {
          const output = render(kernel(eqValues(BUSY_SETTINGS), sampleRate), signal, block, changes);
          for (let c = 0; c < signal.length; c++) expect(output[c]).toEqual(reference[c]);
        }
      }
    }
  });

  it('flushes a decaying tail to zero at the same samples for any block split', () => {
    // A burst, then silence long enough for every band's ringing to pass the flush threshold.
    const length = 48_000 * 2;
    const burst = noise(2400, 3);
    const signal = [0, 1].map(() => {
      const channel = new Float32Array(length);
      channel.set(burst);
      return channel;
    });
    const reference = render(kernel(eqValues(BUSY_SETTINGS)), signal, length);
    expect(maxAbs(reference[0], length - 4800)).toBe(0);
    for (const block of [1, 7, 128, 4096]) {
      const output = render(kernel(eqValues(BUSY_SETTINGS)), signal, block);
      for (let c = 0; c < signal.length; c++) expect(output[c]).toEqual(reference[c]);
    }
  });

  it('is transparent with all eight bands on as bells and shelves at 0 dB (≤ −120 dB)', () => {
    const types = ['bell', 'lowShelf', 'highShelf', 'tiltShelf', 'bell', 'bell', 'highShelf', 'lowShelf'];
    const placements = ['stereo', 'mid', 'side', 'left', 'right', 'stereo', 'mid', 'stereo'];
    const settings: Record<string, string | number | boolean> = {};
    types.forEach((type, i) => {
      const n = (i + 1) as 1;
      settings[bandId(n, 'Enabled')] = true;
      settings[bandId(n, 'Type')] = type;
      settings[bandId(n, 'Placement')] = placements[i];
      settings[bandId(n, 'Q')] = 0.3 + i;
    });
    const signal = [noise(24_000, 5, 0.9), noise(24_000, 6, 0.9)];
    const output = runKernel(kernel(eqValues(settings)), signal, [128]);
    let difference = 0;
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < signal[c].length; i++) {
        difference = Math.max(difference, Math.abs(output[c][i] - signal[c][i]));
      }
    }
    const db = difference === 0 ? -Infinity : dbOf(difference / maxAbs(signal[0]));
    console.log(`[eq] transparency at 0 dB: max difference ${db} dB`);
    expect(db).toBeLessThanOrEqual(-120);
  });

  it('renders the response its designer computes (impulse response vs coefficients), 44.1–192 kHz', () => {
    for (const sampleRate of [44_100, 48_000, 88_200, 96_000, 176_400, 192_000]) {
      const values = eqValues({
        band1Enabled: true,
        band1Frequency: 40,
        band1Slope: '36',
        band3Gain: 7,
        band3Frequency: 180,
        band5Gain: -9,
        band5Frequency: 2500,
        band5Q: 3,
        band7Gain: 5,
        band7Frequency: 11_000,
      });
      const length = sampleRate;
      const impulse = new Float32Array(length);
      impulse[0] = 1;
      const [response] = runKernel(kernel(values, sampleRate), [impulse], [128]);
      for (const f of [30, 100, 180, 1000, 2500, 8000, 15_000, 19_000]) {
        let re = 0;
        let im = 0;
        for (let i = 0; i < length; i++) {
          re += response[i] * Math.cos((2 * Math.PI * f * i) / sampleRate);
          im -= response[i] * Math.sin((2 * Math.PI * f * i) / sampleRate);
        }
        let expected = 0;
        for (let band = 1; band <= 8; band++) expected += dbOf(bandMagnitude(values, band, f, sampleRate));
        expect(
          Math.abs(10 * Math.log10(re * re + im * im) - expected),
          `${sampleRate} Hz at ${f} Hz`,
        ).toBeLessThan(0.01);
      }
    }
  });

  describe('placement', () => {
    const bell = (placement: string) =>
      eqValues({ band5Gain: 12, band5Frequency: 1000, band5Q: 0.7, band5Placement: placement });
    const length = 4800;
    const a = noise(length, 11);
    const b = noise(length, 12);
    const stereoBell = (x: Float32Array) => runKernel(kernel(bell('stereo')), [x], [128])[0];

    it('filters M = (L+R)/2 or S = (L−R)/2 and decodes L = M + S, R = M − S', () => {
      const mid = runKernel(kernel(bell('mid')), [a, b], [128]);
      const side = runKernel(kernel(bell('side')), [a, b], [128]);
      const m = stereoBell(a.map((l, i) => 0.5 * (l + b[i])));
      const s = stereoBell(a.map((l, i) => 0.5 * (l - b[i])));
      for (let i = 0; i < length; i++) {
        const rawM = 0.5 * (a[i] + b[i]);
        const rawS = 0.5 * (a[i] - b[i]);
        expect(mid[0][i]).toBeCloseTo(m[i] + rawS, 5);
        expect(mid[1][i]).toBeCloseTo(m[i] - rawS, 5);
        expect(side[0][i]).toBeCloseTo(rawM + s[i], 5);
        expect(side[1][i]).toBeCloseTo(rawM - s[i], 5);
      }
    });

    it('on mono input: mid is the signal, side does nothing', () => {
      expect(runKernel(kernel(bell('mid')), [a], [128])[0]).toEqual(stereoBell(a));
      expect(runKernel(kernel(bell('side')), [a], [128])[0]).toEqual(a);
    });

    it('left and right bands touch only their channel', () => {
      const left = runKernel(kernel(bell('left')), [a, b], [128]);
      const right = runKernel(kernel(bell('right')), [a, b], [128]);
      expect(left[0]).toEqual(stereoBell(a));
      expect(left[1]).toEqual(b);
      expect(right[0]).toEqual(a);
      expect(right[1]).toEqual(stereoBell(b));
    });
  });

  describe('parameter changes', () => {
    const sampleRate = 48_000;
    const length = Math.round(0.35 * sampleRate);
    const at = Math.round(0.2 * sampleRate);
    // Different material on each side, so mid/side and left/right changes show.
    const parts: [number, number][][] = [
      [
        [220, 0.35],
        [3100, 0.35],
      ],
      [
        [330, 0.3],
        [1700, 0.3],
      ],
    ];
    const signal = parts.map((p) => sines(length, sampleRate, p));

    /**
     * The largest sample-to-sample step the steady input produces through the EQ at `values`: a
     * sum of sines a·|H(f)| has steps up to Σ a·|H(f)|·2·sin(πf/fs). (Exact for bands on stereo.)
     */
    function steadyStep(values: Values, channel: number): number {
      const gain = 10 ** (values.outputGain / 20);
      let step = 0;
      for (const [f, a] of parts[channel]) {
        let h = gain;
        for (let band = 1; band <= 8; band++) h *= bandMagnitude(values, band, f, sampleRate);
        step += a * h * 2 * Math.sin((Math.PI * f) / sampleRate);
      }
      return step;
    }

    /** Settings the smoothing passes through (log frequency and Q, gains in dB). */
    function* path(from: Values, to: Partial<Values>, points = 400): Generator<Values> {
      for (let k = 0; k <= points; k++) {
        const t = k / points;
        const values = { ...from };
        for (const [id, target] of Object.entries(to) as [EqParamId, number][]) {
          const start = from[id];
          if (id.endsWith('Frequency') || id.endsWith('Q')) values[id] = start * (target / start) ** t;
          else if (id.endsWith('Gain')) values[id] = start + (target - start) * t;
          else values[id] = t < 1 ? start : target;
        }
        yield values;
      }
    }

    interface Measured {
      ratio: number;
      settledDb: number;
    }

    /** Jumps from `before` to `change` at `at`; compares steps with the steady ones and the end state. */
    function jump(before: Record<string, string | number | boolean>, change: Partial<Values>): Measured {
      const from = eqValues(before);
      const to = { ...from, ...change };
      const jumped = render(kernel(from), signal, 128, [{ at, values: change }]);
      const steady = render(kernel(to), signal, 128);
      const steadyBefore = render(kernel(from), signal, 128);
      let ratio = 0;
      let settledDb = -Infinity;
      for (let c = 0; c < 2; c++) {
        // Measured steady steps cover placements the formula does not; the formula covers the path.
        let reference = Math.max(maxStep(steadyBefore[c], at - 4800, at), maxStep(steady[c], at, length));
        for (const values of path(from, change)) reference = Math.max(reference, steadyStep(values, c));
        ratio = Math.max(ratio, maxStep(jumped[c], at, at + 0.06 * sampleRate) / reference);
        let difference = 0;
        for (let i = at + 0.05 * sampleRate; i < length; i++) {
          difference = Math.max(difference, Math.abs(jumped[c][i] - steady[c][i]));
        }
        settledDb = Math.max(settledDb, dbOf(difference / maxAbs(steady[c], at, length)));
      }
      return { ratio, settledDb };
    }

    const cases: [string, Record<string, string | number | boolean>, Partial<Values>][] = [
      ['bell gain 0 → +18 dB', { band5Frequency: 1000, band5Q: 2 }, { band5Gain: 18 }],
      ['bell gain +18 → −18 dB', { band5Frequency: 1000, band5Q: 2, band5Gain: 18 }, { band5Gain: -18 }],
      [
        'bell −24 dB, Q 18 on a sine → 0 dB',
        { band5Frequency: 3100, band5Q: 18, band5Gain: -24 },
        { band5Gain: 0 },
      ],
      [
        'bell +12 dB Q 4: 100 Hz → 10 kHz',
        { band5Frequency: 100, band5Q: 4, band5Gain: 12 },
        { band5Frequency: 10_000 },
      ],
      [
        'bell −9 dB Q 1: 8 kHz → 150 Hz',
        { band5Frequency: 8000, band5Q: 1, band5Gain: -9 },
        { band5Frequency: 150 },
      ],
      ['bell +12 dB: Q 0.3 → 8', { band5Frequency: 3000, band5Q: 0.3, band5Gain: 12 }, { band5Q: 8 }],
      ['low shelf +15 dB: 40 Hz → 900 Hz', { band2Gain: 15, band2Frequency: 40 }, { band2Frequency: 900 }],
      ['type bell → high shelf', { band5Frequency: 1000, band5Gain: 12 }, { band5Type: 2 }],
      ['type bell → low cut', { band5Frequency: 1000, band5Gain: 12 }, { band5Type: 3 }],
      [
        'low cut at 300 Hz: 12 → 96 dB/oct',
        { band1Enabled: true, band1Frequency: 300, band1Slope: '12' },
        { band1Slope: 7 },
      ],
      ['placement stereo → side', { band5Frequency: 1000, band5Gain: 12 }, { band5Placement: 2 }],
      [
        'low cut at 1 kHz, 48 dB/oct, switched on',
        { band1Frequency: 1000, band1Slope: '48' },
        { band1Enabled: 1 },
      ],
      [
        'high cut at 500 Hz switched off',
        { band8Enabled: true, band8Frequency: 500, band8Slope: '48' },
        { band8Enabled: 0 },
      ],
      ['output gain +24 → −24 dB', { outputGain: 24 }, { outputGain: -24 }],
      ['auto gain on, +12 dB shelf', { band7Gain: 12, band7Frequency: 2000 }, { autoGain: 1 }],
    ];

    for (const [name, before, change] of cases) {
      // Moving between two filters whose phases differ, a time-varying filter can exceed the
      // steady steps by a hair (measured: at most 0.3 %); 1 % is the bar, far below audibility.
      it(`${name}: no step over 1 % beyond the steady ones, settled within 50 ms`, () => {
        const { ratio, settledDb } = jump(before, change);
        console.log(`[eq] ${name}: step ${ratio.toFixed(3)}× steady, 50 ms later ${settledDb.toFixed(1)} dB`);
        expect(ratio).toBeLessThanOrEqual(1.01);
        expect(settledDb).toBeLessThanOrEqual(-60);
      });
    }

    it('fast automation (a new frequency every 128 samples) stays within the steady steps', () => {
      const from = eqValues({ band5Gain: 12, band5Q: 2, band5Frequency: 1000 });
      const changes: Change[] = [];
      for (let i = 0; i < 60; i++) {
        changes.push({
          at: 2400 + 128 * i,
          values: { band5Frequency: 200 * 25 ** (0.5 + 0.5 * Math.sin(i / 3)) },
        });
      }
      const out = render(kernel(from), signal, 128, changes);
      for (let c = 0; c < 2; c++) {
        let reference = 0;
        for (const values of path(from, { band5Frequency: 200 }, 200))
          reference = Math.max(reference, steadyStep(values, c));
        for (const values of path(from, { band5Frequency: 5000 }, 200))
          reference = Math.max(reference, steadyStep(values, c));
        const ratio = maxStep(out[c], 2400, 2400 + 128 * 70) / reference;
        console.log(`[eq] fast frequency automation: step ${ratio.toFixed(3)}× steady`);
        expect(ratio).toBeLessThanOrEqual(1.01);
      }
    });

    // A known limit, not a click: a narrow cut swept across a sine faster than its own decay time
    // rings (the analog prototype does the same), so the sine comes back with a brief overshoot.
    // Finer coefficient grids (down to every sample) do not change it. The bar here is the
    // measured one, to catch regressions; see the package README.
    it('a narrow cut swept 10 octaves in 40 ms across a sine overshoots by at most 20 %', () => {
      const worst = Math.max(
        ...[2, 8, 18].flatMap((q) =>
          [-24, -12].map((gain) => {
            const { ratio } = jump(
              { band5Frequency: 20_000, band5Q: q, band5Gain: gain },
              { band5Frequency: 20 },
            );
            console.log(`[eq] cut Q ${q} ${gain} dB swept 20 kHz → 20 Hz: step ${ratio.toFixed(3)}× steady`);
            return ratio;
          }),
        ),
      );
      expect(worst).toBeLessThanOrEqual(1.2);
    });
  });

  it('auto gain follows the settings only: pink noise keeps its level, whatever the signal', () => {
    const sampleRate = 48_000;
    const length = sampleRate;
    // Pink noise from 20 Hz to 20 kHz: equal-amplitude sines, log-spaced, random phases.
    const pink = new Float32Array(length);
    let seed = 3;
    for (let k = 0; k < 600; k++) {
      const f = 20 * 1000 ** (k / 599);
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const phase = (2 * Math.PI * seed) / 2 ** 32;
      for (let i = 0; i < length; i++) pink[i] += 0.01 * Math.sin((2 * Math.PI * f * i) / sampleRate + phase);
    }
    const rms = (x: Float32Array) => {
      let sum = 0;
      for (let i = length / 2; i < length; i++) sum += x[i] * x[i];
      return Math.sqrt(sum / (length / 2));
    };
    const settingsList: Record<string, string | number | boolean>[] = [
      { band2Gain: 6, band4Gain: -4, band4Q: 0.7, band7Gain: 5 },
      { band5Gain: 24, band5Q: 18, band5Frequency: 1234, band2Gain: -6, band2Placement: 'mid' },
      { band3Gain: 9, band3Placement: 'left', band6Gain: -12, band6Q: 4, band6Placement: 'side' },
    ];
    for (const settings of settingsList) {
      const withPink = kernel(eqValues({ ...settings, autoGain: true }));
      const [out] = runKernel(withPink, [pink], [128]);
      const levelChange = dbOf(rms(out) / rms(pink));
      const frame = new Float64Array(eqTelemetry.size);
      withPink.writeTelemetry(frame);
      const withSine = kernel(eqValues({ ...settings, autoGain: true }));
      runKernel(withSine, [sines(length, sampleRate, [[100, 0.5]])], [128]);
      const other = new Float64Array(eqTelemetry.size);
      withSine.writeTelemetry(other);
      const autoGain = frame[eqTelemetry.index.autoGain];
      console.log(
        `[eq] auto gain ${autoGain.toFixed(2)} dB; pink noise level change ${levelChange.toFixed(2)} dB`,
      );
      expect(other[eqTelemetry.index.autoGain]).toBe(autoGain);
      // Mono pink noise is the centred reference, except for the left band's: it counts half.
      if (!('band3Placement' in settings)) expect(Math.abs(levelChange)).toBeLessThan(0.2);
    }
  });

  it('reports pre and post spectra: a −6 dBFS sine reads −6 dB before, 0 dB after a +6 dB bell on it', () => {
    const sampleRate = 48_000;
    const k = kernel(eqValues({ band5Gain: 6, band5Frequency: 1000, band5Q: 4 }));
    k.setWatched(true);
    runKernel(k, [sines(sampleRate / 2, sampleRate, [[1000, 0.5]])], [128]);
    const frame = new Float64Array(eqTelemetry.size);
    k.writeTelemetry(frame);
    let band = 0;
    for (let i = 0; i < 96; i++) {
      if (
        Math.abs(Math.log(spectrumBandFrequency(i) / 1000)) <
        Math.abs(Math.log(spectrumBandFrequency(band) / 1000))
      )
        band = i;
    }
    // Within the Hann window's scalloping loss (≤ 1.42 dB) of the true levels.
    expect(Math.abs(frame[TELEMETRY_PRE + band] + 6.02)).toBeLessThan(1.5);
    expect(Math.abs(frame[TELEMETRY_POST + band] - (frame[TELEMETRY_PRE + band] + 6.02))).toBeLessThan(0.1);
    // Far from the sine: the window's sidelobes, far down.
    expect(frame[TELEMETRY_PRE + 10]).toBeLessThan(-90);
  });

  it('parameter table: 8 × 7 band parameters plus output and auto gain, ids as specified', () => {
    const ids = paramIds(eqParams);
    expect(ids).toHaveLength(58);
    for (let n = 1; n <= 8; n++) {
      for (const field of ['Enabled', 'Type', 'Frequency', 'Gain', 'Q', 'Slope', 'Placement']) {
        expect(ids).toContain(`band${n}${field}`);
      }
    }
    expect(eqParams.band3Type.choices).toEqual([
      'bell',
      'lowShelf',
      'highShelf',
      'lowCut',
      'highCut',
      'notch',
      'bandPass',
      'tiltShelf',
    ]);
    expect(eqParams.band1Slope.choices).toEqual(['6', '12', '18', '24', '36', '48', '72', '96']);
    expect(eqParams.band1Placement.choices).toEqual(['stereo', 'mid', 'side', 'left', 'right']);
    expect(eqParams.band4Frequency).toMatchObject({ min: 20, max: 20_000, scale: 'log' });
    expect(eqParams.band4Gain).toMatchObject({ min: -24, max: 24 });
    expect(eqParams.band4Q).toMatchObject({ min: 0.1, max: 18 });
  });
});
