import { programme, sine } from '@lathe/dsp/test-signals';
import { judge, measureLoudness } from '@lathe/plugin-meter';
import { describe, expect, it } from 'vitest';
import { type DeliveryProgress, deliver } from './deliver.ts';
import { ffmpegDecodeFloat, ffprobe } from './ffmpeg.testing.ts';
import { formatReport } from './report.ts';

const dbtp = (linear: number) => 20 * Math.log10(linear);

/**
 * A 48 kHz render at exactly −1 dBTP, as a limiter set to −1 dBTP leaves it: 7.5 kHz plus a sixth of
 * its third harmonic (22.5 kHz) in the phase that flattens the crests. 44.1 kHz cannot carry 22.5 kHz,
 * so resampling removes it and the crests rise (in theory from 0.866 to 1 times the 7.5 kHz amplitude).
 */
function limitedRender(seconds = 5) {
  const rate = 48000;
  const x = new Float32Array(seconds * rate);
  for (let i = 0; i < x.length; i++) {
    const w = (2 * Math.PI * 7500 * i) / rate;
    x[i] = Math.sin(w) + Math.sin(3 * w) / 6;
  }
  const gain = 10 ** ((-1 - measureLoudness([x], rate).truePeak) / 20);
  for (let i = 0; i < x.length; i++) x[i] *= gain;
  return { render: { channels: [x], sampleRate: rate }, amplitude: gain };
}

describe('deliver: the report is measured on the file', () => {
  it('48 kHz render → 44.1 kHz 24-bit: figures equal measureLoudness of the ffmpeg-decoded file', async () => {
    const render = { channels: programme(48000, 30, 11), sampleRate: 48000 };
    const stages = new Set<string>();
    const { bytes, filename, report } = await deliver(render, {
      sampleRate: 44100,
      encoding: 'pcm24',
      metadata: { title: 'Night Drive', artist: 'The Lathes', isrc: 'GB-AAA-25-00001' },
      targetId: 'spotify',
      ceilingDbtp: -1,
      onProgress: (p: DeliveryProgress) => stages.add(p.stage),
    });
    const decoded = ffmpegDecodeFloat(bytes, 2);
    const reference = measureLoudness(decoded, 44100);
    expect(report.loudness).toEqual(reference);
    expect(report.verdict).toEqual(judge('spotify', reference));
    expect(report.format).toEqual({
      container: 'wav',
      encoding: 'pcm24',
      bitDepth: 24,
      sampleRate: 44100,
      channels: 2,
      frames: 30 * 44100,
      bytes: bytes.length,
      dither: 'tpdf',
      ditherSeed: 0x1a7e,
      sourceSampleRate: 48000,
      resampler: 'libsamplerate (SRC_SINC_BEST_QUALITY)',
    });
    expect(ffprobe(bytes).stream).toMatchObject({
      codec_name: 'pcm_s24le',
      sample_rate: '44100',
      channels: 2,
    });
    expect(report.metadata).toEqual({ title: 'Night Drive', artist: 'The Lathes', isrc: 'GBAAA2500001' });
    expect(filename).toBe('The Lathes - Night Drive_44k1_24bit.wav');
    expect([...stages]).toEqual(['resampling', 'encoding', 'measuring']);
    // 30 s: short-term values from 3.0 s to 30.0 s every 0.1 s.
    expect(report.shortTermHistory.start).toBe(3);
    expect(report.shortTermHistory.interval).toBe(0.1);
    expect(report.shortTermHistory.values).toHaveLength(271);
    // The history is sampled every 100 ms; the maximum is taken every 10 ms.
    expect(Math.max(...report.shortTermHistory.values)).toBeLessThanOrEqual(reference.shortTermMax);
    console.log(
      `programme 48k→44.1k/24: I ${reference.integrated.toFixed(2)} LUFS, LRA ${reference.loudnessRange.toFixed(2)} LU, ` +
        `TP ${reference.truePeak.toFixed(3)} dBTP; report identical to measureLoudness(ffmpeg decode)`,
    );
  });

  it('short-term history: each value is the short-term loudness at its time', async () => {
    // A crescendo (+2 dB/s): short-term loudness only rises, so the loudest short-term value of the
    // file's first t seconds, as measureLoudness() reads it, is the value at t.
    const rate = 48000;
    const x = sine({ sampleRate: rate, frequency: 1000, duration: 8, amplitude: 0.01 });
    for (let i = 0; i < x.length; i++) x[i] *= 10 ** ((2 * i) / rate / 20);
    const { bytes, report } = await deliver(
      { channels: [x], sampleRate: rate },
      { sampleRate: 48000, encoding: 'float32', historyInterval: 0.5 },
    );
    const [decoded] = ffmpegDecodeFloat(bytes, 1);
    const { start, interval, values } = report.shortTermHistory;
    expect(interval).toBe(0.5);
    expect(values).toHaveLength(11);
    values.forEach((value, i) => {
      const end = Math.round((start + i * interval) * rate);
      expect(value).toBe(measureLoudness([decoded.subarray(0, end)], rate).shortTermMax);
    });
  });

  it('short-term history of a −23 dBFS 1 kHz stereo sine reads −23 LUFS (EBU Tech 3341 case 1)', async () => {
    const tone = sine({ sampleRate: 44100, frequency: 1000, duration: 10, amplitude: 10 ** (-23 / 20) });
    const { report } = await deliver(
      { channels: [tone, tone.slice()], sampleRate: 44100 },
      { sampleRate: 48000, encoding: 'pcm16', historyInterval: 1 },
    );
    expect(report.shortTermHistory.values).toHaveLength(8);
    for (const value of report.shortTermHistory.values) expect(value).toBeCloseTo(-23, 1);
  });
});

