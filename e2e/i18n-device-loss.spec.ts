// The Chinese page after its GPU device was lost (the debug handle's loseDevice, as a driver reset):
// why the device went, and the move of the runs to a new one, are said in Chinese. What the worker
// said in one language (a run a GPU error ended, why the device went) is said again in the other
// after a switch.
import { expect, test } from './fixtures';
import { looksUntranslated, pageTexts } from './untranslated';
import { ON_WEBGPU, fillSettings, newestRun, newestStep, openPlayground, startRuns } from './playground';

test('after a lost device the Chinese page says what happened in Chinese', async ({ page }) => {
  // The settings are filled by their English names, then the page switches language.
  await openPlayground(page, `${ON_WEBGPU}&lang=en`);
  await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '64' });
  await startRuns(page);
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(20);
  await page.getByLabel('Language').selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');

  await page.evaluate(() => window.gradlab!.loseDevice());
  const incident = page.locator('[data-testid="incident"][data-kind="device-lost"]');
  await expect(incident).toContainText('GPU 设备丢失了（设备已被销毁）。');
  await expect(incident).toContainText('所有运行都已在新设备上', { timeout: 60_000 });
  const step = await newestStep(page);
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(step);
  expect((await page.evaluate(pageTexts)).filter(looksUntranslated)).toEqual([]);
});

test('a run a GPU error ended and a lost device, said in English, are said in Chinese after a switch, and back', async ({ page }) => {
  await openPlayground(page, `${ON_WEBGPU}&lang=en`);
  await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '64' });
  await startRuns(page);
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(20);
  const run = await newestRun(page);
  await page.evaluate((id) => window.gradlab!.injectError('validation', id), run.id);
  const failed = page.locator('[data-testid="incident"][data-kind="gpu-error"]');
  await expect(failed).toContainText('The run was ended by a GPU error (validation)', { timeout: 30_000 });
  await page.evaluate(() => window.gradlab!.loseDevice());
  const lost = page.locator('[data-testid="incident"][data-kind="device-lost"]');
  await expect(lost).toContainText('The GPU device was lost (the device was destroyed).');

  await page.getByLabel('Language').selectOption('zh');
  await expect(failed).toContainText('该运行被一个 GPU 错误（校验错误）终止');
  await expect(failed).not.toContainText('The run was ended');
  await expect(lost).toContainText('GPU 设备丢失了（设备已被销毁）。');

  await page.getByLabel('语言').selectOption('en');
  await expect(failed).toContainText('The run was ended by a GPU error (validation)');
  await expect(lost).toContainText('The GPU device was lost (the device was destroyed).');
});
