import { compParams } from '@lathe/plugin-comp';
import { eqParams } from '@lathe/plugin-eq';
import { paramIds } from '@lathe/plugin-kit';
import { describe, expect, it } from 'vitest';
import type { PresetError } from './errors.ts';
import { chainPreset, lathePluginSlot, pluginPreset } from './factory.ts';
import { LATHE_PLUGINS } from './lathe-plugins.ts';
import { parsePreset, serializePreset } from './parse.ts';
import type { JsonValue, PresetEnvelope } from './schema.ts';
import {
  asJson,
  BASE_URL,
  foreignReverb,
  presetError,
  sampleSessionPreset,
  walkKeys,
} from './test-support.ts';

type Json = Record<string, JsonValue>;
type JsonRecord = Record<string, unknown>;

// Field access into a JSON copy for the mutations below.
function at(document: unknown, ...path: (string | number)[]): JsonRecord {
  let value = document;
  for (const key of path) value = (value as JsonRecord)[key];
  return value as JsonRecord;
}

describe('parsePreset: round trips', () => {
  it('reads back exactly what it wrote, with no warnings, from text and from objects', () => {
    const original = sampleSessionPreset();
    const text = serializePreset(original);
    const fromText = parsePreset(text);
    const fromObject = parsePreset(original);
    expect(fromText.warnings).toEqual([]);
    expect(fromObject.warnings).toEqual([]);
    expect(fromText.preset).toEqual(original);
    expect(fromObject.preset).toEqual(original);
    expect(serializePreset(fromText.preset)).toBe(text);
  });

  it('serialises stably: key order in the input does not change the text', () => {
    const original = sampleSessionPreset();
    const reversed = reverseKeys(asJson(original)) as PresetEnvelope;
    expect(serializePreset(reversed)).toBe(serializePreset(original));
    const text = serializePreset(original);
    expect(text.indexOf('"format"')).toBeLessThan(text.indexOf('"version"'));
    expect(text.indexOf('"version"')).toBeLessThan(text.indexOf('"kind"'));
    expect(text).toContain('\n  "kind": "session"'); // pretty: two-space indent
  });

  it('does not mutate the object it is given', () => {
    const original = asJson(sampleSessionPreset());
    at(original, 'session', 'tracks', 0).gainDb = 40;
    const snapshot = JSON.stringify(original);
    parsePreset(original);
    expect(JSON.stringify(original)).toBe(snapshot);
  });
});

describe('parsePreset: defaults and unknown fields', () => {
  it('fills in every optional field', () => {
    const { preset, warnings } = parsePreset({
      format: 'lathe-preset',
      version: 1,
      kind: 'session',
      name: 'Minimal',
      session: {
        tracks: [{ id: 't1', name: 'One', sends: [{ bus: 'b1' }] }],
        buses: [{ id: 'b1', name: 'Bus' }],
      },
    });
    expect(warnings).toEqual([]);
    expect(preset.session).toEqual({
      tracks: [
        {
          id: 't1',
          name: 'One',
          source: null,
          gainDb: 0,
          pan: 0,
          mute: false,
          solo: false,
          invert: false,
          output: 'mix',
          sends: [{ bus: 'b1', gainDb: 0, preFader: false }],
          inserts: [],
        },
      ],
      buses: [
        {
          id: 'b1',
          name: 'Bus',
          gainDb: 0,
          pan: 0,
          mute: false,
          solo: false,
          output: 'mix',
          sends: [],
          inserts: [],
        },
      ],
      mix: { gainDb: 0, inserts: [] },
      master: { inserts: [] },
    });
    const slot = parsePreset({
      format: 'lathe-preset',
      version: 1,
      kind: 'plugin',
      name: 'Bare',
      plugin: { identifier: 'x.y.z', version: '1', url: 'x/index.js' },
    }).preset.plugin;
    expect(slot).toEqual({
      identifier: 'x.y.z',
      version: '1',
      url: 'x/index.js',
      state: null,
      bypass: false,
    });
  });

  it('keeps unknown fields at every level, through parse and serialise', () => {
    const document = asJson(sampleSessionPreset());
    const extra = { note: 'from Lathe 1.5', list: [1, { deep: true }] };
    const places: (string | number)[][] = [
      [],
      ['session'],
      ['session', 'tracks', 0],
      ['session', 'tracks', 0, 'source'],
      ['session', 'tracks', 2, 'sends', 0],
      ['session', 'buses', 0],
      ['session', 'buses', 1, 'inserts', 0],
      ['session', 'mix'],
      ['session', 'master'],
      ['session', 'master', 'inserts', 2],
    ];
    for (const place of places) at(document, ...place).futureField = extra;
    const { preset, warnings } = parsePreset(JSON.stringify(document));
    expect(warnings).toEqual([]);
    const reread = JSON.parse(serializePreset(preset));
    for (const place of places) expect(at(reread, ...place).futureField).toEqual(extra);
  });
});

