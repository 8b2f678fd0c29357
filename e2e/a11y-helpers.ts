// Shared steps of the accessibility specs: an axe-core scan of the whole page, the viewports, and
// moving focus with the Tab key alone.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1366, height: 768 };

/** Fails listing every violation of axe-core's WCAG 2.x A and AA rules and best practices: its rule id and where. */
export async function expectNoAxeViolations(page: Page, when: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  expect(found, `axe-core violations ${when}`).toEqual([]);
}

/** What a screen reader would call the focused element, roughly: its label, its aria-label, or its text. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return '';
    const labelled = (active as HTMLInputElement).labels?.[0]?.textContent;
    return (active.getAttribute('aria-label') ?? labelled ?? active.textContent ?? '').trim();
  });
}

/** Presses Tab until the focused element's name is `name` (or matches it); fails after `limit` presses. */
export async function tabTo(page: Page, name: string | RegExp, limit = 120): Promise<void> {
  const matches = (found: string) => (typeof name === 'string' ? found === name : name.test(found));
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focusedName(page))) return;
  }
  throw new Error(`Tab never reached "${String(name)}" in ${limit} presses`);
}

/** Whether the element is wholly inside the viewport, as it is now scrolled. */
export function inViewport(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });
}

export const pageHeight = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollHeight);
export const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

/** The visible controls smaller than 24×24 px (WCAG 2.2's target size), as "tag name: width×height". */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, select, summary, input:not([type="hidden"]), [role="application"]')]
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 24 || box.height < 24))
      .map(({ element, box }) => `${element.tagName.toLowerCase()} ${element.getAttribute('aria-label') ?? element.textContent?.trim() ?? ''}: ${box.width.toFixed(0)}×${box.height.toFixed(0)}`),
  );
}
