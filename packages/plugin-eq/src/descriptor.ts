import { defineDescriptor } from '@lathe/plugin-kit/descriptor';
import pkg from '../package.json' with { type: 'json' };

export const descriptor = defineDescriptor({
  identifier: 'audio.lathe.eq',
  name: 'Lathe EQ',
  version: pkg.version,
  description:
    'Mastering 8-band parametric EQ: analog-matched bells, shelves, tilt, notch, band-pass and 6–96 dB/oct cuts, per-band stereo/mid/side/left/right, auto gain and a live pre/post spectrum.',
  keywords: ['eq', 'equaliser', 'equalizer', 'parametric', 'mid/side', 'mastering', 'filter'],
});

/** Thumbnail glyph: an EQ curve with a low shelf, a bell and a high cut. */
export const thumbnailGlyph =
  'M40 140 C70 140 70 120 100 120 C125 120 130 70 150 70 C170 70 175 120 195 120 L216 165';