describe('parsePreset: clamping', () => {
  it('clamps out-of-range numbers and says where', () => {
    const document = asJson(sampleSessionPreset());
    at(document, 'session', 'tracks', 0).gainDb = 20;
    at(document, 'session', 'tracks', 1).pan = -3;
    at(document, 'session', 'tracks', 2, 'sends', 0).gainDb = -500;
    at(document, 'session', 'mix').gainDb = 1e300;
    at(document, 'session').sampleRate = 1_000_000;
    const { preset, warnings } = parsePreset(document);
    const session = preset.session!;
    expect(session.tracks[0].gainDb).toBe(12);
    expect(session.tracks[1].pan).toBe(-1);
    expect(session.tracks[2].sends[0].gainDb).toBe(-120);
    expect(session.mix.gainDb).toBe(12);
    expect(session.sampleRate).toBe(768_000);
    expect(warnings.sort()).toEqual(
      [
        'session.mix.gainDb: 1e+300 clamped to 12',
        'session.sampleRate: 1000000 clamped to 768000',
        'session.tracks[0].gainDb: 20 clamped to 12',
        'session.tracks[1].pan: -3 clamped to -1',
        'session.tracks[2].sends[0].gainDb: -500 clamped to -120',
      ].sort(),
    );
  });
});

describe('parsePreset: every error names its field', () => {
  const cases: {
    name: string;
    mutate: (document: Json) => void;
    path: string;
    message: RegExp;
    code?: string;
  }[] = [
    {
      name: 'a word where a number goes',
      mutate: (d) => {
        at(d, 'session', 'tracks', 2).gainDb = 'loud';
      },
      path: 'session.tracks[2].gainDb',
      message: /^expected a number, got "loud"$/,
    },
    {
      name: 'a missing required field',
      mutate: (d) => {
        delete at(d, 'session', 'tracks', 1).name;
      },
      path: 'session.tracks[1].name',
      message: /^missing \(expected a string\)$/,
    },
    {
      name: 'an unknown kind',
      mutate: (d) => {
        d.kind = 'album';
      },
      path: 'kind',
      message: /^expected one of "plugin", "chain", "session", got "album"$/,
    },
    {
      name: 'no format',
      mutate: (d) => {
        delete d.format;
      },
      path: 'format',
      message: /not a Lathe preset/,
      code: 'not-a-preset',
    },
    {
      name: 'another format',
      mutate: (d) => {
        d.format = 'ableton-preset';
      },
      path: 'format',
      message: /expected "lathe-preset".*got "ableton-preset"/,
      code: 'not-a-preset',
    },
    {
      name: 'a newer format version',
      mutate: (d) => {
        d.version = 2;
      },
      path: 'version',
      message: /written by a newer Lathe \(format version 2; this Lathe reads up to 1\)/,
      code: 'newer-version',
    },
    {
      name: 'a version that is text',
      mutate: (d) => {
        d.version = '1';
      },
      path: 'version',
      message: /expected a whole number .* got "1"/,
    },
    {
      name: 'a session preset without its session',
      mutate: (d) => {
        delete d.session;
      },
      path: 'session',
      message: /missing: a session preset needs one/,
    },
    {
      name: 'a chain in a session preset',
      mutate: (d) => {
        d.chain = [];
      },
      path: 'chain',
      message: /only a chain preset has this field \(this is a session preset\)/,
    },
    {
      name: 'a data: URL for plugin code',
      mutate: (d) => {
        at(d, 'session', 'buses', 1, 'inserts', 0).url = 'data:text/javascript,alert(1)';
      },
      path: 'session.buses[1].inserts[0].url',
      message: /only http\(s\) or relative URLs/,
    },
    {
      name: 'a javascript: URL hidden by a newline',
      mutate: (d) => {
        at(d, 'session', 'master', 'inserts', 0).url = 'java\nscript:alert(1)';
      },
      path: 'session.master.inserts[0].url',
      message: /control characters/,
    },
    {
      name: 'a malformed integrity pin',
      mutate: (d) => {
        at(d, 'session', 'buses', 1, 'inserts', 0).integrity = 'md5-abc';
      },
      path: 'session.buses[1].inserts[0].integrity',
      message: /sha256-/,
    },
    {
      name: 'an empty id',
      mutate: (d) => {
        at(d, 'session', 'tracks', 0).id = '';
      },
      path: 'session.tracks[0].id',
      message: /^must not be empty$/,
    },
    {
      name: 'a boolean written as text',
      mutate: (d) => {
        at(d, 'session', 'master', 'inserts', 1).bypass = 'yes';
      },
      path: 'session.master.inserts[1].bypass',
      message: /^expected true or false, got "yes"$/,
    },
    {
      name: 'a fractional sample rate',
      mutate: (d) => {
        at(d, 'session').sampleRate = 44_100.5;
      },
      path: 'session.sampleRate',
      message: /^expected a whole number, got 44100.5$/,
    },
    {
      name: 'a source that is a number',
      mutate: (d) => {
        at(d, 'session', 'tracks', 0).source = 5;
      },
      path: 'session.tracks[0].source',
      message: /^expected an object, got 5$/,
    },
    {
      name: 'too many tracks',
      mutate: (d) => {
        at(d, 'session').tracks = Array.from({ length: 257 }, (_, i) => ({ id: `t${i}`, name: '' }));
      },
      path: 'session.tracks',
      message: /^too many entries \(257; at most 256\)$/,
    },
    {
      name: 'too many inserts',
      mutate: (d) => {
        const slot = at(d, 'session', 'master', 'inserts', 0);
        at(d, 'session', 'master').inserts = Array.from({ length: 65 }, () => slot);
      },
      path: 'session.master.inserts',
      message: /^too many entries \(65; at most 64\)$/,
    },
    {
      name: 'an overlong name',
      mutate: (d) => {
        d.name = 'x'.repeat(300);
      },
      path: 'name',
      message: /^too long \(300 characters; at most 256\)$/,
    },
    {
      name: 'an unusable Lathe state',
      mutate: (d) => {
        at(d, 'session', 'master', 'inserts', 1).state = 'loud please';
      },
      path: 'session.master.inserts[1].state',
      message: /Plugin state must be an object/,
    },
    {
      name: 'a Lathe state from a newer plugin format',
      mutate: (d) => {
        at(d, 'session', 'tracks', 1, 'inserts', 0).state = { version: 9, parameters: {} };
      },
      path: 'session.tracks[1].inserts[0].state',
      message: /version 9 was written by a newer Lathe/,
    },
    {
      name: 'a Lathe state whose parameters are a list',
      mutate: (d) => {
        at(d, 'session', 'mix', 'inserts', 0).state = { version: 1, parameters: [1, 2] };
      },
      path: 'session.mix.inserts[0].state',
      message: /"parameters" must be an object/,
    },
  ];

  for (const { name, mutate, path, message, code } of cases) {
    it(`${name} → ${path}`, () => {
      const document = asJson(sampleSessionPreset());
      mutate(document);
      for (const input of [document, JSON.stringify(document)]) {
        const error = presetError(() => parsePreset(input));
        expect(error.code).toBe(code ?? 'invalid');
        expect(error.issues).toHaveLength(1);
        expect(error.issues[0].path).toBe(path);
        expect(error.issues[0].message).toMatch(message);
        expect(error.message).toBe(`${path}: ${error.issues[0].message}`);
      }
    });
  }

  it('reports every problem at once, and the message lists the first five', () => {
    const document = asJson(sampleSessionPreset());
    for (let i = 0; i < 3; i++) {
      at(document, 'session', 'tracks', i).mute = 'no';
      at(document, 'session', 'tracks', i).name = 7;
    }
    const error = presetError(() => parsePreset(document));
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'session.tracks[0].name',
      'session.tracks[0].mute',
      'session.tracks[1].name',
      'session.tracks[1].mute',
      'session.tracks[2].name',
      'session.tracks[2].mute',
    ]);
    expect(error.message.split('\n')).toEqual([
      'session.tracks[0].name: expected a string, got 7',
      'session.tracks[0].mute: expected true or false, got "no"',
      'session.tracks[1].name: expected a string, got 7',
      'session.tracks[1].mute: expected true or false, got "no"',
      'session.tracks[2].name: expected a string, got 7',
      '… and 1 more problem',
    ]);
  });

  it('rejects non-finite numbers in objects, naming the field', () => {
    for (const value of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]) {
      const document = asJson(sampleSessionPreset());
      at(document, 'session', 'tracks', 1).gainDb = value;
      const error = presetError(() => parsePreset(document));
      expect(error.code).toBe('not-plain-data');
      expect(error.message).toBe(`session.tracks[1].gainDb: expected a finite number, got ${value}`);
    }
  });

  it('rejects documents that are not JSON objects, and text that is not JSON', () => {
    expect(presetError(() => parsePreset('[1, 2]')).message).toBe(
      'expected a Lathe preset (a JSON object), got an array',
    );
    expect(presetError(() => parsePreset(null)).code).toBe('not-a-preset');
    const error = presetError(() => parsePreset('{"format": "lathe-preset",'));
    expect(error.code).toBe('invalid-json');
    expect(error.message).toMatch(/^The preset is not valid JSON \(/);
  });
});

