// Each fault the page promises to survive, provoked for real, and the outcome it promises.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ON_WEBGPU, button, choose, drawDigit, fillSettings, newestRun, newestStep, openPlayground, readTestDigits, runRows, status, slowestStep, startRuns, watchCommandsToWorker } from './playground';

const incident = (page: Page, kind: string) => page.locator(`[data-testid="incident"][data-kind="${kind}"]`);
const chartPoints = async (page: Page, runId: string) =>
  Number(await page.getByTestId('loss-chart').locator(`[data-run-id="${runId}"]`).getAttribute('data-points'));

test('a lost GPU device is noticed within a second and every run of a race carries on from its own checkpoint', async ({ page }) => {
  await openPlayground(page, ON_WEBGPU);
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64', Epochs: '2' });
  await choose(page, 'Compare', 'Optimizers: SGD, momentum, Adam');
  await startRuns(page, 'Train comparison', 3);
  await expect.poll(() => slowestStep(page), { timeout: 90_000 }).toBeGreaterThan(200);
  await button(page, 'Pause').click();
  await expect(page.locator('[data-testid="run-row"][data-state="paused"]')).toHaveCount(3);
  // A checkpoint is taken at every pause, of every run.
  await expect.poll(async () => (await status(page)).runs.every((r) => r.checkpointStep === r.step)).toBe(true);
  const paused = (await status(page)).runs;
  const pointsAtPause = await chartPoints(page, paused[2].id);

  await button(page, 'Resume').click();
  await expect.poll(() => slowestStep(page)).toBeGreaterThan(paused[0].step + 100);
  const before = (await status(page)).runs;
  const documentStart = await page.evaluate(() => performance.timeOrigin);

  const noticedAfterMs = await page.evaluate(async () => {
    const lostAt = performance.now();
    window.gradlab!.loseDevice();
    await new Promise<void>((resolve) => {
      const look = () => (document.querySelector('[data-kind="device-lost"]') ? resolve() : requestAnimationFrame(look));
      look();
    });
    return performance.now() - lostAt;
  });
  test.info().annotations.push({ type: 'device loss noticed after', description: `${Math.round(noticedAfterMs)} ms` });
  expect(noticedAfterMs).toBeLessThan(1000);
  await expect(incident(page, 'device-lost')).toContainText('The GPU device was lost');
  await expect(incident(page, 'device-lost')).toContainText('restored from', { timeout: 60_000 });
  await expect(page.locator('[data-testid="run-row"][data-state="training"]')).toHaveCount(3);

  for (const run of before) {
    await expect.poll(async () => (await status(page)).runs.find((r) => r.id === run.id)!.step).toBeGreaterThan(run.checkpointStep + 50);
  }
  const after = await status(page);
  expect(after.backend).toBe('webgpu');
  // Adam's run would start again near 2.3 if it were a fresh model: it kept what it had learnt.
  expect(after.runs[2].lastLoss).toBeLessThan(1);
  // Points after the checkpoint were dropped and are drawn again as those steps are retrained.
  expect(await chartPoints(page, paused[2].id), 'the loss curve keeps its history').toBeGreaterThan(pointsAtPause);
  expect(await page.evaluate(() => performance.timeOrigin), 'no reload').toBe(documentStart);
});

