import { describe, expect, it } from 'vitest';
import { type JudgeInput, judge, TARGET_IDS, TARGETS } from './targets.ts';

const readings = (overrides: Partial<JudgeInput>): JudgeInput => ({
  integrated: -14,
  truePeak: -1.5,
  samplePeak: -2,
  rms: -20,
  noiseFloor: -70,
  duration: 180,
  ...overrides,
});

const checkOf = (v: ReturnType<typeof judge>, id: string) => v.checks.find((c) => c.id === id);

describe('delivery targets', () => {
  it('lists every target in order with its label and provenance', () => {
    expect(TARGET_IDS).toEqual([
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
    ]);
    for (const id of TARGET_IDS) expect(TARGETS[id].id).toBe(id);
    expect(TARGETS.spotify.provenance).toEqual({
      integrated: 'official',
      tolerance: 'recommended',
      peak: 'official',
    });
    expect(TARGETS.youtube.provenance.peak).toBe('recommended');
    expect(TARGETS.appleMusic.provenance.integrated).toBe('reported');
    expect(TARGETS.ebuR128).toMatchObject({
      integrated: -23,
      tolerance: 0.5,
      peakCeiling: -1,
      normalisation: 'none',
    });
    expect(TARGETS.atscA85).toMatchObject({ integrated: -24, tolerance: 2, peakCeiling: -2 });
    expect(TARGETS.acx).toMatchObject({
      integrated: null,
      peakKind: 'samplePeak',
      peakCeiling: -3,
      noiseFloorMax: -60,
    });
  });

  it('Spotify: ±1 LU, −1 dBTP, and −2 dBTP once louder than −14 LUFS', () => {
    const atTarget = judge('spotify', readings({ integrated: -14, truePeak: -1 }));
    expect(atTarget.pass).toBe(true);
    expect(atTarget.platformGain).toBe(0);
    expect(atTarget.summary).toBe('Spotify will play this at its own level');

    const louder = judge('spotify', readings({ integrated: -13.5, truePeak: -1.5 }));
    expect(checkOf(louder, 'truePeak')).toMatchObject({ pass: false, max: -2 });
    expect(louder.pass).toBe(false);
    expect(judge('spotify', readings({ integrated: -13.5, truePeak: -2 })).pass).toBe(true);

    expect(judge('spotify', readings({ integrated: -15 })).pass).toBe(true);
    expect(checkOf(judge('spotify', readings({ integrated: -15.01 })), 'integrated')?.pass).toBe(false);
    expect(
      checkOf(judge('spotify', readings({ integrated: -12.99, truePeak: -3 })), 'integrated')?.pass,
    ).toBe(false);

    const loud = judge('spotify', readings({ integrated: -9.8, truePeak: 0.5 }));
    expect(loud.platformGain).toBeCloseTo(-4.2, 9);
    expect(loud.summary).toBe('Spotify will turn this down by 4.2 dB');
  });

  it('Spotify and Apple Music hold up-gain back at −1 dBTP', () => {
    const quiet = judge('spotify', readings({ integrated: -18, truePeak: -3 }));
    expect(quiet.platformGain).toBeCloseTo(2, 9);
    expect(quiet.summary).toBe('Spotify will turn this up by 2.0 dB (held back by the true peak)');
    expect(judge('spotify', readings({ integrated: -18, truePeak: -10 })).platformGain).toBeCloseTo(4, 9);
    expect(judge('spotify', readings({ integrated: -18, truePeak: 0 })).platformGain).toBe(0);
    expect(judge('appleMusic', readings({ integrated: -20, truePeak: -2.5 })).platformGain).toBeCloseTo(
      1.5,
      9,
    );
    // TIDAL is not documented to limit up-gain.
    expect(judge('tidal', readings({ integrated: -18, truePeak: -1.5 })).platformGain).toBeCloseTo(4, 9);
  });

  it('YouTube only turns loud masters down', () => {
    const loud = judge('youtube', readings({ integrated: -9, truePeak: -1 }));
    expect(loud.platformGain).toBeCloseTo(-5, 9);
    expect(loud.summary).toBe('YouTube will turn this down by 5.0 dB');
    const quiet = judge('youtube', readings({ integrated: -20, truePeak: -1 }));
    expect(quiet.platformGain).toBe(0);
    expect(quiet.summary).toBe('YouTube will leave this as it is (it only turns loud tracks down)');
  });

  it('broadcast standards pass or reject, they do not normalise', () => {
    const ok = judge('ebuR128', readings({ integrated: -23.5, truePeak: -1 }));
    expect(ok).toMatchObject({ pass: true, platformGain: null, summary: 'Meets EBU R128' });
    const hot = judge('ebuR128', readings({ integrated: -22.4, truePeak: -0.9 }));
    expect(hot.pass).toBe(false);
    expect(hot.platformGain).toBeNull();
    expect(hot.summary).toBe(
      'Fails EBU R128: Integrated −22.4 (needs −23.5 … −22.5 LUFS); True peak −0.9 (needs ≤ −1.0 dBTP)',
    );
    expect(judge('atscA85', readings({ integrated: -26, truePeak: -2 })).pass).toBe(true);
    expect(judge('atscA85', readings({ integrated: -26, truePeak: -1.9 })).pass).toBe(false);
    expect(judge('applePodcasts', readings({ integrated: -16.9, truePeak: -1.2 })).pass).toBe(true);
  });

  it('ACX checks RMS, sample peak and noise floor', () => {
    const good = readings({
      integrated: -19,
      rms: -20,
      samplePeak: -3.5,
      truePeak: -2.5,
      noiseFloor: -65,
      duration: 60,
    });
    const v = judge('acx', good);
    expect(v.pass).toBe(true);
    expect(v.checks.map((c) => c.id)).toEqual(['samplePeak', 'rms', 'noiseFloor']);
    expect(v.platformGain).toBeNull();
    expect(judge('acx', { ...good, rms: -23 }).pass).toBe(true);
    expect(judge('acx', { ...good, rms: -23.1 }).pass).toBe(false);
    expect(judge('acx', { ...good, rms: -17.9 }).pass).toBe(false);
    expect(judge('acx', { ...good, samplePeak: -3 }).pass).toBe(true);
    expect(judge('acx', { ...good, samplePeak: -2.9 }).pass).toBe(false);
    expect(judge('acx', { ...good, noiseFloor: -59 }).pass).toBe(false);
    // A floor needs 500 ms of audio; the meter reads −Infinity before.
    expect(judge('acx', { ...good, noiseFloor: Number.NEGATIVE_INFINITY, duration: 0.3 }).pass).toBe(false);
    expect(judge('acx', { ...good, rms: -25 }).summary).toBe(
      'Fails ACX (Audible): RMS −25.0 (needs −23.0 … −18.0 dBFS)',
    );
  });

  it('says nothing about gain before there is programme loudness', () => {
    const v = judge(
      'spotify',
      readings({ integrated: Number.NEGATIVE_INFINITY, truePeak: Number.NEGATIVE_INFINITY }),
    );
    expect(v.pass).toBe(false);
    expect(v.platformGain).toBeNull();
    expect(v.summary).toBe('No measurable programme loudness yet');
  });
});
