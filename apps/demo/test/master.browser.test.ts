// Mastering: the chain's own GUIs, the delivery target driving the meter and a pass/fail verdict,
// level-matched A/B of the whole chain, and a reference track measured and played at the master's
// loudness. Also: audio files become tracks, and a file that is not audio is a clear message.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoApp, masterReading, openDemo, sessionDoc } from './support/app.ts';
import { sineLoudness, sineWav } from './support/signals.ts';

let demo: DemoApp;
let page: Page;

beforeAll(async () => {
  demo = await openDemo();
  page = demo.page;
  await page.getByRole('tab', { name: 'Master' }).click();
});
afterAll(async () => {
  await demo?.close();
});

const doc = () => sessionDoc(page);
const meterTarget = async () =>
  ((await doc()).master.inserts[3].state as { parameters: { target: string } }).parameters.target;

describe('the Master view', () => {
  it('shows every plugin of the master chain with its own GUI', async () => {
    const guis = page.locator('.chain-guis .plugin-gui');
    await expect.poll(() => guis.count()).toBe(4);
    await expect.poll(() => page.locator('.chain-guis .plugin-gui-host > *').count()).toBe(4);
  });

  it('measures while playing and judges the master against the delivery target', async () => {
    // Looping, so the song is still playing however long the following tests take.
    await page.getByRole('button', { name: 'Loop (L)' }).click();
    await page.getByRole('button', { name: 'Play (Space)' }).click();
    await expect.poll(() => masterReading(page, 'integrated'), { timeout: 20_000 }).not.toBeNaN();
    await page.waitForTimeout(4000);
    const verdict = page.locator('.readings .verdict');
    expect(await verdict.textContent()).toMatch(/^(PASS|FAIL) — /);
    expect(await masterReading(page, 'true-peak')).toBeLessThanOrEqual(-0.9);
    await demo.screenshot('master-view');
  });

  it('sets the meter’s target from the delivery target selector (undoably)', async () => {
    expect(await meterTarget()).toBe('spotify');
    await page.getByRole('combobox', { name: 'Delivery target' }).selectOption('ebuR128');
    await expect.poll(meterTarget).toBe('ebuR128');
    // The meter plugin's own GUI follows (it reads the same parameter).
    const meterGui = page.getByRole('region', { name: /Lathe Loudness \(master 4\)/ });
    const selected = meterGui.getByRole('combobox', { name: /Target/ });
    await expect
      .poll(() => selected.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent))
      .toBe('EBU R128');
    expect(await page.locator('.checks').textContent()).toMatch(/needs −23\.5 … −22\.5 LUFS/);
    await page.keyboard.press('Control+z');
    await expect.poll(meterTarget).toBe('spotify');
  });

  it('compares the chain on and bypassed at matched loudness', async () => {
    // The match re-measures after every change to the chain (the last test changed the meter).
    await page.waitForTimeout(2000);
    await page.getByRole('button', { name: /Listening to A/ }).click();
    const note = page.locator('.master-side .note', { hasText: 'raised by' });
    await note.waitFor();
    const raised = Number.parseFloat(
      ((await note.textContent()) ?? '').replace('−', '-').match(/raised by ([+−-]?[\d.]+)/)?.[1] ?? 'NaN',
    );
    // The chain makes the song louder (limiter drive, make-up): the bypass is raised to match.
    expect(raised).toBeGreaterThan(1);
    expect(await page.getByRole('button', { name: /Listening to B/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await page.getByRole('button', { name: /Listening to B/ }).click();
    await page.getByRole('button', { name: /Listening to A/ }).waitFor();
  });

  it('loads a reference track, measures it, and switches to it', async () => {
    const amplitude = 0.1;
    await page.locator('.master-side input[type=file]').setInputFiles({
      name: 'reference.wav',
      mimeType: 'audio/wav',
      buffer: sineWav({ frequency: 1000, amplitude, seconds: 6 }),
    });
    const note = page.locator('.master-side .note', { hasText: 'reference.wav' });
    await note.waitFor();
    const measured = Number.parseFloat(
      ((await note.textContent()) ?? '').replace('−', '-').match(/(-?[\d.]+) LUFS/)?.[1] ?? 'NaN',
    );
    expect(Math.abs(measured - sineLoudness(amplitude))).toBeLessThanOrEqual(0.1);
    await page.getByRole('radio', { name: 'Reference' }).check();
    expect(await page.getByRole('radio', { name: 'Reference' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Master' }).check();
    await page.getByRole('button', { name: 'Pause (Space)' }).click();
  });
});

describe('audio files', () => {
  it('adds a dropped WAV as a track, and says clearly when a file is not audio', async () => {
    await page.getByRole('tab', { name: 'Mix' }).click();
    const input = page.locator('.actions input[type=file][multiple]');
    await input.setInputFiles({
      name: 'notes.wav',
      mimeType: 'audio/wav',
      buffer: Buffer.from('this is not audio'),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'notes.wav' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/could not be decoded/);
    expect((await doc()).tracks).toHaveLength(5);
    await input.setInputFiles({
      name: 'Tambourine.wav',
      mimeType: 'audio/wav',
      buffer: sineWav({ frequency: 2000, amplitude: 0.2, seconds: 2 }),
    });
    await expect.poll(async () => (await doc()).tracks.map((t) => t.name)).toContain('Tambourine');
    await page.getByRole('region', { name: 'Track Tambourine' }).waitFor();
  });

  it('adds files dropped on the page as tracks', async () => {
    const bytes = [...sineWav({ frequency: 500, amplitude: 0.2, seconds: 1 })];
    await page.evaluate((data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], 'Shaker.wav', { type: 'audio/wav' }));
      document.body.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    }, bytes);
    await page.getByRole('region', { name: 'Track Shaker' }).waitFor();
  });
});

describe('mastering a finished mix', () => {
  it('opens a stereo file straight into the Master view with the mastering chain', async () => {
    await page.locator('.actions input[type=file]:not([multiple])').setInputFiles({
      name: 'Final mix.wav',
      mimeType: 'audio/wav',
      buffer: sineWav({ frequency: 1000, amplitude: 0.25, seconds: 3 }),
    });
    await expect.poll(async () => (await doc()).tracks.map((t) => t.name)).toEqual(['Final mix']);
    await page.getByRole('region', { name: 'Master chain' }).waitFor();
    expect((await doc()).master.inserts).toHaveLength(4);
    expect(await page.getByRole('textbox', { name: 'Session name' }).inputValue()).toBe('Final mix');
    // Undo brings the multitrack session back.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).tracks.length).toBe(7);
  });
});
