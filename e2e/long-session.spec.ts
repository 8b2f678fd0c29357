// A long session in one page: nothing may pile up, on the GPU, in the heap or in the chart, and the
// page must stay responsive throughout.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { button, choose, fillSettings, newestRun, newestStep, openPlayground, status } from './playground';

/** A tiny network, 5,000 steps an epoch: 20,000 steps in four epochs, about a minute on SwiftShader. */
const SETTINGS = { 'Hidden layers': '8', 'Batch size': '12', Epochs: '4' };
const TOTAL_STEPS = 20_000;
const MAX_HEAP_GROWTH_BYTES = 20e6;
/** What issue 6 allows a main-thread task during training. */
const MAX_TASK_MS = 100;

/** Collects the duration of every main-thread task over 50 ms from now on. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const durations: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = durations;
    new PerformanceObserver((list) => durations.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
}

/** Reports the long tasks seen since watchLongTasks() and fails on one over MAX_TASK_MS. */
async function expectNoLongTask(page: Page): Promise<void> {
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const longest = Math.max(0, ...tasks);
  const description = `${Math.round(longest)} ms; tasks over 50 ms: ${JSON.stringify(tasks.map(Math.round))}`;
  test.info().annotations.push({ type: 'longest main-thread task', description });
  console.log(`${test.info().title}: longest main-thread task ${description}`);
  expect(longest).toBeLessThan(MAX_TASK_MS);
}

/** The page's JS heap in use, where Chromium tells it (performance.memory). */
const heapUsed = (page: Page) =>
  page.evaluate(() => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null);

const stepReaches = (page: Page, step: number, timeout: number) =>
  expect.poll(() => newestStep(page), { timeout, intervals: [500] }).toBeGreaterThanOrEqual(step);

test('20,000 steps in one page: GPU memory flat, heap bounded, chart decimated, no main-thread task over 100 ms', async ({ page }) => {
  test.setTimeout(240_000);
  await openPlayground(page);
  await fillSettings(page, SETTINGS);
  await watchLongTasks(page);
  const started = Date.now();
  await button(page, 'Train').click();

  // Past the first epoch's evaluation, strip refresh and checkpoint, everything is allocated.
  await stepReaches(page, 5_500, 90_000);
  const settled = await status(page);
  await stepReaches(page, TOTAL_STEPS / 2, 90_000);
  const heapMidway = await heapUsed(page);

  await expect(page.getByTestId('phase')).toHaveText('Finished', { timeout: 150_000 });
  const end = await status(page);
  const run = await newestRun(page);
  const heapAtEnd = await heapUsed(page);
  test.info().annotations.push(
    { type: 'training time', description: `${Math.round((Date.now() - started) / 1000)} s for ${run.step} steps` },
    { type: 'GPU memory', description: `${end.buffers} buffers, ${end.bytes} bytes` },
    { type: 'heap', description: `${heapMidway} → ${heapAtEnd} bytes` },
  );

  expect(run.step).toBe(TOTAL_STEPS);
  expect({ buffers: end.buffers, bytes: end.bytes }).toEqual({ buffers: settled.buffers, bytes: settled.bytes });
  if (heapMidway !== null && heapAtEnd !== null) expect(heapAtEnd - heapMidway).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
  const drawn = Number(await page.getByTestId('loss-chart').locator(`[data-run-id="${run.id}"]`).getAttribute('data-points'));
  expect(drawn).toBeGreaterThan(50);
  expect(drawn).toBeLessThanOrEqual(500);
  await expectNoLongTask(page);
});

test('the default network, with its bigger steps, trains an epoch with no main-thread task over 100 ms', async ({ page }) => {
  await openPlayground(page);
  await fillSettings(page, { Epochs: '1' });
  await watchLongTasks(page);
  await button(page, 'Train').click();
  await expect(page.getByTestId('phase')).toHaveText('Finished', { timeout: 120_000 });
  await expectNoLongTask(page);
});

test('eight runs raced on one chart train an epoch with no main-thread task over 100 ms', async ({ page }) => {
  test.setTimeout(300_000);
  await openPlayground(page);
  await fillSettings(page, { 'Hidden layers': '8', 'Batch size': '256', Epochs: '1' });
  await choose(page, 'Compare', 'All activations');
  await watchLongTasks(page);
  await button(page, 'Train comparison').click();
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-runs', '8');
  await expect(page.locator('[data-testid="run-row"][data-state="finished"]')).toHaveCount(8, { timeout: 280_000 });
  await expectNoLongTask(page);
});