describe('parsePreset: session routing', () => {
  function routingError(mutate: (session: JsonRecord) => void): PresetError {
    const document = asJson(sampleSessionPreset());
    mutate(at(document, 'session'));
    const error = presetError(() => parsePreset(document));
    expect(error.code).toBe('invalid');
    return error;
  }
  const tracks = (session: JsonRecord) => session.tracks as JsonRecord[];
  const buses = (session: JsonRecord) => session.buses as JsonRecord[];

  it('accepts buses feeding buses, sends and sidechains that make no loop', () => {
    const document = asJson(sampleSessionPreset());
    buses(at(document, 'session'))[0].output = 'verb'; // drums → verb → mix
    expect(parsePreset(document).warnings).toEqual([]);
  });

  it('needs unique ids across tracks and buses, and keeps "mix" for the mix', () => {
    expect(
      routingError((s) => {
        buses(s)[0].id = 'kick';
      }).issues[0],
    ).toEqual({
      path: 'session.buses[0].id',
      message: 'duplicate id "kick" (already used by session.tracks[0])',
    });
    expect(
      routingError((s) => {
        tracks(s)[2].id = 'mix';
      }).issues[0],
    ).toEqual({
      path: 'session.tracks[2].id',
      message: '"mix" is reserved for the main mix; choose another id',
    });
  });

  it('checks outputs, sends and sidechains point at something that exists', () => {
    expect(
      routingError((s) => {
        tracks(s)[0].output = 'nowhere';
      }).issues,
    ).toEqual([
      {
        path: 'session.tracks[0].output',
        message: 'no bus has the id "nowhere" (expected "mix" or a bus id)',
      },
    ]);
    expect(
      routingError((s) => {
        buses(s)[1].output = 'vocal';
      }).issues,
    ).toEqual([
      { path: 'session.buses[1].output', message: '"vocal" is a track; outputs go to "mix" or a bus' },
    ]);
    expect(
      routingError((s) => {
        (tracks(s)[2].sends as JsonRecord[])[0].bus = 'kick';
      }).issues,
    ).toEqual([{ path: 'session.tracks[2].sends[0].bus', message: 'no bus has the id "kick"' }]);
    expect(
      routingError((s) => {
        ((at(s, 'master').inserts as JsonRecord[])[1] as JsonRecord).sidechain = 'ghost';
      }).issues,
    ).toEqual([
      { path: 'session.master.inserts[1].sidechain', message: 'no track or bus has the id "ghost"' },
    ]);
  });

  it('finds routing loops through outputs, sends and sidechains, and names them', () => {
    expect(
      routingError((s) => {
        buses(s)[1].output = 'drums'; // drums sends to verb; verb → drums
      }).issues,
    ).toEqual([
      {
        path: 'session.buses[1].output',
        message: 'routing loop "drums" → "verb" → "drums": audio would feed back into itself',
      },
    ]);
    expect(
      routingError((s) => {
        buses(s)[1].output = 'verb';
      }).issues[0].message,
    ).toBe('routing loop "verb" → "verb": audio would feed back into itself');
    // bass → drums, and the bass compressor keyed by the drum bus: drums → bass → drums
    const sidechainLoop = routingError((s) => {
      ((tracks(s)[1].inserts as JsonRecord[])[0] as JsonRecord).sidechain = 'drums';
    }).issues;
    expect(sidechainLoop).toHaveLength(1);
    expect(sidechainLoop[0].message).toMatch(
      /routing loop "(bass" → "drums" → "bass|drums" → "bass" → "drums)"/,
    );
  });
});

