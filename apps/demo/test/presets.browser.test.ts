// Presets and sharing: user presets saved, renamed, loaded and deleted; factory chains; a share
// link that reopens the same session in another tab; preset files out and in; and broken links or
// files that explain themselves without touching the session.
import type { SessionDoc } from '@lathe/host';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoApp, openDemo, sessionDoc } from './support/app.ts';

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
const dialog = () => page.getByRole('dialog');

describe('session presets', () => {
  it('saves, renames, loads and deletes a user preset', async () => {
    await page.getByRole('button', { name: 'Mute Lead', exact: true }).click();
    await page.getByRole('button', { name: 'Presets & sharing…' }).click();
    await dialog().getByRole('textbox', { name: 'Preset name' }).fill('Lead muted');
    await dialog().getByRole('button', { name: 'Save as user preset' }).click();
    const list = dialog().getByRole('region', { name: 'Your presets' });
    await list.getByText('Lead muted').waitFor();
    await list.getByRole('button', { name: 'Rename Lead muted' }).click();
    await list.getByRole('textbox', { name: 'New name for Lead muted' }).fill('No lead');
    await list.getByRole('button', { name: 'Rename', exact: true }).click();
    await list.getByText('No lead').waitFor();
    await demo.screenshot('presets-dialog');
    await dialog().getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Mute Lead', exact: true }).click(); // toggles off
    expect((await doc()).tracks[3].mute).toBe(false);
    await page.getByRole('button', { name: 'Presets & sharing…' }).click();
    await list.getByRole('button', { name: 'Load No lead' }).click();
    await expect.poll(async () => (await doc()).tracks[3].mute).toBe(true);

    await page.getByRole('button', { name: 'Presets & sharing…' }).click();
    await list.getByRole('button', { name: 'Delete No lead' }).click();
    await expect.poll(() => list.getByText('No lead').count()).toBe(0);
    await dialog().getByRole('button', { name: 'Close' }).click();
  });

  it('shares a link that reopens the same session in another tab', async () => {
    await page.getByRole('region', { name: 'Track Bass' }).getByRole('slider', { name: 'Bass pan' }).focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
    await page.getByRole('button', { name: 'Presets & sharing…' }).click();
    await dialog().getByRole('button', { name: 'Copy share link' }).click();
    const link = await dialog().getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(link.startsWith(`${demo.url}#preset=`)).toBe(true);
    expect(link.length).toBeLessThanOrEqual(2000);
    await dialog().getByRole('button', { name: 'Close' }).click();

    const original = await doc();
    const other = await demo.openTab(link);
    expect(await doc(other)).toEqual(original);
    // The link is consumed: the address no longer carries it, so a reload keeps later edits.
    expect(other.url()).toBe(demo.url);
    await other.close();
  });

  it('explains a broken link and keeps the session', async () => {
    const before = await doc();
    const other = await demo.openTab(`${demo.url}#preset=1.AAAA-not-deflate`);
    const alert = other.getByRole('alert');
    await alert.first().waitFor();
    expect(await alert.first().textContent()).toMatch(/link could not be opened/);
    // The autosaved session (shared by tabs of one browser) opened instead, whole.
    expect(await doc(other)).toEqual(before);
    await demo.screenshot('broken-link', other);
    await other.close();
  });

  it('exports a preset file and imports it; a file that is not a preset is refused clearly', async () => {
    await page.getByRole('button', { name: 'Presets & sharing…' }).click();
    const downloaded = page.waitForEvent('download');
    await dialog().getByRole('button', { name: 'Export file…' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/\.lathe\.json$/);
    const text = await (await download.createReadStream())
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(JSON.parse(text)).toMatchObject({ format: 'lathe-preset', kind: 'session' });

    const fileInput = dialog().getByLabel('Preset file to import');
    await fileInput.setInputFiles({
      name: 'broken.lathe.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"lathe-preset","version":1,"kind":"chain","name":"Broken"}'),
    });
    const alert = dialog().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/broken\.lathe\.json.*chain.*missing/s);

    const mutedBefore = (await doc()).tracks[0].mute;
    const edited = JSON.parse(text) as { session: SessionDoc };
    edited.session.tracks[0].mute = !mutedBefore;
    await fileInput.setInputFiles({
      name: 'edited.lathe.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(edited)),
    });
    await expect.poll(async () => (await doc()).tracks[0].mute).toBe(!mutedBefore);
  });
});

describe('chain presets', () => {
  it('loads a factory mastering chain onto the master, undoably', async () => {
    await page.getByRole('tab', { name: 'Master' }).click();
    await page.getByRole('button', { name: 'Chain presets…' }).click();
    const factory = dialog().getByRole('region', { name: 'Factory presets' });
    await factory
      .getByRole('listitem')
      .filter({ hasText: 'Broadcast EBU R128' })
      .getByRole('button', { name: 'Load' })
      .click();
    const target = async () =>
      ((await doc()).master.inserts[3].state as { parameters: { target: string } }).parameters.target;
    await expect.poll(target).toBe('ebuR128');
    await dialog().getByRole('button', { name: 'Close' }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(target).toBe('spotify');
  });
});

describe('plugin presets', () => {
  it('loads a factory preset into one plugin and saves a user preset for it', async () => {
    await page.getByRole('tab', { name: 'Master' }).click();
    await page.getByRole('button', { name: 'Presets for Lathe Limiter' }).click();
    const factory = dialog().getByRole('region', { name: 'Factory presets' });
    await factory
      .getByRole('listitem')
      .filter({ hasText: 'Club / loud master' })
      .getByRole('button', { name: 'Load' })
      .click();
    const limiter = async () =>
      (await doc()).master.inserts[2].state as { parameters: { ceiling: number; inputGain: number } };
    await expect.poll(async () => (await limiter()).parameters.ceiling).toBe(-2);
    await dialog().getByRole('textbox', { name: 'Preset name' }).fill('Loud and safe');
    await dialog().getByRole('button', { name: 'Save as user preset' }).click();
    await dialog().getByRole('region', { name: 'Your presets' }).getByText('Loud and safe').waitFor();
    await dialog().getByRole('button', { name: 'Close' }).click();
    // The same plugin's presets list it; another plugin's do not.
    await page.getByRole('button', { name: 'Presets for Lathe EQ' }).click();
    expect(
      await dialog().getByRole('region', { name: 'Your presets' }).getByText('Loud and safe').count(),
    ).toBe(0);
    await dialog().getByRole('button', { name: 'Close' }).click();
  });
});
