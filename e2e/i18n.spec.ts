// The page in each of its languages: every visible string from that language's catalogue, the
// browser's language followed, the switch kept in the address.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { hasChinese, looksUntranslated, pageTexts } from './untranslated';
import { fillSettings, newestStep, openPlayground, startRuns } from './playground';

/** Every fold open and a run on the chart: the states whose words a reader meets. */
async function showEverything(page: Page): Promise<void> {
  await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '64' });
  await startRuns(page);
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(20);
  for (const toggle of await page.locator('button[aria-expanded="false"]').all()) {
    if (await toggle.isVisible()) await toggle.click();
  }
  // One at a time: each click takes its fold out of the closed ones.
  const closed = page.locator('details:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
}

/** The page's texts, each once, as the reader of `language` would meet them. */
async function textsIn(page: Page, language: 'en' | 'zh'): Promise<string[]> {
  // The settings are filled by their English names, then the page switches language.
  await openPlayground(page, '/?debug&lang=en');
  await showEverything(page);
  if (language === 'zh') await page.getByLabel('Language').selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'zh' ? 'zh-Hans' : 'en');
  return page.evaluate(pageTexts);
}

test('in Chinese no English sentence is left on the page, folds open and a run on the chart', async ({ page }) => {
  const texts = await textsIn(page, 'zh');
  expect(texts.filter(looksUntranslated)).toEqual([]);
  expect(texts.filter(hasChinese).length).toBeGreaterThan(20);
});

test('in English no Chinese is left on the page', async ({ page }) => {
  const texts = await textsIn(page, 'en');
  // The language switch names Chinese in Chinese, as every switch names a language in itself.
  expect(texts.filter((text) => hasChinese(text) && text !== '中文')).toEqual([]);
});

test.describe('with a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('the page follows the browser’s language, and the switch changes it and keeps it in the address', async ({ page }) => {
    await page.goto('/?debug');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await expect(page.locator('.tagline')).toHaveText('一个神经网络在你的浏览器里实时学习识别手写数字。');
    await page.getByLabel('语言').selectOption('en');
    await expect(page.locator('.tagline')).toHaveText('A neural network learns to read handwritten digits, live in your browser.');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
