// SHA-256 pins against node:crypto (an independent implementation of the same digest).
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { integrityOf, integrityProblem } from './integrity.ts';

describe('integrity pins', () => {
  it('hash like node:crypto, in SRI form', async () => {
    for (const size of [0, 1, 55, 56, 64, 100_000]) {
      const bytes = randomBytes(size);
      const reference = `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
      expect(await integrityOf(bytes)).toBe(reference);
    }
  });

  it('accept a well-formed pin and name the field for anything else', async () => {
    expect(integrityProblem(await integrityOf(new Uint8Array([1, 2, 3])))).toBeNull();
    expect(integrityProblem(42)).toBe('"integrity" must be a string, got number');
    const sha384 = `sha384-${createHash('sha384').update('x').digest('base64')}`;
    for (const wrong of [sha384, 'sha256-abc', 'sha256-'.padEnd(51, '_'), 'deadbeef']) {
      expect(integrityProblem(wrong)).toMatch(
        /^"integrity" must be "sha256-" followed by the 44-character base64/,
      );
    }
  });
});
