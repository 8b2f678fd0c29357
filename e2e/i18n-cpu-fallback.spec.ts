// The Chinese page without WebGPU: why WebGPU is missing and why WebAssembly trains instead come
// from the worker as data and are worded by the page, so they are in Chinese, and a change of
// language words them anew.
import { expect, test } from './fixtures';
import { looksUntranslated, pageTexts } from './untranslated';
import { openPlayground } from './playground';

test('without WebGPU the Chinese page says why and what trains instead in Chinese, and a switch of language words it anew', async ({ page }) => {
  await openPlayground(page, '/?debug&lang=zh');
  await expect(page.getByTestId('no-webgpu')).toHaveText(/^(WebGPU 存在，但找不到适配器|此浏览器不支持 WebGPU|WebGPU 找到了 GPU，但无法打开它)/);
  const reason = page.getByTestId('backend-reason');
  await expect(reason).toHaveText(/^此浏览器没有 WebGPU（[^A-Za-z]+）：改用 WebAssembly 训练。$/);
  expect((await page.evaluate(pageTexts)).filter(looksUntranslated)).toEqual([]);

  await page.getByLabel('语言').selectOption('en');
  await expect(reason).toHaveText(/^This browser has no WebGPU \(.+\): training runs on WebAssembly\.$/);
  await expect(page.getByTestId('no-webgpu')).toContainText('WebGPU');
  await page.getByLabel('Language').selectOption('zh');
  await expect(reason).toHaveText(/^此浏览器没有 WebGPU/);
});
