import { defineDescriptor } from '@lathe/plugin-kit/descriptor';
import pkg from '../package.json' with { type: 'json' };

export const descriptor = defineDescriptor({
  identifier: 'audio.lathe.comp',
  name: 'Lathe Compressor',
  version: pkg.version,
  description:
    'Feed-forward log-domain compressor with soft knee, peak/RMS detection, stereo link, sidechain high-pass, external sidechain, lookahead and dry/wet mix.',
  keywords: ['compressor', 'dynamics', 'sidechain', 'mixing', 'mastering'],
});

/** Thumbnail glyph: a transfer curve bending over at the threshold. */
export const thumbnailGlyph = 'M48 196 L128 116 L208 86';
