import { defineDescriptor } from '@lathe/plugin-kit/descriptor';
import pkg from '../package.json' with { type: 'json' };

export const descriptor = defineDescriptor({
  identifier: 'audio.lathe.strip',
  name: 'Lathe Strip',
  version: pkg.version,
  description:
    'Mixer channel strip: gain, balance, polarity, mute and a sample-exact delay for latency compensation.',
  keywords: ['gain', 'pan', 'balance', 'polarity', 'mute', 'delay', 'utility', 'mixing'],
});

/** Thumbnail glyph: a fader slot with its cap. */
export const thumbnailGlyph = 'M128 64 L128 176 M100 98 L156 98 L156 126 L100 126 Z';
