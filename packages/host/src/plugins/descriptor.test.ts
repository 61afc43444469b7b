import { describe, expect, it } from 'vitest';
import { parseDescriptor } from './descriptor.ts';

const BASE = 'https://plugins.example.com/gain/descriptor.json';

describe('parseDescriptor', () => {
  it('keeps the fields a host uses, with absolute http(s) URLs', () => {
    expect(
      parseDescriptor(
        {
          identifier: 'com.example.gain',
          name: ' Gain ',
          vendor: 'Example',
          version: '1.2.0',
          description: 'A gain.',
          website: 'https://example.com',
          thumbnail: 'thumb.svg',
          keywords: ['gain', 7, 'utility'],
          apiVersion: '2.0.0',
        },
        BASE,
      ),
    ).toEqual({
      identifier: 'com.example.gain',
      name: 'Gain',
      vendor: 'Example',
      version: '1.2.0',
      description: 'A gain.',
      website: 'https://example.com/',
      thumbnailUrl: 'https://plugins.example.com/gain/thumb.svg',
      keywords: ['gain', 'utility'],
    });
  });

  it('is null without a usable identifier and name', () => {
    for (const data of [
      null,
      [],
      'com.example.gain',
      { name: 'Gain' },
      { identifier: 'com.example.gain' },
      { identifier: 'com example', name: 'Gain' },
      { identifier: 'com.example.gain', name: 'x'.repeat(201) },
      { identifier: 'com.example.gain', name: 'Gain\u0007' },
    ]) {
      expect(parseDescriptor(data, BASE)).toBeNull();
    }
  });

  it('drops fields that could mislead an approval dialog', () => {
    const descriptor = parseDescriptor(
      {
        identifier: 'com.example.gain',
        name: 'Gain',
        vendor: 'Trusted Vendor\u001b[2K',
        website: 'javascript:alert(1)',
        thumbnail: 'data:image/svg+xml,<svg/>',
        version: 3,
      },
      BASE,
    );
    expect(descriptor).toMatchObject({ identifier: 'com.example.gain', name: 'Gain', keywords: [] });
    expect(descriptor?.vendor).toBeUndefined();
    expect(descriptor?.website).toBeUndefined();
    expect(descriptor?.thumbnailUrl).toBeUndefined();
    expect(descriptor?.version).toBeUndefined();
  });
});
