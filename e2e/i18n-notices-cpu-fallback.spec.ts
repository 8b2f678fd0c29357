// The English page without WebGPU, switched to Chinese and back: why WebGPU is missing and the
// WebAssembly backend that trains instead, named by its threads, are worded by the page each time.
import { expect, test } from './fixtures';
import { looksUntranslated, pageTexts } from './untranslated';
import { openPlayground } from './playground';

test('without WebGPU, why and the WebAssembly backend’s threads are said in English, in Chinese after a switch, and back', async ({ page }) => {
  await openPlayground(page, '/?debug&lang=en');
  const threads = await page.evaluate(() => (crossOriginIsolated ? navigator.hardwareConcurrency : 1));
  const missing = page.getByTestId('no-webgpu');
  const adapter = page.getByTestId('adapter');
  await expect(missing).toHaveText(/^(WebGPU is present but no adapter was found|This browser does not support WebGPU)/);
  const inEnglish = threads === 1 ? 'WebAssembly SIMD (1 thread)' : `WebAssembly SIMD (${threads} threads)`;
  await expect(adapter).toHaveText(inEnglish);

  await page.getByLabel('Language').selectOption('zh');
  await expect(missing).toHaveText(/^(WebGPU 存在，但找不到适配器|此浏览器不支持 WebGPU)/);
  await expect(adapter).toHaveText(`WebAssembly SIMD（${threads} 个线程）`);
  expect((await page.evaluate(pageTexts)).filter(looksUntranslated)).toEqual([]);

  await page.getByLabel('语言').selectOption('en');
  await expect(missing).toHaveText(/^(WebGPU is present but no adapter was found|This browser does not support WebGPU)/);
  await expect(adapter).toHaveText(inEnglish);
});
