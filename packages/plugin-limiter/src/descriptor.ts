import { defineDescriptor } from '@lathe/plugin-kit/descriptor';
import pkg from '../package.json' with { type: 'json' };

export const descriptor = defineDescriptor({
  identifier: 'audio.lathe.limiter',
  name: 'Lathe Limiter',
  version: pkg.version,
  description:
    'Mastering true-peak lookahead limiter: 8× oversampled detection, min-hold and smoothing inside the lookahead, program-dependent release, stereo link, gain-reduction metering.',
  keywords: ['limiter', 'true peak', 'lookahead', 'brickwall', 'mastering', 'loudness'],
});

/** Thumbnail glyph: a waveform flattened against a ceiling. */
export const thumbnailGlyph =
  'M40 150 L70 150 L85 80 L100 150 L120 80 L140 80 L160 150 L180 80 L200 150 L216 150';