describe('deliver: true-peak ceiling', () => {
  it('is flagged when resampling to 44.1 kHz pushes the true peak over it', async () => {
    const { render, amplitude } = limitedRender();
    const { bytes, report } = await deliver(render, {
      sampleRate: 44100,
      encoding: 'pcm16',
      ceilingDbtp: -1,
    });
    const [decoded] = ffmpegDecodeFloat(bytes, 1);
    const reference = measureLoudness([decoded], 44100);
    expect(report.loudness.truePeak).toBe(reference.truePeak);
    // The premise: what is left is the 7.5 kHz sine alone, at its amplitude.
    const edge = 4410;
    let residual = 0;
    for (let i = edge; i < decoded.length - edge; i++) {
      residual = Math.max(
        residual,
        Math.abs(decoded[i] - amplitude * Math.sin((2 * Math.PI * 7500 * i) / 44100)),
      );
    }
    expect(dbtp(residual / amplitude)).toBeLessThan(-80);
    expect(report.ceilingExceeded).toBe(true);
    expect(report.renderTruePeak).toBe(measureLoudness(render.channels, 48000).truePeak);
    expect(report.ceilingMessage).toContain(
      'The render peaks at −1.00 dBTP; resampling from 48 kHz to 44.1 kHz and dither after the limiter raised it',
    );
    expect(report.ceilingMessage).toContain('or deliver at 48 kHz');
    console.log(
      `ceiling case: render ${measureLoudness(render.channels, 48000).truePeak.toFixed(3)} dBTP at 48 kHz, ` +
        `delivered ${report.loudness.truePeak.toFixed(3)} dBTP at 44.1 kHz (22.5 kHz residue ` +
        `${dbtp(residual / amplitude).toFixed(1)} dB); message: ${report.ceilingMessage}`,
    );
  });

  it('is kept when delivered at the render rate (16-bit dither moves the peak by far less than 0.01 dB)', async () => {
    const { render } = limitedRender();
    const { report } = await deliver(render, { sampleRate: 48000, encoding: 'pcm16', ceilingDbtp: -1 });
    expect(Math.abs(report.loudness.truePeak + 1)).toBeLessThan(0.001);
    expect(report.ceilingExceeded).toBe(false);
    expect(report.ceilingMessage).toBeNull();
  });
});