describe('parsePreset: Lathe plugin states', () => {
  const comp = LATHE_PLUGINS['audio.lathe.comp'];

  it('ignores unknown parameters and clamps values, warning at the state, and completes the state', () => {
    const slot = lathePluginSlot('audio.lathe.comp', {}, BASE_URL);
    slot.state = { version: 1, parameters: { ratio: 500, attack: 0, fizz: 3, detector: 'rms' } };
    const { preset, warnings } = parsePreset(chainPreset('Comp', [foreignReverb(), slot]));
    expect(warnings).toEqual([
      'chain[1].state: Parameter "ratio": 500 clamped to 100',
      'chain[1].state: Parameter "attack": 0 clamped to 0.05',
      'chain[1].state: Unknown parameter "fizz" ignored',
    ]);
    const state = preset.chain![1].state as { version: number; parameters: Record<string, JsonValue> };
    expect(state.version).toBe(1);
    expect(Object.keys(state.parameters).sort()).toEqual(paramIds(compParams).sort());
    expect(state.parameters.ratio).toBe(100);
    expect(state.parameters.attack).toBe(0.05);
    expect(state.parameters.detector).toBe('rms');
    expect(state.parameters.threshold).toBe(compParams.threshold.default);
  });

  it('reads the WAM SDK state form and keeps null (the plugin defaults) as it is', () => {
    const slot = lathePluginSlot('audio.lathe.eq', {}, BASE_URL);
    slot.state = { parameterValues: { band3Gain: { id: 'band3Gain', value: -4, normalized: false } } };
    const nullSlot = { ...lathePluginSlot('audio.lathe.eq', {}, BASE_URL), state: null };
    const { preset } = parsePreset(chainPreset('EQ', [slot, nullSlot]));
    const parameters = (preset.chain![0].state as { parameters: Record<string, JsonValue> }).parameters;
    expect(parameters.band3Gain).toBe(-4);
    expect(Object.keys(parameters)).toHaveLength(paramIds(eqParams).length);
    expect(preset.chain![1].state).toBeNull();
  });

  it('warns when a Lathe plugin was saved by another version', () => {
    const slot = { ...lathePluginSlot('audio.lathe.comp', {}, BASE_URL), version: '0.0.9' };
    const { warnings } = parsePreset(pluginPreset('Old comp', slot));
    expect(warnings).toEqual([
      `plugin.version: saved with Lathe Compressor 0.0.9, ${comp.version} is installed; settings are read by the installed version`,
    ]);
  });

  it('keeps a foreign plugin state exactly, however it looks', () => {
    const slot = { ...foreignReverb(), state: ['opaque', { any: { shape: [1, null, true] } }, 3.25] };
    const { preset, warnings } = parsePreset(serializePreset(pluginPreset('Foreign', slot)));
    expect(warnings).toEqual([]);
    expect(preset.plugin!.state).toEqual(slot.state);
  });
});