test('a diverging run stops, says what it saw, draws no NaN, and rolls back with a smaller learning rate', async ({ page }) => {
  await openPlayground(page, ON_WEBGPU);
  await drawDigit(page, readTestDigits([0])[0].pixels);
  await choose(page, 'Optimizer', 'SGD');

  // Two ReLU layers at learning rate 100: the loss is NaN within ten steps.
  await fillSettings(page, { 'Learning rate': '100', 'Hidden layers': '128,128', 'Batch size': '64' });
  await button(page, 'Train').click();
  await expect(incident(page, 'diverged')).toContainText('the training loss became NaN', { timeout: 30_000 });
  await expect(page.getByTestId('phase')).toHaveText('Diverged');
  await expect(button(page, 'Roll back to step 0 with learning rate 10').first()).toBeVisible();
  await expect(button(page, 'Resume')).toBeDisabled();
  await expect(page.getByTestId('prediction')).toHaveText('Prediction: – (no usable model right now)');
  await expect(page.getByTestId('samples-caption')).toContainText('gives no predictions');
  const drawn = await page.getByTestId('loss-chart').locator('path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
  expect(drawn.filter((d) => /NaN|Infinity/.test(d))).toEqual([]);

  // One layer at learning rate 50: the loss never becomes NaN, it settles ten times too high.
  await fillSettings(page, { 'Learning rate': '50', 'Hidden layers': '32' });
  await button(page, 'Train').click();
  await expect(incident(page, 'diverged')).toContainText("stayed above 4× the untrained model's", { timeout: 30_000 });
  await button(page, 'Roll back to step 0 with learning rate 5').first().click();
  await expect(incident(page, 'rolled-back')).toContainText('Rolled back to step 0: training carries on with learning rate 5');
  // The form describes the next run: it keeps what the user typed.
  await expect(page.getByRole('textbox', { name: 'Learning rate', exact: true })).toHaveValue('50');
  // Both runs are kept: the first diverged one, and the rolled-back one training.
  await expect(runRows(page)).toHaveCount(2);
  await expect.poll(() => newestStep(page)).toBeGreaterThan(50);
  expect(await newestRun(page)).toMatchObject({ state: 'training' });
});

test('in a race, the run that diverges stops alone, with its rollback on its row; the others train on', async ({ page }) => {
  await openPlayground(page, ON_WEBGPU);
  await choose(page, 'Optimizer', 'SGD');
  // Learning rates 1, 10 and 100: the last one's loss is NaN within a few steps.
  await fillSettings(page, { 'Learning rate': '10', 'Hidden layers': '32', 'Batch size': '64' });
  await choose(page, 'Compare', 'Learning rates: ×0.1, ×1, ×10');
  await startRuns(page, 'Train comparison', 3);
  const [calm, , wild] = (await status(page)).runs;
  expect([calm.config.lr, wild.config.lr]).toEqual([1, 100]);
  const wildRow = page.locator(`[data-testid="run-row"][data-run-id="${wild.id}"]`);
  await expect(wildRow).toHaveAttribute('data-state', 'diverged', { timeout: 30_000 });
  await expect(wildRow).toContainText('diverged');
  await expect(wildRow.getByRole('button', { name: /^Roll back to step \d+ with learning rate 10$/ })).toBeVisible();
  const stoppedAt = (await status(page)).runs.find((r) => r.id === wild.id)!.step;
  // The calm run goes on well past the step where the other one stopped.
  await expect.poll(async () => (await status(page)).runs.find((r) => r.id === calm.id)!.step).toBeGreaterThan(stoppedAt + 100);
  expect((await status(page)).runs.find((r) => r.id === calm.id)!.state).toBe('training');
  expect((await status(page)).runs.find((r) => r.id === wild.id)!.step).toBe(stoppedAt);
});

test.describe('without a service worker, where the data loader keeps MNIST in a cache of its own', () => {
  test.use({ serviceWorkers: 'block' });

  test('a corrupted download is reported, a bad cache entry is thrown away, and Retry loads the data', async ({ page }) => {
    await page.route(
      '**/mnist/train-images-idx3-ubyte.gz',
      async (route) => {
        const body = await (await route.fetch()).body();
        await route.fulfill({ status: 200, contentType: 'application/gzip', body: body.subarray(0, body.length / 2) });
      },
      { times: 1 },
    );
    await page.goto(ON_WEBGPU);
    await expect(incident(page, 'data-failed')).toContainText('MNIST file train-images-idx3-ubyte is corrupted');
    await expect(button(page, 'Train')).toBeDisabled();

    // The three good files were cached; spoil one of them.
    const spoiled = await page.evaluate(async () => {
      const cache = await caches.open('gradlab-mnist');
      const key = (await cache.keys()).find((request) => request.url.includes('train-labels'))!;
      await cache.put(key, new Response('not a gzip file'));
      return key.url;
    });

    await button(page, 'Retry').click();
    await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 60_000 });
    await expect(incident(page, 'data-failed')).toHaveCount(0);
    const cachedBytes = await page.evaluate(async (url) => (await (await caches.match(url))!.arrayBuffer()).byteLength, spoiled);
    const manifest = await page.evaluate(async () => (await fetch('/mnist/manifest.json')).json());
    const labels = manifest.files.find((f: { name: string }) => f.name === 'train-labels-idx1-ubyte');
    // The preview server sends .gz files with Content-Encoding: gzip, so what is cached may be inflated.
    expect([labels.compressedBytes, labels.rawBytes], 'the spoilt entry was replaced by the real file').toContain(cachedBytes);
    await fillSettings(page, { 'Hidden layers': '16' });
    await button(page, 'Train').click();
    await expect.poll(() => newestStep(page)).toBeGreaterThan(10);
  });
});

test('a network too large for the device is refused before anything is allocated, with the limit named', async ({ page }) => {
  // WebGPU's default limits (128 MiB per storage buffer) instead of SwiftShader's 1 GiB, as on a small GPU.
  const commandsSent = await watchCommandsToWorker(page);
  await openPlayground(page, `${ON_WEBGPU}&limits=default`);
  const before = await status(page);
  await fillSettings(page, { 'Hidden layers': '8192', 'Batch size': '8192' });
  await expect(page.getByText("layer 1 needs a buffer of 67108864 values, beyond this device's limit of 33554432 per buffer")).toBeVisible();
  await expect(button(page, 'Train')).toBeDisabled();
  const sentBeforeEnter = await commandsSent();
  expect(sentBeforeEnter, 'the watch sees the commands the page sends (init, at least)').not.toEqual([]);
  // The form handles Enter before press() returns: a command it sent would be on the list by now.
  await page.getByRole('textbox', { name: 'Hidden layers' }).press('Enter');
  expect(await commandsSent(), 'Enter asks nothing of the worker').toEqual(sentBeforeEnter);
  expect(await status(page)).toMatchObject({ runs: [], buffers: before.buffers, bytes: before.bytes });
});

test('a crashed worker is noticed and Start again brings a new one', async ({ page }) => {
  await openPlayground(page, ON_WEBGPU);
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64' });
  await button(page, 'Train').click();
  await expect.poll(() => newestStep(page)).toBeGreaterThan(20);

  await page.evaluate(() => window.gradlab!.crashWorker());
  await expect(incident(page, 'worker-silent')).toContainText('The training worker has stopped answering', { timeout: 10_000 });
  await button(page, 'Start again').click();
  await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 60_000 });
  await expect(incident(page, 'worker-silent')).toHaveCount(0);
  await startRuns(page);
  await expect.poll(() => newestStep(page)).toBeGreaterThan(20);
});
