// Memory comes back: a hundred configurations tried and deleted one after another in one page
// leave the GPU buffers and bytes, the backend's caches and the page's heap where they were; runs
// kept beyond what the device should hold wait on the CPU.
import type { Page } from '@playwright/test';
import type { WorkerStatus } from '../app/protocol';
import type { TrainConfig } from '../gpu/train/config';
import { expect, test } from './fixtures';
import { openPlayground, status } from './playground';

const CONFIGURATIONS = 100;
/** Configurations tried before the level to come back to is taken: the first twelve, as the test's own first ones. */
const WARM_UP = 12;

/** The page's default settings (the e2e specs cannot import the engine's modules, which load WGSL). */
const DEFAULT: TrainConfig = {
  hidden: [128],
  activation: 'relu',
  loss: 'cross-entropy',
  optimizer: 'adam',
  lr: 0.001,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 128,
  epochs: 3,
  seed: 1,
  normalize: 'standard',
  lossEvery: 10,
};

/** Configuration i, made from the page's first one: depth, widths, batch size and optimiser all vary. */
function configuration(first: TrainConfig, i: number): TrainConfig {
  const optimizers = ['sgd', 'momentum', 'adam'] as const;
  return {
    ...first,
    hidden: i % 3 === 0 ? [8 + 5 * i] : [16 + (i % 7) * 24, 8 + (i % 5) * 12],
    batchSize: 16 + (i % 9) * 40,
    optimizer: optimizers[i % 3],
    seed: i + 1,
  };
}

/** The page's heap after a collection (Chromium runs with --enable-precise-memory-info). */
async function pageHeap(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  // Twice, a frame apart: what the first collection frees can hold more until its callbacks have run.
  await session.send('HeapProfiler.collectGarbage');
  await page.evaluate(() => new Promise((next) => requestAnimationFrame(next)));
  await session.send('HeapProfiler.collectGarbage');
  await session.detach();
  return page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
}

/** A run of `config` built, stepped twice, and what the worker holds then. */
async function createAndStep(page: Page, config: TrainConfig): Promise<{ id: string; during: WorkerStatus }> {
  const id = await page.evaluate(async (c) => {
    const [runId] = await window.gradlab!.createRuns([c], false);
    await window.gradlab!.step([runId]);
    await window.gradlab!.step([runId]);
    return runId;
  }, config);
  return { id, during: await status(page) };
}

const deleteRun = (page: Page, id: string) => page.evaluate((runId) => window.gradlab!.deleteRun(runId), id);

/** A run of `config` tried and deleted: what the worker holds afterwards. */
async function tryAndDelete(page: Page, config: TrainConfig): Promise<WorkerStatus> {
  const { id } = await createAndStep(page, config);
  await deleteRun(page, id);
  return status(page);
}

test('a hundred configurations tried and deleted one after another give back their GPU memory, cache entries and heap', async ({ page }) => {
  test.setTimeout(300_000);
  await openPlayground(page);
  // The level to come back to: the page after the first configurations were tried and deleted (the
  // caches warm, every depth and optimiser's code run once). Measured from one first model instead,
  // the heap grew 1.7 MB in the first 50 configurations and 0.5 MB in the next 200, so a bound on
  // the growth tested the warm-up more than a leak.
  for (let i = 0; i < WARM_UP; i++) await tryAndDelete(page, configuration(DEFAULT, i));
  const before = await tryAndDelete(page, DEFAULT);
  const heapBefore = await pageHeap(page);

  let largest = before;
  for (let i = 0; i < CONFIGURATIONS; i++) {
    const { id, during } = await createAndStep(page, configuration(DEFAULT, i));
    expect(during.runs.find((r) => r.id === id)?.step, `configuration ${i} trained`).toBe(2);
    if (during.bytes > largest.bytes) largest = during;
    await deleteRun(page, id);
  }
  const after = await tryAndDelete(page, DEFAULT);
  const heapAfter = await pageHeap(page);
  const figures = (s: WorkerStatus) =>
    `${s.buffers} buffers, ${s.bytes} bytes, ${s.cachedBindGroups} bind groups, ${s.cachedUniforms} uniforms, ${s.pooledBuffers} pooled`;
  const report = `before: ${figures(before)}; largest: ${largest.bytes} bytes; after: ${figures(after)}; page heap ${heapBefore} → ${heapAfter} bytes`;
  test.info().annotations.push({ type: 'memory', description: report });
  console.log(report);

  // The sequence really held more at times, so coming back is something that could fail.
  expect(largest.bytes).toBeGreaterThan(before.bytes * 1.05);
  expect(after.runs).toEqual([]);
  for (const field of ['buffers', 'bytes', 'cachedBindGroups', 'cachedUniforms', 'pooledBuffers'] as const) {
    expect(after[field], field).toBeLessThanOrEqual(Math.ceil(before[field] * 1.05));
  }
  expect(heapAfter - heapBefore, 'page heap growth in bytes').toBeLessThan(3e6);
});

test('a dozen runs kept: at most eight models stay on the device, the others wait on the CPU and still train', async ({ page }) => {
  test.setTimeout(180_000);
  await openPlayground(page);
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push((await createAndStep(page, configuration(DEFAULT, i))).id);
  const kept = await status(page);
  expect(kept.runs.map((r) => r.id)).toEqual(ids);
  expect(kept.runs.filter((r) => r.live).length).toBeLessThanOrEqual(8);
  // The oldest run was parked; stepping it brings it back where it was.
  expect(kept.runs[0]).toMatchObject({ live: false, step: 2 });
  await page.evaluate((id) => window.gradlab!.step([id]), ids[0]);
  const again = await status(page);
  expect(again.runs[0]).toMatchObject({ live: true, step: 3 });
  expect(again.runs.filter((r) => r.live).length).toBeLessThanOrEqual(8);
});
