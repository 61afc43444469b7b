import { describe, expect, it } from 'vitest';
import { normaliseIsrc, normaliseMetadata } from './metadata.ts';

// ISO 3901: CC-XXX-YY-NNNNN (country, registrant, year of reference, designation), stored without hyphens.
describe('normaliseIsrc', () => {
  it('accepts the compact and the hyphenated form, in any case, and stores the compact form', () => {
    expect(normaliseIsrc('USRC17607839')).toBe('USRC17607839');
    expect(normaliseIsrc('us-rc1-76-07839')).toBe('USRC17607839');
    expect(normaliseIsrc(' GB-AAA-25-00001 ')).toBe('GBAAA2500001');
    expect(normaliseIsrc('QZ9AB2500123')).toBe('QZ9AB2500123'); // registrants may hold digits
  });

  it.each([
    ['USRC1760783', 'one character short'],
    ['USRC176078390', 'one character long'],
    ['1SRC17607839', 'a digit in the country code'],
    ['USR-17607839', 'a symbol in the registrant'],
    ['USRC1A607839', 'a letter in the year'],
    ['USRC176O7839', 'a letter in the designation'],
    ['USR-C17-60-7839', 'hyphens in the wrong places'],
    ['US RC1 76 07839', 'spaces'],
  ])('rejects %s (%s), naming the field', (isrc) => {
    expect(() => normaliseIsrc(isrc, 'metadata.isrc')).toThrow(
      new RegExp(`^metadata.isrc: "${isrc}" is not an ISRC; expected 12 characters`),
    );
  });
});

describe('normaliseMetadata', () => {
  it('trims, drops empty fields and normalises the ISRC', () => {
    expect(normaliseMetadata({ title: '  Song ', artist: '', isrc: 'gb-aaa-25-00001' })).toEqual({
      title: 'Song',
      isrc: 'GBAAA2500001',
    });
    expect(normaliseMetadata(undefined)).toEqual({});
    expect(normaliseMetadata({ isrc: '  ' })).toEqual({});
  });

  it('names the field of bad input', () => {
    const bad = (value: unknown) => () => normaliseMetadata(value as never, 'metadata');
    expect(bad('Song')).toThrow(/metadata: expected an object/);
    expect(bad({ title: 42 })).toThrow(/metadata.title: expected a string, got number/);
    expect(bad({ artist: 'a\nb' })).toThrow(/metadata.artist: contains a control character/);
    expect(bad({ title: 'x'.repeat(1001) })).toThrow(/metadata.title: 1001 characters, at most 1000/);
    expect(bad({ isrc: 12 })).toThrow(/metadata.isrc: expected a string, got number/);
  });
});
