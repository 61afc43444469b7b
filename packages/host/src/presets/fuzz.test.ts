// Seeded fuzzing: thousands of random mutations and truncations of a valid session preset (as text,
// as an object, and inside share links). Whatever happens, parsing either returns a valid preset
// or throws a PresetError with field-named issues; nothing else, and nothing leaks into prototypes.
import { deflateRawSync } from 'node:zlib';
import { createRng } from '@lathe/dsp';
import { describe, expect, it } from 'vitest';
import { PresetError } from './errors.ts';
import { type ParsedPreset, parsePreset, serializePreset } from './parse.ts';
import { decodeShareLink, encodeShareLink } from './share-link.ts';
import { asJson, sampleSessionPreset, walkKeys } from './test-support.ts';

const CASES = 2000;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

type Outcome = 'ok' | PresetError['code'];

// Parses and checks the contract; returns what happened.
function attempt(read: () => ParsedPreset): Outcome {
  let parsed: ParsedPreset;
  try {
    parsed = read();
  } catch (error) {
    if (!(error instanceof PresetError)) throw error; // the contract broken: fail with the real error
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(typeof issue.path).toBe('string');
      expect(issue.message.length).toBeGreaterThan(0);
    }
    expect(error.message.length).toBeGreaterThan(0);
    return error.code;
  }
  // A success is a valid preset: it reads back to itself, warning-free apart from version notes.
  const text = serializePreset(parsed.preset);
  const again = parsePreset(text);
  expect(serializePreset(again.preset)).toBe(text);
  expect(again.warnings.filter((warning) => !warning.includes('.version: saved with'))).toEqual([]);
  const forbidden = walkKeys(parsed.preset).filter((key) => FORBIDDEN.has(key));
  expect(forbidden).toEqual([]);
  return 'ok';
}

function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)];

const TEXT_SNIPPETS = [
  '"__proto__":{"polluted":1},',
  '"constructor":{"prototype":{"polluted":1}},',
  '1e999',
  '-0',
  'null',
  '[[[[[[',
  '}}]]',
  '"mix"',
  '"drums"',
  '{}',
  '[]',
  '"\\ud800"',
  '"x":',
  ',',
  '9007199254740993',
  '"kick"',
];
const CHARACTERS = '{}[]":,0123456789-+.eEtfnul\\ \n\t\u0000\ud800xyz'.split('');

function mutateText(text: string, next: () => number): string {
  let result = text;
  const operations = 1 + Math.floor(next() * 3);
  for (let i = 0; i < operations; i++) {
    const at = Math.floor(next() * (result.length + 1));
    switch (Math.floor(next() * 5)) {
      case 0:
        return result.slice(0, at); // truncation ends the mutation
      case 1:
        result = result.slice(0, at) + pick(next, CHARACTERS) + result.slice(at + 1);
        break;
      case 2:
        result = result.slice(0, at) + pick(next, TEXT_SNIPPETS) + result.slice(at);
        break;
      case 3:
        result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 40));
        break;
      default: {
        const length = Math.floor(next() * 60);
        result = result.slice(0, at) + result.slice(at, at + length) + result.slice(at);
      }
    }
  }
  return result;
}

type Container = Record<string, unknown> | unknown[];

// Every [container, key] in a document, so a mutation can hit any field at any depth.
function slots(value: unknown, found: [Container, string | number][] = []): [Container, string | number][] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      found.push([value, index]);
      slots(item, found);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      found.push([value as Record<string, unknown>, key]);
      slots((value as Record<string, unknown>)[key], found);
    }
  }
  return found;
}

function randomValue(next: () => number): unknown {
  const choices: (() => unknown)[] = [
    () => next() * 1e6 - 5e5,
    () => pick(next, [0, -0, 1, -1, 12.5, -121, 1e308, -1e308, 5e-324, 0.5]),
    () => pick(next, [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]),
    () =>
      pick(next, ['', 'mix', 'drums', 'verb', 'kick', 'bass', 'vocal', 'loud', 'data:x', 'https://a.b/c.js']),
    () => 'z'.repeat(Math.floor(next() * 600)),
    () => next() < 0.5,
    () => null,
    () => undefined,
    () => [],
    () => ({}),
    () => [randomValue(next), randomValue(next)],
    () => ({ version: 1, parameters: { ratio: randomValue(next), nope: 1 } }),
    () => JSON.parse('{"__proto__": {"polluted": 1}}'),
    () => () => 1,
    () => new Date(0),
  ];
  return pick(next, choices)();
}

function mutateObject(document: unknown, next: () => number): void {
  const operations = 1 + Math.floor(next() * 3);
  for (let i = 0; i < operations; i++) {
    const all = slots(document);
    if (all.length === 0) return;
    const [container, key] = pick(next, all);
    const roll = next();
    if (roll < 0.2 && !Array.isArray(container)) delete container[key as string];
    else if (roll < 0.3 && Array.isArray(container)) container.splice(key as number, 1);
    else if (roll < 0.4) {
      const [other, otherKey] = pick(next, all); // graft another part of the document here
      (container as Record<string | number, unknown>)[key] = structuredClone(
        (other as Record<string | number, unknown>)[otherKey],
      );
    } else (container as Record<string | number, unknown>)[key] = randomValue(next);
  }
}

describe('fuzzing parsePreset and decodeShareLink (seeded)', () => {
  const base = sampleSessionPreset();
  const baseText = serializePreset(base);

  it(`mutated and truncated text: ${CASES} cases`, () => {
    const next = createRng(1);
    const outcomes: Outcome[] = [];
    for (let i = 0; i < CASES; i++) {
      const text = mutateText(baseText, next);
      outcomes.push(attempt(() => parsePreset(text)));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const counts = tally(outcomes);
    expect(counts.ok).toBeGreaterThan(CASES * 0.05);
    expect(counts['invalid-json']).toBeGreaterThan(CASES * 0.2);
  });

  it(`mutated objects (any field, any value): ${CASES} cases`, () => {
    const next = createRng(2);
    const outcomes: Outcome[] = [];
    for (let i = 0; i < CASES; i++) {
      const document = asJson(base);
      mutateObject(document, next);
      outcomes.push(attempt(() => parsePreset(document)));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const counts = tally(outcomes);
    expect(counts.ok).toBeGreaterThan(CASES * 0.1);
    expect(counts.invalid).toBeGreaterThan(CASES * 0.2);
    expect(counts['not-plain-data']).toBeGreaterThan(0);
  });

  it(`mutated and truncated share links: ${CASES} cases`, () => {
    const next = createRng(3);
    const link = encodeShareLink(base, 'https://lathe.example/#x').url;
    const payloadStart = link.indexOf('#preset=') + '#preset='.length;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=%!'.split('');
    const outcomes: Outcome[] = [];
    for (let i = 0; i < CASES; i++) {
      const at = payloadStart + Math.floor(next() * (link.length - payloadStart));
      const roll = next();
      const mutated =
        roll < 0.4
          ? link.slice(0, at)
          : roll < 0.8
            ? link.slice(0, at) + pick(next, alphabet) + link.slice(at + 1)
            : // valid packing of damaged JSON: exercises everything after the inflater
              `#preset=1.${deflateRawSync(Buffer.from(mutateText(baseText, next))).toString('base64url')}`;
      outcomes.push(attempt(() => decodeShareLink(mutated)));
    }
    const counts = tally(outcomes);
    expect(counts['link-corrupt']).toBeGreaterThan(CASES * 0.2);
    expect(Object.keys(counts).length).toBeGreaterThan(3);
  });
});
