// Which backend trains with WebGPU present (here SwiftShader, a software adapter): Auto's timed
// choice, said with its reason; WebAssembly asked for by name, on every core where the page is
// cross-origin isolated and on one where it is not; and a change of backend that moves a run
// without a reload.
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LASTING_EPOCHS, choose, fillSettings, newestRun, newestStep, openPlayground, startRuns, status } from './playground';
import { hostStatically } from './static-host';

test('on SwiftShader Auto times WebGPU against WebAssembly once and says which it took, and why', async ({ page }) => {
  await openPlayground(page);
  const reason = page.getByTestId('backend-reason');
  await expect(reason).toContainText(
    /^WebGPU here is a software emulation(; the WebAssembly backend is \d+\.\d× faster| yet \d+\.\d× faster than WebAssembly) on this machine\. \(a step: WebGPU \d+\.\d ms, WebAssembly \d+\.\d ms\)$/,
  );
  const said = (await reason.textContent()) ?? '';
  const { backend } = await status(page);
  expect(backend).toBe(said.includes('the WebAssembly backend is') ? 'wasm' : 'webgpu');
  await expect(page.getByTestId('no-webgpu')).toHaveCount(0);
  test.info().annotations.push({ type: 'auto-choice', description: `${backend}: ${said}` });

  // Auto asked again keeps its verdict: the same trial's figures, not a new timing.
  await choose(page, 'Backend', 'js');
  await expect(reason).toHaveText('The JavaScript backend was chosen in the Backend setting.');
  await choose(page, 'Backend', 'auto');
  await expect(reason).toHaveText(said);
  expect((await status(page)).backend).toBe(backend);
});

/** A one-epoch run of a small model, trained to its end: its test accuracy. */
async function trainOneEpoch(page: Page): Promise<number> {
  await page.evaluate(() => window.gradlab!.createRuns([{ ...window.gradlab!.defaultConfig(), hidden: [32], batchSize: 128, epochs: 1 }], true));
  await expect.poll(async () => (await newestRun(page)).state, { timeout: 120_000 }).toBe('finished');
  const [run] = await page.evaluate(() => window.gradlab!.runs());
  return run.epochs[0].testAccuracy;
}

test('backend=wasm trains on WebAssembly although WebGPU is there, on every core of a cross-origin isolated page', async ({ page }) => {
  await openPlayground(page, '/?debug&backend=wasm');
  await expect(page.getByTestId('backend')).toContainText('Training on the CPU with WebAssembly SIMD');
  await expect(page.getByTestId('backend-reason')).toHaveText('WebAssembly was chosen in the Backend setting.');
  const { isolated, cores } = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
  expect(isolated, 'the preview server sends COOP and COEP').toBe(true);
  expect(cores, 'this machine has more than one core to split the matmuls among').toBeGreaterThan(1);
  const { backend, adapter } = await status(page);
  expect(backend).toBe('wasm');
  expect(adapter).toBe(`WebAssembly SIMD (${cores} threads)`);
  await expect(page.getByTestId('adapter')).toHaveText(adapter!);
  const accuracy = await trainOneEpoch(page);
  expect(accuracy, 'one epoch of a 32-unit MLP on threads').toBeGreaterThan(0.85);
  test.info().annotations.push({ type: 'wasm-threads', description: `${adapter}: test accuracy ${(100 * accuracy).toFixed(2)} % after one epoch` });
});

test.describe('served without the isolation headers', () => {
  const PORT = 4200;
  test.use({ baseURL: `http://127.0.0.1:${PORT}/gradlab/` });

  test('backend=wasm trains on one thread', async ({ page }) => {
    const host = await hostStatically(resolve('dist'), PORT);
    try {
      await openPlayground(page, './?debug&backend=wasm');
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
      const { backend, adapter } = await status(page);
      expect([backend, adapter]).toEqual(['wasm', 'WebAssembly SIMD (1 thread)']);
      expect(await trainOneEpoch(page), 'one epoch of a 32-unit MLP on one thread').toBeGreaterThan(0.85);
    } finally {
      await host.close();
    }
  });
});

test('a change of backend moves the training run there without a reload; it goes on from its step', async ({ page }) => {
  await openPlayground(page, '/?debug&backend=wasm');
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64', Epochs: String(LASTING_EPOCHS) });
  await startRuns(page);
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(20);
  // A reload would lose this.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  const before = await newestStep(page);

  await choose(page, 'Backend', 'webgpu');
  await expect(page.getByTestId('backend-reason')).toHaveText('WebGPU was chosen in the Backend setting.');
  await expect(page.getByTestId('backend')).toContainText('Training on the GPU with WebGPU');
  expect(new URL(page.url()).searchParams.get('backend')).toBe('webgpu');
  expect((await status(page)).backend).toBe('webgpu');
  const moved = await newestRun(page);
  expect(moved.step, 'not back to an earlier checkpoint').toBeGreaterThanOrEqual(before);
  await expect.poll(() => newestStep(page), { timeout: 90_000 }).toBeGreaterThan(moved.step + 20);
  const run = await newestRun(page);
  expect(run.state).toBe('training');
  expect(run.lastLoss, 'the loss is still that of a model learning (untrained: 2.3)').toBeLessThan(2);
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await expect(page.getByTestId('run-row')).toHaveCount(1);

  await choose(page, 'Backend', 'auto');
  await expect(page.getByTestId('backend-reason')).toContainText('WebGPU here is a software emulation');
  expect(new URL(page.url()).searchParams.has('backend'), 'Auto is the address without backend=').toBe(false);
});

test('an unknown backend is named in a notice, and Auto chooses', async ({ page }) => {
  await openPlayground(page, '/?debug&backend=cuda');
  await expect(page.getByText('backend=cuda is not a backend; choose one of auto, webgpu, wasm, js. Using auto.')).toBeVisible();
  await expect(page.getByLabel('Backend', { exact: true })).toHaveValue('auto');
});
