// Keyboard and screen-reader basics on a laptop screen: everything has a name, focus is visible,
// the transport and views work from the keyboard alone, and nothing spills sideways.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoApp, openDemo, position } from './support/app.ts';

let demo: DemoApp;
let page: Page;

beforeAll(async () => {
  demo = await openDemo();
  page = demo.page;
});
afterAll(async () => {
  await demo?.close();
});

/** Buttons, inputs and selects of the app (not inside plugin GUIs) that have no accessible name. */
const unnamedControls = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('button, input:not([type=file]), select, [role=slider]')]
      .filter((element) => {
        const labelled = element.getAttribute('aria-label') || element.getAttribute('aria-labelledby');
        const label = element.id ? document.querySelector(`label[for="${element.id}"]`) : null;
        const wrapped = element.closest('label');
        const text = element.tagName === 'BUTTON' ? element.textContent?.trim() : '';
        return !(labelled || label || wrapped || text);
      })
      .map((element) => element.outerHTML.slice(0, 120)),
  );

describe('keyboard and screen readers', () => {
  for (const view of ['Mix', 'Master'] as const) {
    it(`names every control and fits a laptop screen (${view})`, async () => {
      await page.getByRole('tab', { name: view }).click();
      await page.waitForTimeout(300);
      expect(await unnamedControls()).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }

  it('reaches the transport with Tab, shows where focus is, and plays with Enter', async () => {
    await page.getByRole('tab', { name: 'Mix' }).click();
    // Start where a user would: a click on the bar's empty corner (nothing focusable there).
    await page.mouse.click(4, 4);
    let focusedName = '';
    for (let i = 0; i < 15 && focusedName !== 'Play (Space)'; i++) {
      await page.keyboard.press('Tab');
      focusedName = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    expect(focusedName).toBe('Play (Space)');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
    });
    expect(outline).toBe('solid 2px rgb(255, 181, 71)');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    expect(await position(page)).toBeGreaterThan(0.3);
    await page.keyboard.press('Enter'); // pause
  });

  it('switches views from the keyboard', async () => {
    await page.getByRole('tab', { name: 'Master' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('tab', { name: 'Master' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('region', { name: 'Master chain' }).waitFor();
  });
});