describe('parsePreset: plain data only', () => {
  const pollution = () =>
    JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}}');

  it('never lets __proto__, constructor or prototype keys pollute or reach the result', () => {
    const document = asJson(sampleSessionPreset());
    const targets = [
      document,
      at(document, 'session'),
      at(document, 'session', 'tracks', 0),
      at(document, 'session', 'tracks', 0, 'source'),
      at(document, 'session', 'buses', 1, 'inserts', 0),
      at(document, 'session', 'buses', 1, 'inserts', 0, 'state'),
      at(document, 'session', 'buses', 1, 'inserts', 0, 'state', 'room'),
      at(document, 'session', 'master', 'inserts', 1, 'state'),
      at(document, 'session', 'master', 'inserts', 1, 'state', 'parameters'),
    ];
    // Own "__proto__" keys, as JSON.parse makes them (Object.assign would set the prototype instead).
    for (const target of targets) {
      for (const [key, value] of Object.entries(pollution())) {
        Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      }
    }
    const text = JSON.stringify(document);
    expect(text.match(/"__proto__"/g)).toHaveLength(targets.length);

    for (const input of [document, text]) {
      const { preset, warnings } = parsePreset(input);
      expect(({} as JsonRecord).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      const keys = walkKeys(preset);
      for (const key of ['__proto__', 'constructor', 'prototype']) expect(keys).not.toContain(key);
      const output = serializePreset(preset);
      expect(output).not.toMatch(/__proto__|constructor|prototype|polluted/);
      expect(warnings).toHaveLength(targets.length * 2);
      expect(warnings).toContain(
        'session.tracks[0].__proto__: dropped (keys named __proto__, constructor or prototype are not allowed)',
      );
      expect(warnings).toContain(
        'session.master.inserts[1].state.parameters.constructor: dropped (keys named __proto__, constructor or prototype are not allowed)',
      );
      expect(serializePreset(preset)).toBe(serializePreset(sampleSessionPreset()));
    }
  });

  it('rejects class instances, functions, accessors and other non-plain values, naming the field', () => {
    class Track {
      id = 'x';
      name = 'x';
    }
    const cases: { mutate: (document: Json) => void; path: string; message: RegExp }[] = [
      {
        mutate: (d) => {
          (at(d, 'session').tracks as unknown[])[0] = new Track();
        },
        path: 'session.tracks[0]',
        message: /expected a plain object, got a class instance/,
      },
      {
        mutate: (d) => {
          at(d, 'session', 'buses', 1, 'inserts', 0, 'state').callback = (() => 1) as never;
        },
        path: 'session.buses[1].inserts[0].state.callback',
        message: /expected plain data \(JSON\), got a function/,
      },
      {
        mutate: (d) => {
          at(d, 'session', 'tracks', 0).source = new Map() as never;
        },
        path: 'session.tracks[0].source',
        message: /class instance/,
      },
      {
        mutate: (d) => {
          at(d, 'session', 'tracks', 0).gainDb = BigInt(3) as never;
        },
        path: 'session.tracks[0].gainDb',
        message: /got a BigInt/,
      },
      {
        mutate: (d) => {
          Object.defineProperty(at(d, 'session', 'tracks', 0), 'pan', { get: () => 0, enumerable: true });
        },
        path: 'session.tracks[0].pan',
        message: /getter or setter/,
      },
      {
        mutate: (d) => {
          const sends: unknown[] = [];
          sends[1] = { bus: 'verb' }; // index 0 is a hole
          at(d, 'session', 'tracks', 0).sends = sends;
        },
        path: 'session.tracks[0].sends[0]',
        message: /hole in a sparse array/,
      },
    ];
    for (const { mutate, path, message } of cases) {
      const document = asJson(sampleSessionPreset());
      mutate(document);
      const error = presetError(() => parsePreset(document));
      expect(error.code).toBe('not-plain-data');
      expect(error.issues[0].path).toBe(path);
      expect(error.issues[0].message).toMatch(message);
    }
  });

  it('drops undefined fields, as JSON does', () => {
    const document = asJson(sampleSessionPreset());
    at(document, 'session', 'tracks', 0).sidechainFromNowhere = undefined as never;
    at(document, 'session', 'buses', 0, 'sends', 0).gainDb = undefined as never;
    const { preset } = parsePreset(document);
    expect(preset.session!.tracks[0]).not.toHaveProperty('sidechainFromNowhere');
    expect(preset.session!.buses[0].sends[0].gainDb).toBe(0);
  });
});

