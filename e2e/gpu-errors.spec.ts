// GPU errors are never silent: a network too large for the device's memory in total is refused
// before anything is allocated, and a GPU error during training ends the run it struck with its
// message while the other runs, the page and the worker go on.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ON_WEBGPU, button, choose, fillSettings, newestRun, newestStep, openPlayground, slowestStep, startRuns, status } from './playground';

const gpuError = (page: Page) => page.locator('[data-testid="incident"][data-kind="gpu-error"]');

const rowOf = (page: Page, id: string) => page.locator(`[data-testid="run-row"][data-run-id="${id}"]`);
const runStatus = async (page: Page, id: string) => (await status(page)).runs.find((r) => r.id === id)!;

/** Trains a new run until the worker has it past step 20. */
async function trainSmallModel(page: Page): Promise<void> {
  await startRuns(page);
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(20);
}

test('a GPU error inside one run of a race ends that run with its message; the other runs train on', async ({ page }) => {
  await openPlayground(page, ON_WEBGPU);
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64' });
  await choose(page, 'Compare', 'Optimizers: SGD, momentum, Adam');
  await startRuns(page, 'Train comparison', 3);
  await expect.poll(() => slowestStep(page), { timeout: 60_000 }).toBeGreaterThan(20);
  const [sgd, momentum, adam] = (await status(page)).runs;

  // A real validation error, raised inside the momentum run's next step: its error scope catches it.
  await page.evaluate((id) => window.gradlab!.injectError('validation', id), momentum.id);
  await expect(rowOf(page, momentum.id)).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(rowOf(page, momentum.id)).toContainText(/GPU error.*validation/i);
  const endedAt = (await runStatus(page, momentum.id)).step;
  for (const other of [sgd, adam]) {
    await expect.poll(async () => (await runStatus(page, other.id)).step).toBeGreaterThan(endedAt + 50);
    expect((await runStatus(page, other.id)).state).toBe('training');
  }
  expect((await runStatus(page, momentum.id)).step, 'the failed run takes no step more').toBe(endedAt);
});

test('a GPU error that no run can be blamed for ends the runs that were training, and a fresh run trains', async ({ page }) => {
  await openPlayground(page, ON_WEBGPU);
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64', Epochs: '1' });
  await trainSmallModel(page);
  await button(page, 'Pause').click();
  const paused = await newestRun(page);
  await trainSmallModel(page);
  const training = await newestRun(page);

  // Raised through the device's error event, outside every run's error scope.
  await page.evaluate(() => window.gradlab!.injectError('out-of-memory'));
  await expect(gpuError(page)).toContainText('The run was ended by a GPU error', { timeout: 30_000 });
  await expect(gpuError(page)).toContainText(/out-of-memory|out of memory/i);
  await expect(rowOf(page, training.id)).toHaveAttribute('data-state', 'failed');
  // The paused run was not using the device: it is untouched, and resumes.
  await expect(rowOf(page, paused.id)).toHaveAttribute('data-state', 'paused');
  const ended = await status(page);
  await expect(button(page, 'Train')).toBeEnabled();

  // The worker and the device go on: a fresh model trains on the same backend.
  await trainSmallModel(page);
  const after = await status(page);
  expect(after.backend).toBe(ended.backend);
  const fresh = await newestRun(page);
  expect(Number.isFinite(fresh.lastLoss)).toBe(true);
  await rowOf(page, paused.id).getByRole('button', { name: 'Resume' }).click();
  await expect.poll(async () => (await runStatus(page, paused.id)).step).toBeGreaterThan(paused.step);
});

test("a network whose buffers each fit but together exceed the device's memory budget is refused, naming both", async ({ page }) => {
  // WebGPU's default limits: 128 MiB per buffer, and so a budget of four such buffers, 537 MB.
  await openPlayground(page, `${ON_WEBGPU}&limits=default`);
  const before = await status(page);
  // Each 4096×4096 weight matrix (64 MiB) fits a buffer; weights, gradients and Adam's two states of three of them do not fit the budget.
  await fillSettings(page, { 'Hidden layers': '4096,4096,4096' });
  await expect(page.getByText(/784-4096-4096-4096-10 with adam at batch 128 needs about [\d.]+ [MG]B of device memory, beyond this device's budget of 537 MB/)).toBeVisible();
  await expect(button(page, 'Train')).toBeDisabled();
  expect(await status(page)).toMatchObject({ runs: [], buffers: before.buffers, bytes: before.bytes });
});

test('a race with a run that does not fit the device is refused before anything is allocated, naming that run and the limit', async ({ page }) => {
  // 784-4096-4096-10 trained with SGD fits WebGPU's default budget of 537 MB; with Adam's two states it does not.
  await openPlayground(page, `${ON_WEBGPU}&limits=default`);
  const before = await status(page);
  await choose(page, 'Optimizer', 'SGD');
  await fillSettings(page, { 'Hidden layers': '4096,4096' });
  await expect(button(page, 'Train')).toBeEnabled();
  await choose(page, 'Compare', 'Optimizers: SGD, momentum, Adam');
  await button(page, 'Train comparison').click();
  await expect(page.getByText(/Could not start the comparison: .*784-4096-4096-10.*adam.*537 MB/)).toBeVisible();
  await expect(page.getByTestId('run-row')).toHaveCount(0);
  expect(await status(page)).toMatchObject({ runs: [], buffers: before.buffers, bytes: before.bytes });
});
