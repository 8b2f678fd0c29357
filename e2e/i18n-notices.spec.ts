// What the worker says beside where training runs and about a stored model crosses as a
// description, so the page words it in the language of the moment: Auto's trial that could not
// time WebAssembly, the WebAssembly backend's threads, and a stored model the worker refused are
// said in English, in Chinese after a switch, and in English again. What the engine said inside a
// refusal is kept as it came.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { button, fillSettings, LASTING_EPOCHS, newestStep, openPlayground, startRuns, status, storedKeys, waitForPlayground } from './playground';

async function switchTo(page: Page, language: 'en' | 'zh'): Promise<void> {
  await page.getByLabel(language === 'zh' ? 'Language' : '语言').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'zh' ? 'zh-Hans' : 'en');
}

test.describe('with the WebAssembly kernels refused by the server', () => {
  // The service worker would fetch the kernels to cache them; the worker's own fetch is the one refused.
  test.use({ serviceWorkers: 'block' });

  test('Auto on a software GPU says why WebAssembly could not be timed, in the language of the moment', async ({ page }) => {
    await page.route('**/kernels*.wasm', (route) => route.fulfill({ status: 404, body: '' }));
    await openPlayground(page, '/?debug&lang=en');
    expect((await status(page)).backend).toBe('webgpu');
    const reason = page.getByTestId('backend-reason');
    await expect(reason).toHaveText(/^WebGPU here is a software emulation; WebAssembly could not be timed against it\. \(the WebAssembly kernels could not be loaded \(404[^)]*\)\)$/);

    await switchTo(page, 'zh');
    await expect(reason).toHaveText(/^这里的 WebGPU 是软件模拟的；无法对 WebAssembly 计时比较。（无法加载 WebAssembly 计算内核（404[^）]*））$/);
    await switchTo(page, 'en');
    await expect(reason).toContainText('(the WebAssembly kernels could not be loaded (404');
  });
});

test('the WebAssembly backend is named by its threads in the page’s language', async ({ page }) => {
  await openPlayground(page, '/?debug&backend=wasm&lang=en');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const adapter = page.getByTestId('adapter');
  await expect(adapter).toHaveText(`WebAssembly SIMD (${cores} threads)`);
  expect((await status(page)).adapter, 'the engine’s own name, for the CLI and the logs').toBe(`WebAssembly SIMD (${cores} threads)`);

  await switchTo(page, 'zh');
  await expect(adapter).toHaveText(`WebAssembly SIMD（${cores} 个线程）`);
  await expect(adapter, 'worded by the page, so a translator may see it').not.toHaveAttribute('translate', 'no');
  await switchTo(page, 'en');
  await expect(adapter).toHaveText(`WebAssembly SIMD (${cores} threads)`);
});

/** Cuts the stored checkpoint's data order short: the page reads it as the run's weights, the worker refuses it whole. */
function spoilStoredOrder(page: Page, runId: string): Promise<void> {
  return page.evaluate(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gradlab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('weights', 'readwrite');
          const weights = tx.objectStore('weights');
          const read = weights.get(id);
          read.onsuccess = () => weights.put({ ...read.result, checkpoint: { ...read.result.checkpoint, order: new Uint32Array(10) } }, id);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    runId,
  );
}

test('a stored model the worker refuses is said in English, re-worded in Chinese, and back', async ({ page }) => {
  await openPlayground(page, '/?debug&lang=en');
  await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '64', Epochs: String(LASTING_EPOCHS) });
  await startRuns(page);
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(5);
  await button(page, 'Pause').click();
  const [run] = (await status(page)).runs;
  await expect.poll(() => storedKeys(page, 'weights'), { timeout: 30_000 }).toContain(run.id);
  await spoilStoredOrder(page, run.id);

  await page.reload();
  await waitForPlayground(page);
  const notice = page.getByTestId('run-notice');
  await expect(notice).toContainText(`could not be used: the stored run ${run.id} cannot be taken back: invalid checkpoint: order has 10 samples`);
  await expect(notice).toContainText('The run can still be viewed.');

  await switchTo(page, 'zh');
  await expect(notice).toContainText(`已保存的模型无法使用：已保存的运行 ${run.id} 无法恢复：invalid checkpoint: order has 10 samples`);
  await expect(notice).toContainText('该运行仍然可以查看。');
  await expect(notice).not.toContainText('cannot be taken back');
  await switchTo(page, 'en');
  await expect(notice).toContainText(`the stored run ${run.id} cannot be taken back`);
});