describe('parsePreset: size and depth limits', () => {
  it('rejects text over 1 MiB before parsing it', () => {
    const text = `{"format":"lathe-preset","pad":"${'x'.repeat(1 << 20)}"}`;
    const started = performance.now();
    const error = presetError(() => parsePreset(text));
    expect(performance.now() - started).toBeLessThan(50);
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('The preset text is larger than 1 MiB, the most a preset may be');
  });

  it('rejects deeply nested text after a few characters, whatever follows', () => {
    for (const text of ['['.repeat(1_000_000), `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`]) {
      const started = performance.now();
      const error = presetError(() => parsePreset(text));
      expect(performance.now() - started).toBeLessThan(50);
      expect(error.code).toBe('too-deep');
      expect(error.message).toMatch(/nested deeper than 64 levels \(at character (65|321)\)/);
    }
  });

  it('counts brackets inside strings as text', () => {
    const document = asJson(sampleSessionPreset());
    document.name = '['.repeat(200);
    expect(parsePreset(JSON.stringify(document)).preset.name).toBe('['.repeat(200));
  });

  it('rejects deep, cyclic and oversized objects quickly', () => {
    const deep: JsonRecord = {};
    let cursor = deep;
    for (let i = 0; i < 1000; i++) {
      const inner: JsonRecord = {};
      cursor.next = inner;
      cursor = inner;
    }
    const cyclic: JsonRecord = { format: 'lathe-preset' };
    cyclic.self = cyclic;
    const wide = asJson(sampleSessionPreset());
    at(wide, 'session', 'buses', 1, 'inserts', 0).state = new Array(400_000).fill(0.5);
    const shared: unknown[] = [];
    let layer: unknown[] = [1];
    for (let i = 0; i < 40; i++) layer = [layer, layer]; // 2^40 leaves if walked naively
    shared.push(layer);

    const expectations: [unknown, string][] = [
      [deep, 'too-deep'],
      [cyclic, 'too-deep'],
      [wide, 'too-large'],
      [{ format: 'lathe-preset', shared }, 'too-large'],
    ];
    for (const [input, code] of expectations) {
      const started = performance.now();
      expect(presetError(() => parsePreset(input)).code).toBe(code);
      // The DAG costs ~250,000 node visits before the 1 MiB budget runs out (~0.1 s here).
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reverseKeys((value as JsonRecord)[key])]),
  );
}
