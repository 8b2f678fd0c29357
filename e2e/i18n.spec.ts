// The page in each of its languages: every visible string from that language's catalogue, the
// browser's language followed, the switch kept in the address.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { hasChinese, looksUntranslated, pageTexts } from './untranslated';
import { fillSettings, newestStep, openPlayground, putStoredRecords, runRows, runs, startRuns, storedKeys, waitForPlayground } from './playground';

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

/** A linear classifier (784 → 10, every weight zero) as gradlab writes one: it imports without a question. */
function linearModelFile(): Buffer {
  const shapes: [string, number[]][] = [
    ['0.weight', [10, 784]],
    ['0.bias', [10]],
  ];
  const header: Record<string, unknown> = {};
  let offset = 0;
  for (const [name, shape] of shapes) {
    const bytes = 4 * shape.reduce((a, b) => a * b, 1);
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  header.__metadata__ = { format: 'pt', gradlab: JSON.stringify({ activation: 'relu', loss: 'cross-entropy', normalize: 'standard', optimizer: 'adam' }) };
  let text = JSON.stringify(header);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(text.length));
  return Buffer.concat([length, Buffer.from(text, 'utf8'), Buffer.alloc(offset)]);
}

test('a switch re-words the notices on screen; in Chinese a skipped stored run, an imported run and the glossary are worded too', async ({ page }) => {
  test.setTimeout(180_000);
  await openPlayground(page, '/?debug&lang=en');
  await page.getByLabel('Import weights', { exact: true }).setInputFiles({ name: 'linear.safetensors', mimeType: 'application/octet-stream', buffer: linearModelFile() });
  await expect(runRows(page)).toHaveCount(1, { timeout: 60_000 });
  const [imported] = await runs(page);
  await expect.poll(() => storedKeys(page), { timeout: 30_000 }).toContain(imported.id);
  await putStoredRecords(page, [
    { id: 'from-another-app', hello: 'world' },
    { id: 'broken', schemaVersion: 1, config: 'not a config', points: 7 },
  ]);
  await page.reload();
  await waitForPlayground(page);
  const notices = page.getByTestId('run-notice');
  await expect(notices).toHaveCount(2);
  for (const notice of await notices.all()) await expect(notice).toContainText('could not be read and was skipped');
  await expect(runRows(page)).toContainText('(imported)');

  await page.getByLabel('Language').selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  for (const notice of await notices.all()) await expect(notice).toContainText('无法读取，已跳过');
  await expect(notices.first().getByRole('button')).toHaveAccessibleName(/^关闭 一个已保存的运行无法读取/);
  await expect(runRows(page)).toContainText('（导入）');
  await expect(runRows(page)).not.toContainText('imported');
  expect((await page.evaluate(pageTexts)).filter(looksUntranslated)).toEqual([]);

  const terms = await page.locator('.glossary dt').allTextContents();
  const labels = await page.locator('.fields label').allTextContents();
  expect(labels.length).toBeGreaterThan(5);
  expect(labels.filter((label) => !terms.includes(label)), 'each setting the form shows is named in the glossary by its own label').toEqual([]);
});

test('a command’s outcome said in one language is said in the other after a switch', async ({ page }) => {
  await openPlayground(page, '/?debug&lang=en');
  const importer = page.locator('input[type="file"]');
  await importer.setInputFiles({ name: 'notes.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from('not a model at all') });
  const error = page.getByTestId('command-error');
  await expect(error).toHaveText(/^Could not import notes\.safetensors: not a safetensors file/);
  await page.getByLabel('Language').selectOption('zh');
  // The engine's own reason stays as it is written; what the page says around it is re-worded.
  await expect(error).toHaveText(/^无法导入 notes\.safetensors：not a safetensors file/);

  await importer.setInputFiles({ name: 'linear.safetensors', mimeType: 'application/octet-stream', buffer: linearModelFile() });
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('已从 linear.safetensors 导入“', { timeout: 60_000 });
  await page.getByLabel('语言').selectOption('en');
  await expect(notice).toContainText('Imported “');
  await expect(notice).toContainText('from linear.safetensors');
  await expect(notice).not.toContainText('已从');
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
