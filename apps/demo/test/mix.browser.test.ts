// The app as a user first meets it: it opens on the generated song with no files, plays through
// Tone.js's transport, and every mixer edit and plugin parameter change can be undone, redone and
// survives a reload.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoApp, openDemo, position, sessionDoc, waitForSession } from './support/app.ts';

let demo: DemoApp;
let page: Page;

beforeAll(async () => {
  demo = await openDemo();
  page = demo.page;
});
afterAll(async () => {
  await demo?.close();
});

const doc = (target = page) => sessionDoc(target);

describe('the demo session', () => {
  it('opens on the generated five-track song with its mix and master chain', async () => {
    const strips = page.getByRole('region', { name: /^Track / });
    await expect.poll(() => strips.count()).toBe(5);
    const names = await strips.evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label')));
    expect(names).toEqual(['Track Drums', 'Track Bass', 'Track Chords', 'Track Lead', 'Track Voice']);
    const session = await doc();
    expect(session.master.inserts.map((slot) => slot.identifier)).toEqual([
      'audio.lathe.eq',
      'audio.lathe.comp',
      'audio.lathe.limiter',
      'audio.lathe.meter',
    ]);
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    await demo.screenshot('mix-view');
  });

  it('plays, pauses, seeks and loops with the transport', async () => {
    await page.getByRole('button', { name: 'Play (Space)' }).click();
    await page.waitForTimeout(1500);
    const playing = await position(page);
    expect(playing).toBeGreaterThan(0.8);
    // The mixer's meters move: the drums' peak reading is no longer −∞.
    const readout = page.getByRole('region', { name: 'Track Drums' }).locator('.meter-readout');
    await expect.poll(async () => readout.textContent()).not.toBe('−∞');
    await demo.screenshot('mix-playing');
    // Meters read the lane as heard: muting the drums takes their meter to silence.
    await page.getByRole('button', { name: 'Mute Drums', exact: true }).click();
    await expect.poll(async () => readout.textContent(), { timeout: 10_000 }).toBe('−∞');
    await page.getByRole('button', { name: 'Mute Drums', exact: true }).click();
    await page.mouse.click(4, 4); // focus off the button, so Space reaches the transport
    await page.keyboard.press('Space'); // pause
    const paused = await position(page);
    await page.waitForTimeout(500);
    expect(Math.abs((await position(page)) - paused)).toBeLessThan(0.15);
    // Seek with the keyboard on the timeline.
    const timeline = page.getByRole('slider', { name: 'Playhead' });
    await timeline.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await position(page)).toBeCloseTo(5, 0);
    // Loop the whole song, start, and see the position stay inside it.
    await page.getByRole('button', { name: 'Loop (L)' }).click();
    await page.getByRole('button', { name: 'Play (Space)' }).click();
    await page.waitForTimeout(600);
    expect(await position(page)).toBeGreaterThan(5);
    await page.getByRole('button', { name: 'Pause (Space)' }).click();
    await page.getByRole('button', { name: 'Loop (L)' }).click();
  });

  it('undoes and redoes mixer edits, one step per gesture', async () => {
    const fader = page.getByRole('slider', { name: 'Bass fader' });
    await fader.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('output[aria-label="Bass gain"]').textContent()).toBe('−1.5 dB');
    await page.getByRole('button', { name: 'Mute Drums', exact: true }).click();
    expect((await doc()).tracks[0].mute).toBe(true);
    await page.keyboard.press('Control+z');
    expect((await doc()).tracks[0].mute).toBe(false);
    // Ten key presses on the fader were one gesture: one undo returns it to −0.5 dB.
    await page.getByRole('button', { name: /^Undo/ }).click();
    await expect.poll(() => page.locator('output[aria-label="Bass gain"]').textContent()).toBe('−0.5 dB');
    await page.getByRole('button', { name: /^Redo/ }).click();
    await expect.poll(() => page.locator('output[aria-label="Bass gain"]').textContent()).toBe('−1.5 dB');
    await page.keyboard.press('Control+Shift+z');
    expect((await doc()).tracks[0].mute).toBe(true);
  });

  it('undoes a parameter change made in a plugin’s own GUI', async () => {
    await page
      .getByRole('region', { name: 'Track Drums' })
      .getByRole('button', { name: 'Lathe Compressor', exact: true })
      .click();
    const editor = page.getByRole('region', { name: /Lathe Compressor editor/ });
    await editor.waitFor();
    const ratioBefore = (await doc()).tracks[0].inserts[0].state as { parameters: { ratio: number } };
    // The plugin's GUI is its own (a shadow root): drive its ratio slider with the keyboard.
    const ratio = editor.getByRole('slider', { name: /Ratio/ });
    await ratio.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect
      .poll(
        async () =>
          ((await doc()).tracks[0].inserts[0].state as { parameters: { ratio: number } }).parameters.ratio,
      )
      .toBeGreaterThan(ratioBefore.parameters.ratio);
    await page.getByRole('button', { name: /^Undo Change Lathe Compressor \(Drums\)/ }).waitFor();
    await demo.screenshot('mix-plugin-editor');
    await page.getByRole('button', { name: /^Undo Change Lathe Compressor/ }).click();
    await expect
      .poll(
        async () =>
          ((await doc()).tracks[0].inserts[0].state as { parameters: { ratio: number } }).parameters.ratio,
      )
      .toBe(ratioBefore.parameters.ratio);
  });

  it('adds and removes plugins from the browser menu, undoably', async () => {
    await page.getByRole('region', { name: 'Track Bass' }).getByRole('button', { name: '+ Plugin' }).click();
    await page.getByRole('menuitem', { name: 'Lathe EQ' }).click();
    await expect
      .poll(async () => (await doc()).tracks[1].inserts.map((s) => s.identifier))
      .toEqual(['audio.lathe.eq']);
    await page.getByRole('region', { name: /Lathe EQ editor/ }).waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).tracks[1].inserts.length).toBe(0);
  });

  it('keeps the session through a reload (autosave)', async () => {
    await page.getByRole('button', { name: 'Solo Voice', exact: true }).click();
    await page.getByRole('textbox', { name: 'Session name' }).fill('Night Drive');
    await page.getByText('All changes saved').waitFor({ timeout: 10_000 });
    const before = await doc();
    await page.reload();
    await waitForSession(page);
    const after = await doc();
    expect(after).toEqual(before);
    expect(after.tracks[4].solo).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Session name' }).inputValue()).toBe('Night Drive');
  });

  it('keeps the session through a crash of the tab', async () => {
    await page.getByRole('button', { name: 'Invert polarity of Chords', exact: true }).click();
    // Autosave writes shortly after each edit, not at exit: a crash loses nothing once it has.
    await page.getByText('All changes saved').waitFor({ timeout: 10_000 });
    const before = await doc();
    const cdp = await page.context().newCDPSession(page);
    const crashed = page.waitForEvent('crash');
    void cdp.send('Page.crash').catch(() => undefined); // the renderer dies: this call never answers
    await crashed;
    page = await demo.openTab();
    expect(await doc()).toEqual(before);
    expect((await doc()).tracks[2].invert).toBe(true);
  });
});
