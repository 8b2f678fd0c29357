import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LASTING_EPOCHS, button, choose, fillSettings, newestStep, openPlayground, runRows, runs, slowestStep, startRuns, status } from './playground';

/** Trains one small run until it has taken some steps, pauses it, and gives the backend it trained on. */
async function trainBriefly(page: Page): Promise<string | null> {
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64', Epochs: String(LASTING_EPOCHS) });
  await button(page, 'Train').click();
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(20);
  await button(page, 'Pause').click();
  await expect(page.getByTestId('phase')).toHaveText('Paused');
  const { backend, runs: [run] } = await status(page);
  expect(run.state).toBe('paused');
  // The chart follows the data within a second (its redraws are throttled).
  await expect(page.getByTestId('loss-chart').locator(`[data-run-id="${run.id}"]`)).not.toHaveAttribute('data-points', '0');
  return backend;
}

test('without WebGPU the page says so, picks WebAssembly, says why, and trains there', async ({ page }) => {
  await openPlayground(page);
  const webgpu = await page.evaluate(async () =>
    'gpu' in navigator ? ((await navigator.gpu.requestAdapter()) ? 'adapter' : 'no adapter') : 'no navigator.gpu',
  );
  expect(webgpu, 'this browser was launched without WebGPU').not.toBe('adapter');
  // The real reason, by the step that failed.
  const reason =
    webgpu === 'no adapter' ? 'WebGPU is present but no adapter was found (the GPU or its driver may be blocked).' : 'This browser does not support WebGPU';
  await expect(page.getByTestId('no-webgpu')).toContainText(reason);
  await expect(page.getByTestId('backend')).toContainText('Training on the CPU with WebAssembly SIMD');
  await expect(page.getByTestId('backend-reason')).toContainText(/^This browser has no WebGPU \(.+\): training runs on WebAssembly\.$/);
  await expect(page.getByLabel('Backend', { exact: true })).toHaveValue('auto');
  expect(await trainBriefly(page)).toBe('wasm');
});

test('without WebGPU, backend=js trains on the JavaScript backend, and the select shows it', async ({ page }) => {
  await openPlayground(page, '/?debug&backend=js');
  await expect(page.getByTestId('backend')).toContainText('Training on the CPU with the JavaScript backend (slower)');
  await expect(page.getByTestId('backend-reason')).toHaveText('The JavaScript backend was chosen in the Backend setting.');
  await expect(page.getByLabel('Backend', { exact: true })).toHaveValue('js');
  expect(await trainBriefly(page)).toBe('cpu');
});

test('the Backend select loads the page again on the backend chosen', async ({ page }) => {
  await openPlayground(page, '/?debug&backend=js');
  await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
  await expect(page).toHaveURL(/[?&]backend=wasm(&|$)/);
  await expect(page.getByTestId('backend')).toContainText('WebAssembly SIMD');
  expect((await status(page)).backend).toBe('wasm');
});

test('without WebGPU a race of the four article activations trains on WebAssembly from equal starts', async ({ page }) => {
  await openPlayground(page);
  await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '64', Epochs: String(LASTING_EPOCHS) });
  await choose(page, 'Compare', 'Activations: ReLU, Leaky ReLU, Sigmoid, Tanh');
  await startRuns(page, 'Train comparison', 4);
  await expect(runRows(page)).toHaveCount(4);
  await expect.poll(() => slowestStep(page), { timeout: 90_000 }).toBeGreaterThan(30);
  await button(page, 'Pause').click();
  await expect(page.locator('[data-testid="run-row"][data-state="paused"]')).toHaveCount(4);
  const race = await runs(page);
  expect((await status(page)).backend).toBe('wasm');
  expect(race.map((r) => r.config.activation)).toEqual(['relu', 'leaky_relu', 'sigmoid', 'tanh']);
  expect(new Set(race.map((r) => r.initialWeightsHash)).size).toBe(1);
  const chart = page.getByTestId('loss-chart');
  await expect(chart).toHaveAttribute('data-runs', '4');
  for (const run of race) await expect(chart.locator(`[data-run-id="${run.id}"]`)).not.toHaveAttribute('data-points', '0');
});
