import { readdirSync, readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chainPreset, defaultMasterChain } from './factory.ts';
import { parsePreset, serializePreset } from './parse.ts';
import {
  decodeShareLink,
  encodeShareLink,
  fromBase64Url,
  SHARE_LINK_MAX_LENGTH,
  toBase64Url,
} from './share-link.ts';
import { BASE_URL, presetError, sampleSessionPreset } from './test-support.ts';

const APP = 'https://lathe.example/app/';

// Builds a link the way another implementation would: Node's zlib and Buffer as the reference.
function referenceLink(json: string, version = '1'): string {
  return `${APP}#preset=${version}.${deflateRawSync(Buffer.from(json, 'utf8')).toString('base64url')}`;
}

describe('share links', () => {
  it('round-trips a preset, from the whole URL, the fragment or the parameter alone', () => {
    const preset = sampleSessionPreset();
    const link = encodeShareLink(preset, APP);
    expect(link.url.startsWith(`${APP}#preset=1.`)).toBe(true);
    expect(link.length).toBe(link.url.length);
    const fragment = link.url.slice(link.url.indexOf('#'));
    for (const input of [link.url, fragment, fragment.slice(1), `  ${link.url}\n`]) {
      const { preset: read, warnings } = decodeShareLink(input);
      expect(warnings).toEqual([]);
      expect(serializePreset(read)).toBe(serializePreset(preset));
    }
  });

  it('packs raw DEFLATE in base64url that a reference inflater (zlib) reads', () => {
    const preset = chainPreset('Master', defaultMasterChain(BASE_URL));
    const { url } = encodeShareLink(preset, APP);
    const payload = url.slice(url.indexOf('#preset=1.') + '#preset=1.'.length);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    const json = inflateRawSync(Buffer.from(payload, 'base64url')).toString('utf8');
    expect(parsePreset(json).preset).toEqual(preset);
  });

  it('reads links made by a reference deflater (zlib)', () => {
    const preset = sampleSessionPreset();
    const { preset: read } = decodeShareLink(referenceLink(JSON.stringify(preset)));
    expect(read).toEqual(preset);
  });

  it('encodes and decodes base64url exactly as Node does, for every length 0…64', () => {
    for (let length = 0; length <= 64; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 0xff);
      const expected = Buffer.from(bytes).toString('base64url');
      expect(toBase64Url(bytes)).toBe(expected);
      expect(Array.from(fromBase64Url(expected) ?? [])).toEqual(Array.from(bytes));
    }
    expect(fromBase64Url('abc=')).toEqual(new Uint8Array(Buffer.from('abc', 'base64url')));
    expect(fromBase64Url('abcde')).toBeUndefined(); // 5 characters cannot be base64
    expect(fromBase64Url('ab+/')).toBeUndefined(); // standard base64, not base64url
  });

  it('replaces the fragment of the base URL, keeping its path and query', () => {
    const { url } = encodeShareLink(sampleSessionPreset(), 'https://lathe.example/app/?lang=de#old=1');
    expect(url.startsWith('https://lathe.example/app/?lang=de#preset=1.')).toBe(true);
    expect(encodeShareLink(sampleSessionPreset(), new URL(APP)).url.startsWith(`${APP}#preset=1.`)).toBe(
      true,
    );
  });

  it('says whether the link is short enough to share, or a file is better', () => {
    const short = encodeShareLink(chainPreset('Master', defaultMasterChain(BASE_URL)), APP);
    expect(short.fitsInLink).toBe(short.length <= SHARE_LINK_MAX_LENGTH);
    expect(short.fitsInLink).toBe(true);
    const big = sampleSessionPreset();
    big.session!.tracks = Array.from({ length: 200 }, (_, i) => ({
      ...big.session!.tracks[2],
      id: `track-${i}`,
      name: `Track ${i} ${Math.sin(i).toString(36)}`,
    }));
    const long = encodeShareLink(big, APP);
    expect(long.length).toBeGreaterThan(SHARE_LINK_MAX_LENGTH);
    expect(long.fitsInLink).toBe(false);
    expect(decodeShareLink(long.url).preset).toEqual(parsePreset(big).preset);
  });

  it('gives a distinct, clear error for each way a link can fail', () => {
    const valid = encodeShareLink(sampleSessionPreset(), APP).url;
    const cases: { link: string; code: string; message: RegExp }[] = [
      { link: APP, code: 'link-missing', message: /has no preset in it/ },
      { link: `${APP}#mode=mix`, code: 'link-missing', message: /has no preset in it/ },
      {
        link: valid.replace('#preset=1.', '#preset=2.'),
        code: 'link-version',
        message: /link format 2; this Lathe reads format 1/,
      },
      {
        link: valid.replace('#preset=1.', '#preset=abc'),
        code: 'link-corrupt',
        message: /no link format number/,
      },
      {
        link: `${valid.slice(0, -30)}!!`,
        code: 'link-corrupt',
        message: /characters that cannot be in a preset link/,
      },
      {
        link: valid.slice(0, Math.floor(valid.length * 0.7)),
        code: 'link-corrupt',
        message: /damaged or cut short/,
      },
      { link: `${APP}#preset=1.`, code: 'link-corrupt', message: /it is empty/ },
      {
        link: referenceLink('{"format": "lathe-preset", '),
        code: 'invalid-json',
        message: /^This link's preset is damaged:\nThe preset is not valid JSON/,
      },
      {
        link: referenceLink(JSON.stringify({ ...sampleSessionPreset(), kind: 'album' })),
        code: 'invalid',
        message:
          /^This link's preset cannot be opened:\nkind: expected one of "plugin", "chain", "session", got "album"$/,
      },
    ];
    for (const { link, code, message } of cases) {
      const error = presetError(() => decodeShareLink(link));
      expect({ link: link.slice(0, 60), code: error.code }).toEqual({ link: link.slice(0, 60), code });
      expect(error.message).toMatch(message);
    }
  });

  it('stops inflating a deflate bomb at 1 MiB', () => {
    const bomb = referenceLink(' '.repeat(16 << 20)); // 16 MiB of spaces packs into ~16 KiB
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    const error = presetError(() => decodeShareLink(bomb));
    expect(performance.now() - started).toBeLessThan(500);
    expect(error.code).toBe('link-too-large');
    expect(error.message).toBe("This link's preset unpacks to more than 1 MiB; refused");
  });

  it('refuses link text too long to be a preset before decoding it', () => {
    const error = presetError(() => decodeShareLink(`#preset=1.${'A'.repeat(3 << 20)}`));
    expect(error.code).toBe('link-too-large');
  });

  it('uses no Node-only API in library code (it runs in browsers too)', () => {
    const directory = new URL('.', import.meta.url);
    for (const file of readdirSync(directory).filter(
      (name) => name.endsWith('.ts') && !name.includes('test'),
    )) {
      const source = readFileSync(new URL(file, directory), 'utf8');
      expect({ file, usesNode: /\bBuffer\b|from 'node:|require\(/.test(source) }).toEqual({
        file,
        usesNode: false,
      });
    }
  });
});
