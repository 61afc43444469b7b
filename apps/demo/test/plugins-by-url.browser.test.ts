// "Add plugin by URL": a stranger's plugin runs only after the user trusts its origin, in a prompt
// that names it; a URL that fails is a clear message while the session keeps playing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoApp, openDemo, position, sessionDoc } from './support/app.ts';

let demo: DemoApp;
let page: Page;

beforeAll(async () => {
  demo = await openDemo();
  page = demo.page;
});
afterAll(async () => {
  await demo?.close();
});

const doc = () => sessionDoc(page);

async function addByUrl(url: string): Promise<void> {
  await page.getByRole('region', { name: 'Mix bus' }).getByRole('button', { name: '+ Plugin' }).click();
  await page.getByRole('menuitem', { name: 'By URL…' }).click();
  await page.getByRole('textbox', { name: /URL of the plugin/ }).fill(url);
  await page.getByRole('button', { name: 'Add plugin' }).click();
}

describe('adding a plugin by URL', () => {
  it('a URL that fails leaves the session playing, with a clear message', async () => {
    await page.getByRole('button', { name: 'Play (Space)' }).click();
    const before = await doc();
    await addByUrl(`${demo.url}plugins/no-such-plugin/index.js`);
    const alert = page.getByRole('dialog').getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/404|not found/i);
    await demo.screenshot('add-by-url-failed');
    // Still playing, and nothing in the session changed.
    const t0 = await position(page);
    await page.waitForTimeout(700);
    expect((await position(page)) - t0).toBeGreaterThan(0.4);
    expect(await doc()).toEqual(before);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Pause (Space)' }).click();
  });

  it('asks before running another origin’s code, names the origin, and runs nothing when refused', async () => {
    const url = `${demo.thirdParty.origin}/gain/index.js`;
    await addByUrl(url);
    const prompt = page.getByRole('dialog', { name: 'Run a plugin from another site?' });
    await prompt.waitFor();
    expect(await prompt.locator('.origin').textContent()).toBe(demo.thirdParty.origin);
    await demo.screenshot('trust-prompt');
    await prompt.getByRole('button', { name: 'Don’t run it' }).click();
    const alert = page.getByRole('dialog').getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/approv/i);
    expect(await page.evaluate(() => 'fixtureGainEvaluated' in globalThis)).toBe(false);
    expect((await doc()).mix.inserts).toHaveLength(0);

    // Asked again, and trusted this time: the plugin joins the mix bus.
    await page.getByRole('button', { name: 'Add plugin' }).click();
    await prompt.waitFor();
    await prompt.getByRole('button', { name: `Trust ${demo.thirdParty.origin}` }).click();
    await expect
      .poll(async () => (await doc()).mix.inserts.map((slot) => slot.identifier))
      .toEqual(['com.example.fixture-gain']);
    expect(await page.evaluate(() => 'fixtureGainEvaluated' in globalThis)).toBe(true);
  });
});
