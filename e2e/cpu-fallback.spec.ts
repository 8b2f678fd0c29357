import { expect, test } from './fixtures';
import { button, choose, fillSettings, newestStep, openPlayground, runRows, runs, slowestStep, startRuns, status } from './playground';

test('without WebGPU the page says so and trains on the CPU', async ({ page }) => {
  await openPlayground(page);
  const webgpu = await page.evaluate(async () =>
    'gpu' in navigator ? ((await navigator.gpu.requestAdapter()) ? 'adapter' : 'no adapter') : 'no navigator.gpu',
  );
  expect(webgpu, 'this browser was launched without WebGPU').not.toBe('adapter');
  // The real reason, by the step that failed.
  const reason =
    webgpu === 'no adapter' ? 'WebGPU is present but no adapter was found (the GPU or its driver may be blocked).' : 'This browser does not support WebGPU';
  await expect(page.getByTestId('backend')).toContainText(reason);
  await expect(page.getByTestId('backend')).toContainText('Training on the CPU backend instead (slower).');

  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64' });
  await button(page, 'Train').click();
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(20);
  await button(page, 'Pause').click();
  await expect(page.getByTestId('phase')).toHaveText('Paused');
  const { backend, runs: [run] } = await status(page);
  expect(backend).toBe('cpu');
  expect(run.state).toBe('paused');
  // The chart follows the data within a second (its redraws are throttled).
  await expect(page.getByTestId('loss-chart').locator(`[data-run-id="${run.id}"]`)).not.toHaveAttribute('data-points', '0');
});

test('without WebGPU a race of the four article activations trains on the CPU from equal starts', async ({ page }) => {
  await openPlayground(page);
  await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '64', Epochs: '1' });
  await choose(page, 'Compare', 'Activations: ReLU, Leaky ReLU, Sigmoid, Tanh');
  await startRuns(page, 'Train comparison', 4);
  await expect(runRows(page)).toHaveCount(4);
  await expect.poll(() => slowestStep(page), { timeout: 90_000 }).toBeGreaterThan(30);
  await button(page, 'Pause').click();
  await expect(page.locator('[data-testid="run-row"][data-state="paused"]')).toHaveCount(4);
  const race = await runs(page);
  expect(race.map((r) => r.config.activation)).toEqual(['relu', 'leaky_relu', 'sigmoid', 'tanh']);
  expect(new Set(race.map((r) => r.initialWeightsHash)).size).toBe(1);
  const chart = page.getByTestId('loss-chart');
  await expect(chart).toHaveAttribute('data-runs', '4');
  for (const run of race) await expect(chart.locator(`[data-run-id="${run.id}"]`)).not.toHaveAttribute('data-points', '0');
});
