import { defineDescriptor } from '@lathe/plugin-kit/descriptor';
import pkg from '../package.json' with { type: 'json' };

export const descriptor = defineDescriptor({
  identifier: 'audio.lathe.meter',
  name: 'Lathe Loudness',
  version: pkg.version,
  description:
    'EBU R128 / ITU-R BS.1770 loudness meter: momentary, short-term, integrated, LRA, true peak, PLR, correlation, with delivery-target verdicts.',
  keywords: ['meter', 'loudness', 'lufs', 'ebu r128', 'true peak', 'mastering'],
});

/** Thumbnail glyph: a loudness history trace. */
export const thumbnailGlyph = 'M40 150 L80 120 L110 135 L140 80 L170 100 L216 70';
