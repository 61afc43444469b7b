// Export as a user checks it: the WAV's own loudness equals the report; the limiter's ceiling is
// the file's true peak; a shared link renders the same master; and what the master meter showed
// while playing is what the offline render measures for the same passage.
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '@lathe/host';
import { measureLoudness } from '@lathe/plugin-meter';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoApp, masterReading, openDemo, position } from './support/app.ts';

let demo: DemoApp;
let page: Page;

beforeAll(async () => {
  demo = await openDemo();
  page = demo.page;
});
afterAll(async () => {
  await demo?.close();
});

interface Exported {
  bytes: Buffer;
  filename: string;
  /** The report's figures, as the dialog shows them (full precision in data- attributes). */
  integrated: number;
  truePeak: number;
}

/** Exports through the dialog and returns the downloaded file and the report's figures. */
async function exportWav(
  target: Page,
  options: { format: 'pcm16' | 'pcm24' | 'float32'; rate: '44100' | '48000'; title?: string; isrc?: string },
): Promise<Exported> {
  await target.getByRole('button', { name: 'Export…' }).click();
  const dialog = target.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Sample format' }).selectOption(options.format);
  await dialog.getByRole('combobox', { name: 'Sample rate' }).selectOption(options.rate);
  if (options.title) await dialog.getByRole('textbox', { name: 'Title' }).fill(options.title);
  if (options.isrc) await dialog.getByRole('textbox', { name: 'ISRC' }).fill(options.isrc);
  const download = target.waitForEvent('download', { timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  const report = dialog.getByRole('region', { name: 'Loudness report' });
  await report.waitFor({ timeout: 120_000 });
  const attribute = async (name: string) => Number(await report.getAttribute(name));
  const result: Exported = {
    bytes: Buffer.concat(await (await file.createReadStream()).toArray()),
    filename: file.suggestedFilename(),
    integrated: await attribute('data-integrated'),
    truePeak: await attribute('data-true-peak'),
  };
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  return result;
}

const channelsOf = (bytes: Buffer) => decodeWav(new Uint8Array(bytes)).channels;

describe('export', () => {
  it('delivers a WAV whose measured loudness is the report’s, with its metadata', async () => {
    const exported = await exportWav(page, {
      format: 'pcm24',
      rate: '44100',
      title: 'Night Drive',
      isrc: 'GB-AAA-25-00001',
    });
    await demo.screenshot('export-report');
    console.log(
      `default master at 44.1 kHz/24-bit: ${exported.integrated.toFixed(2)} LUFS, ${exported.truePeak.toFixed(2)} dBTP`,
    );
    const decoded = decodeWav(new Uint8Array(exported.bytes));
    expect(decoded.sampleRate).toBe(44_100);
    const measured = measureLoudness(decoded.channels, decoded.sampleRate);
    expect(measured.integrated).toBeCloseTo(exported.integrated, 9);
    expect(measured.truePeak).toBeCloseTo(exported.truePeak, 9);
    // ffprobe, an independent reader, finds the format and the metadata.
    const dir = await mkdtemp(join(tmpdir(), 'lathe-export-'));
    const path = join(dir, exported.filename);
    await writeFile(path, exported.bytes);
    const probe = spawnSync(
      'ffprobe',
      ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path],
      { encoding: 'utf8' },
    );
    const info = JSON.parse(probe.stdout) as {
      streams: { codec_name: string; sample_rate: string; channels: number }[];
      format: { tags?: Record<string, string> };
    };
    expect(info.streams[0]).toMatchObject({ codec_name: 'pcm_s24le', sample_rate: '44100', channels: 2 });
    const tags = Object.fromEntries(
      Object.entries(info.format.tags ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    expect(tags.title).toBe('Night Drive');
    expect(tags.tsrc).toBe('GBAAA2500001');
  });

  it('moves the file’s true peak with the limiter’s ceiling', async () => {
    await page.getByRole('tab', { name: 'Master' }).click();
    const limiter = page.getByRole('region', { name: /Lathe Limiter \(master 3\)/ });
    const ceiling = limiter.getByRole('slider', { name: /Ceiling/ });
    await ceiling.focus();
    await page.keyboard.press('Home'); // −12 dBTP
    await expect.poll(async () => ceiling.getAttribute('aria-valuenow')).toBe('-12');
    const exported = await exportWav(page, { format: 'float32', rate: '48000' });
    const measured = measureLoudness(channelsOf(exported.bytes), 48_000).truePeak;
    // The limiter holds its ceiling (true peak, 4× meter) and is working: the peak sits at it.
    expect(measured).toBeLessThanOrEqual(-12 + 0.01);
    expect(measured).toBeGreaterThan(-12.5);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => ceiling.getAttribute('aria-valuenow')).toBe('-1.5');
  });

  it('renders the same master from a shared link in another tab', async () => {
    const original = await exportWav(page, { format: 'float32', rate: '48000' });
    await page.getByRole('button', { name: 'Presets & sharing…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Copy share link' }).click();
    const link = await page.getByRole('dialog').getByRole('textbox', { name: 'Share link' }).inputValue();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    const other = await demo.openTab(link);
    const reopened = await exportWav(other, { format: 'float32', rate: '48000' });
    await other.close();
    const [a, b] = [channelsOf(original.bytes), channelsOf(reopened.bytes)];
    expect(b[0].length).toBe(a[0].length);
    let largest = 0;
    for (let c = 0; c < 2; c++)
      for (let i = 0; i < a[c].length; i++) largest = Math.max(largest, Math.abs(a[c][i] - b[c][i]));
    console.log(
      `shared link render vs original: largest difference ${largest === 0 ? '0 (bit-identical)' : `${(20 * Math.log10(largest)).toFixed(1)} dBFS`}`,
    );
    expect(largest).toBeLessThan(1e-6);
  });

  it('shows while playing the short-term loudness the offline render measures for that passage', async () => {
    await page.getByRole('tab', { name: 'Master' }).click();
    await page.getByRole('slider', { name: 'Playhead' }).focus();
    await page.keyboard.press('Home');
    await page.getByRole('button', { name: 'Play (Space)' }).click();
    await page.waitForTimeout(12_000);
    // One moment: what the panel shows, and where the song is.
    const [shown, at] = await Promise.all([masterReading(page, 'short-term'), position(page)]);
    await page.getByRole('button', { name: 'Pause (Space)' }).click();
    const rendered = await exportWav(page, { format: 'float32', rate: '48000' });
    const channels = channelsOf(rendered.bytes);
    // The panel trails the playhead: Tone schedules 0.1 s ahead, the meter's frames and the panel's
    // refresh add up to ~0.15 s more. The 3 s window ending there:
    const end = Math.round((at - 0.2) * 48_000);
    const window = channels.map((channel) => channel.slice(end - 3 * 48_000, end));
    const offline = measureLoudness(window, 48_000).shortTermMax;
    console.log(`master meter while playing: ${shown} LUFS; offline, same 3 s: ${offline.toFixed(2)} LUFS`);
    expect(Math.abs(shown - offline)).toBeLessThanOrEqual(1);
  });
});