describe('deliver: options', () => {
  const render = {
    channels: [sine({ sampleRate: 48000, frequency: 440, duration: 1, amplitude: 0.5 })],
    sampleRate: 48000,
  };

  it('is reproducible for a dither seed, and differs for another', async () => {
    const a = await deliver(render, { sampleRate: 44100, encoding: 'pcm16', ditherSeed: 1 });
    const b = await deliver(render, { sampleRate: 44100, encoding: 'pcm16', ditherSeed: 1 });
    const c = await deliver(render, { sampleRate: 44100, encoding: 'pcm16', ditherSeed: 2 });
    expect(a.bytes).toEqual(b.bytes);
    expect(a.bytes).not.toEqual(c.bytes);
  });

  it('without dither, a mono render at the delivery rate is only rounded', async () => {
    const { bytes, filename, report } = await deliver(render, {
      sampleRate: 48000,
      encoding: 'pcm16',
      dither: false,
    });
    const [decoded] = ffmpegDecodeFloat(bytes, 1);
    // (+ 0 turns the −0 of rounding a small negative number into the 0 a decoder gives)
    expect(Array.from(decoded)).toEqual(
      Array.from(render.channels[0], (v) => Math.round(v * 32768) / 32768 + 0),
    );
    expect(report.format).toMatchObject({ dither: 'none', ditherSeed: null, resampler: null, channels: 1 });
    expect(report.verdict).toBeNull();
    expect(report.ceilingDbtp).toBeNull();
    expect(report.shortTermHistory.values).toEqual([]);
    expect(filename).toBe('lathe-master_48k_16bit.wav');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      deliver(render, { sampleRate: 44100, encoding: 'pcm16', signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('names the field of bad input', async () => {
    const bad = (options: object, input: object = render) =>
      deliver(
        input as typeof render,
        { sampleRate: 44100, encoding: 'pcm16', ...options } as Parameters<typeof deliver>[1],
      );
    await expect(bad({ sampleRate: 96000 })).rejects.toThrow(
      /options.sampleRate: 96000 is not a delivery rate/,
    );
    await expect(bad({ encoding: 'mp3' })).rejects.toThrow(
      /options.encoding: expected one of pcm16, pcm24, float32/,
    );
    await expect(bad({ encoding: 'float32', dither: true })).rejects.toThrow(
      /float32 files are not dithered/,
    );
    await expect(bad({ targetId: 'napster' })).rejects.toThrow(/options.targetId: unknown target napster/);
    await expect(bad({ ceilingDbtp: Number.NaN })).rejects.toThrow(/options.ceilingDbtp: expected a number/);
    await expect(bad({ historyInterval: 0.25 })).rejects.toThrow(
      /historyInterval: expected a positive multiple of 0.1/,
    );
    await expect(bad({ metadata: { isrc: 'XX' } })).rejects.toThrow(
      /options.metadata.isrc: "XX" is not an ISRC/,
    );
    await expect(
      bad({}, { channels: [new Float32Array([0, Number.NaN])], sampleRate: 48000 }),
    ).rejects.toThrow(/render.channels\[0\]\[1\] is NaN/);
    await expect(bad({}, { channels: [new Float32Array(0)], sampleRate: 48000 })).rejects.toThrow(
      /no samples/,
    );
    await expect(bad({}, { channels: render.channels, sampleRate: 4000 })).rejects.toThrow(
      /render.sampleRate/,
    );
  });
});

describe('formatReport', () => {
  it('writes the figures, the verdict, the ceiling warning and the history as text', async () => {
    const x = limitedRender(20).render.channels[0];
    const { report } = await deliver(
      { channels: [x, x], sampleRate: 48000 },
      {
        sampleRate: 44100,
        encoding: 'pcm16',
        targetId: 'spotify',
        ceilingDbtp: -1,
        metadata: { title: 'T', isrc: 'USRC17607839' },
      },
    );
    const text = formatReport(report);
    console.log(text);
    expect(text).toContain('Format                WAV, 16-bit PCM, 44.1 kHz, stereo');
    expect(text).toContain('ISRC                  USRC17607839');
    expect(text).toContain(
      `True peak             ${report.loudness.truePeak.toFixed(2).replace('-', '−')} dBTP`,
    );
    expect(text).toContain('Ceiling               EXCEEDED (−1.00 dBTP)');
    expect(text).toContain(report.ceilingMessage!);
    expect(text).toContain(`Target: FAIL: ${report.verdict!.summary}`);
    expect(text).toContain('  FAIL  True peak (louder than −14.0 LUFS): −0.6, needs ≤ −2.0 dBTP');
    // 20 s of history at one line a second: 0:03 … 0:20.
    expect(text).toMatch(/\n +0:03 +−?\d+\.\d LUFS {2}#+\n/);
    expect(text.match(/^ +\d:\d\d +/gm)).toHaveLength(18);
  });
});
