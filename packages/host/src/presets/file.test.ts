import { describe, expect, it } from 'vitest';
import { PRESET_MIME_TYPE, presetFile, presetFilename, readPresetFile } from './file.ts';
import { serializePreset } from './parse.ts';
import { presetError, sampleSessionPreset } from './test-support.ts';

describe('preset files', () => {
  it('exports stable pretty JSON under a safe name and imports it back', () => {
    const preset = sampleSessionPreset();
    const file = presetFile(preset);
    expect(file).toEqual({
      filename: 'Demo-session.lathe.json',
      mimeType: PRESET_MIME_TYPE,
      text: `${serializePreset(preset)}\n`,
    });
    expect(readPresetFile(file.text)).toEqual({ preset, warnings: [] });
    expect(readPresetFile(`\uFEFF${file.text}`).preset).toEqual(preset); // saved by an editor with a BOM
  });

  it('makes file names that are safe on every common file system', () => {
    const cases: [string, string][] = [
      ['Streaming master (−14 LUFS, −1 dBTP)', 'Streaming-master-14-LUFS-1-dBTP'],
      ['../../etc/passwd', 'etc-passwd'],
      ['C:\\Windows\\win.ini', 'C-Windows-win.ini'],
      ['.hidden', 'hidden'],
      ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j'],
      ['Ré-édition été', 'Ré-édition-été'],
      ['ミックス 1', 'ミックス-1'],
      ['CON', 'CON-preset'],
      ['lpt1', 'lpt1-preset'],
      ['', 'preset'],
      ['???', 'preset'],
      ['line\nbreak\ttab\u0000nul', 'line-break-tab-nul'],
    ];
    for (const [name, stem] of cases) expect(presetFilename(name)).toBe(`${stem}.lathe.json`);
    const long = presetFilename(`${'𝄞'.repeat(50)}${'x'.repeat(200)}`);
    expect(Array.from(long.replace('.lathe.json', ''))).toHaveLength(100);
    expect(long.startsWith('𝄞')).toBe(false); // a symbol, not a letter: replaced
    expect(presetFilename('𝐀'.repeat(150))).toBe(`${'𝐀'.repeat(100)}.lathe.json`); // letters outside the BMP stay whole
  });

  it('reports a broken file like any preset text', () => {
    expect(presetError(() => readPresetFile('not json')).code).toBe('invalid-json');
    expect(presetError(() => readPresetFile('{"format": "something-else"}')).issues[0].path).toBe('format');
  });
});
