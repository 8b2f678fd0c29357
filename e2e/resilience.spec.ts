// Each fault the page promises to survive, provoked for real, and the outcome it promises.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { button, choose, drawDigit, fillSettings, openPlayground, readTestDigits, status, watchCommandsToWorker } from './playground';

const incident = (page: Page, kind: string) => page.locator(`[data-testid="incident"][data-kind="${kind}"]`);
const chartPoints = async (page: Page) => Number(await page.getByTestId('loss-chart').getAttribute('data-points'));

test('a lost GPU device is noticed within a second and training carries on from the last checkpoint', async ({ page }) => {
  await openPlayground(page);
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64', Epochs: '2' });
  await button(page, 'Train').click();
  await expect.poll(async () => (await status(page)).step, { timeout: 60_000 }).toBeGreaterThan(300);
  await button(page, 'Pause').click();
  await expect(page.getByTestId('phase')).toHaveText('Paused');
  const paused = await status(page);
  await expect.poll(async () => (await status(page)).checkpointStep, 'a checkpoint is taken at every pause').toBe(paused.step);
  const pointsAtPause = await chartPoints(page);

  await button(page, 'Resume').click();
  await expect.poll(async () => (await status(page)).step).toBeGreaterThan(paused.step + 100);
  const before = await status(page);
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

  await expect(incident(page, 'device-lost')).toContainText(`restored from the checkpoint at step ${before.checkpointStep!.toLocaleString('en')}`, {
    timeout: 60_000,
  });
  await expect(page.getByTestId('phase')).toHaveText('Training');
  await expect.poll(async () => (await status(page)).step).toBeGreaterThan(before.checkpointStep! + 50);
  const after = await status(page);
  expect(after.backend).toBe('webgpu');
  // A fresh model would start again near 2.3: this one kept what it had learnt.
  expect(after.lastLoss).toBeLessThan(1);
  // Points after the checkpoint were dropped and are drawn again as those steps are retrained.
  expect(await chartPoints(page), 'the loss curve keeps its history').toBeGreaterThan(pointsAtPause);
  expect(await page.evaluate(() => performance.timeOrigin), 'no reload').toBe(documentStart);
});

test('a diverging run pauses, says what it saw, draws no NaN, and rolls back with a smaller learning rate', async ({ page }) => {
  await openPlayground(page);
  await drawDigit(page, readTestDigits([0])[0].pixels);
  await choose(page, 'Optimizer', 'sgd');

  // Two ReLU layers at learning rate 100: the loss is NaN within ten steps.
  await fillSettings(page, { 'Learning rate': '100', 'Hidden layers': '128,128', 'Batch size': '64' });
  await button(page, 'Train').click();
  await expect(incident(page, 'diverged')).toContainText('the training loss became NaN', { timeout: 30_000 });
  await expect(page.getByTestId('phase')).toHaveText('Paused');
  await expect(button(page, 'Roll back to step 0 with learning rate 10')).toBeVisible();
  await expect(button(page, 'Resume')).toBeDisabled();
  await expect(page.getByTestId('prediction')).toHaveText('Prediction: – (no usable model right now)');
  await expect(page.getByTestId('samples-caption')).toContainText('gives no predictions');
  const drawn = await page.getByTestId('loss-chart').locator('path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
  expect(drawn.filter((d) => /NaN|Infinity/.test(d))).toEqual([]);

  // One layer at learning rate 50: the loss never becomes NaN, it settles ten times too high.
  await fillSettings(page, { 'Learning rate': '50', 'Hidden layers': '32' });
  await button(page, 'Train').click();
  await expect(incident(page, 'diverged')).toContainText("stayed above 4× the untrained model's", { timeout: 30_000 });
  await button(page, 'Roll back to step 0 with learning rate 5').click();
  await expect(incident(page, 'rolled-back')).toContainText('Rolled back to step 0: training carries on with learning rate 5');
  await expect(page.getByRole('textbox', { name: 'Learning rate' })).toHaveValue('5');
  await expect.poll(async () => (await status(page)).step).toBeGreaterThan(50);
  expect(await status(page)).toMatchObject({ running: true });
});

test('a corrupted download is reported, a bad cache entry is thrown away, and Retry loads the data', async ({ page }) => {
  await page.route(
    '**/mnist/train-images-idx3-ubyte.gz',
    async (route) => {
      const body = await (await route.fetch()).body();
      await route.fulfill({ status: 200, contentType: 'application/gzip', body: body.subarray(0, body.length / 2) });
    },
    { times: 1 },
  );
  await page.goto('/?debug');
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
  await expect(page.getByTestId('run-config')).toContainText('Run: relu');
  await button(page, 'Step').click();
  await expect(page.getByTestId('figure-step')).toHaveText('1');
});

test('a network too large for the device is refused before anything is allocated, with the limit named', async ({ page }) => {
  // WebGPU's default limits (128 MiB per storage buffer) instead of SwiftShader's 1 GiB, as on a small GPU.
  const commandsSent = await watchCommandsToWorker(page);
  await openPlayground(page, '/?debug&limits=default');
  const before = await status(page);
  await fillSettings(page, { 'Hidden layers': '8192', 'Batch size': '8192' });
  await expect(page.getByText("layer 1 needs a buffer of 67108864 values, beyond this device's limit of 33554432 per buffer")).toBeVisible();
  await expect(button(page, 'Train')).toBeDisabled();
  const sentBeforeEnter = await commandsSent();
  expect(sentBeforeEnter, 'the watch sees the commands the page sends (it made a model)').not.toEqual([]);
  // The form handles Enter before press() returns: a command it sent would be on the list by now.
  await page.getByRole('textbox', { name: 'Hidden layers' }).press('Enter');
  expect(await commandsSent(), 'Enter asks nothing of the worker').toEqual(sentBeforeEnter);
  expect(await status(page)).toMatchObject({ step: 0, buffers: before.buffers, bytes: before.bytes });
});

test('a crashed worker is noticed and Start again brings a new one', async ({ page }) => {
  await openPlayground(page);
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64' });
  await button(page, 'Train').click();
  await expect.poll(async () => (await status(page)).step).toBeGreaterThan(20);

  await page.evaluate(() => window.gradlab!.crashWorker());
  await expect(incident(page, 'worker-silent')).toContainText('The training worker has stopped answering', { timeout: 10_000 });
  await button(page, 'Start again').click();
  await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 60_000 });
  await expect(incident(page, 'worker-silent')).toHaveCount(0);
  await button(page, 'Train').click();
  await expect.poll(async () => (await status(page)).step).toBeGreaterThan(20);
});
