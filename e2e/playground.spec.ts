import type { Page } from '@playwright/test';
import { expect, test, watchForStrangers } from './fixtures';
import { ON_WEBGPU, button, choose, drawDigit, fillSettings, newestRun, newestStep, openPlayground, predictedDigit, readTestDigits, runRows, startRuns, status } from './playground';

/** The first five test images: 7, 2, 1, 0, 4. */
const DRAWN_DIGITS = readTestDigits([0, 1, 2, 3, 4]);

// One page for the whole file: the drawing test needs the model the first test trained.
test.describe.configure({ mode: 'serial' });

let page: Page;
/** The shared page is not the fixtures' page: it is watched here. */
let strangers: string[];

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  strangers = await watchForStrangers(page.context());
  await openPlayground(page, ON_WEBGPU);
});

test.afterEach(() => {
  expect(strangers, 'requests to other origins or CSP violations').toEqual([]);
});

test.afterAll(async () => {
  await page.close();
});

test('trains a small MLP on WebGPU to over 85 % test accuracy in one epoch', async () => {
  const testInfo = test.info();
  await expect(page.getByTestId('adapter')).not.toBeEmpty();
  await expect(page.getByTestId('runs-table')).toContainText('No runs yet');
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64', Epochs: '1' });

  // A digit on the pad shows its prediction changing while the model learns.
  await drawDigit(page, DRAWN_DIGITS[0].pixels);
  await button(page, 'Train').click();
  await expect(page.getByTestId('run-config')).toHaveText('Run: ReLU · cross-entropy · Adam 0.001 · 32 · batch 64');
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(400);
  // The test output keeps it; `npm run screenshot` refreshes the README's image.
  await testInfo.attach('mid-training', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  await expect(page.getByTestId('phase')).toHaveText('Finished', { timeout: 120_000 });
  const finished = await newestRun(page);
  expect(finished).toMatchObject({ state: 'finished', epoch: 1 });
  expect((await status(page)).backend).toBe('webgpu');
  // An untrained network's cross-entropy is ln 10 (chance over ten classes).
  expect(finished.lastLoss).toBeLessThan(Math.log(10) / 2);
  await expect(runRows(page)).toHaveCount(1);
  await expect(runRows(page).first()).toHaveAttribute('data-state', 'finished');

  const chart = page.getByTestId('loss-chart');
  const series = chart.locator(`[data-run-id="${finished.id}"]`);
  // The chart follows the data within a second (its redraws are throttled). The loss is read back
  // every 10 steps: about 94 points for the epoch's 938 steps.
  await expect.poll(async () => Number(await series.getAttribute('data-points'))).toBeGreaterThan(80);
  expect(Number(await series.getAttribute('data-points'))).toBeLessThanOrEqual(500);
  // Pointing at the curve reads it out: the x value and the run's value there.
  const plot = await chart.locator('svg').first().boundingBox();
  if (!plot) throw new Error('the chart has no box');
  await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height / 2);
  await expect(page.getByTestId('chart-readout')).toContainText(/step [\d,]+/);
  await expect(page.getByTestId('chart-readout')).toContainText('ReLU · cross-entropy');
  await page.mouse.move(0, 0);
  await expect(page.getByTestId('chart-readout')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Log scale' }).check();
  await expect(series).not.toHaveAttribute('data-points', '0');
  await page.getByRole('checkbox', { name: 'Log scale' }).uncheck();
  await choose(page, 'Metric', 'Test accuracy');
  await expect(series).toHaveAttribute('data-points', '1');
  await choose(page, 'Metric', 'Training loss');

  const accuracy = Number.parseFloat((await page.getByTestId('figure-accuracy').textContent()) ?? '');
  testInfo.annotations.push({ type: 'test accuracy', description: `${accuracy} %` });
  expect(accuracy).toBeGreaterThan(85);
  await expect(page.locator('[data-testid="test-sample"][data-correct="true"]')).not.toHaveCount(0);
});

test('recognises real MNIST test digits drawn with the mouse', async () => {
  const testInfo = test.info();
  const results = [];
  for (const digit of DRAWN_DIGITS) {
    await button(page, 'Clear').click();
    await drawDigit(page, digit.pixels);
    results.push({ label: digit.label, predicted: await predictedDigit(page) });
  }
  testInfo.annotations.push({ type: 'drawn digits', description: JSON.stringify(results) });
  expect(results.filter((r) => r.predicted === r.label).length).toBeGreaterThanOrEqual(3);
});

test('invalid settings are explained and block training', async () => {
  await fillSettings(page, { 'Learning rate': 'fast', 'Hidden layers': '32,x' });
  await expect(page.getByText('learning rate must be a positive number')).toBeVisible();
  await expect(page.getByText('hidden layers must be positive whole numbers')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Learning rate', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(button(page, 'Train')).toBeDisabled();
  await fillSettings(page, { 'Learning rate': '0.001', 'Hidden layers': '32' });
  await expect(button(page, 'Train')).toBeEnabled();
});

test('changing settings never discards a run: the next run is trained beside it, and each resumes from its row', async () => {
  const first = await newestRun(page);
  await choose(page, 'Activation', 'Tanh');
  await choose(page, 'Loss', 'Mean squared error');
  // Choosing prepares the next run only: nothing starts, the finished run stays as it was.
  await expect(runRows(page)).toHaveCount(1);
  await startRuns(page);
  await expect(runRows(page)).toHaveCount(2);
  await expect(page.getByTestId('run-config')).toHaveText('Run: Tanh · MSE · Adam 0.001 · 32 · batch 64');
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(100);
  // Nothing in the form is disabled while a run trains: it describes the next one.
  await expect(page.getByRole('combobox', { name: 'Activation' })).toBeEnabled();
  await fillSettings(page, { 'Learning rate': '0.0005' });
  expect((await newestRun(page)).config.lr, 'the form does not change the running run').toBe(0.001);

  await button(page, 'Pause').click();
  await expect(page.getByTestId('phase')).toHaveText('Paused');
  // The pause is over once its checkpoint is taken: the step in flight has landed by then.
  await expect.poll(async () => {
    const now = await newestRun(page);
    return now.checkpointStep === now.step;
  }).toBe(true);
  const pausedAt = (await newestRun(page)).step;
  // Paused, the run moves only when asked: one Step is one step (a run still going would be past it).
  await button(page, 'Step').click();
  await expect(page.getByTestId('figure-step')).toHaveText((pausedAt + 1).toLocaleString('en'));
  expect((await newestRun(page)).step).toBe(pausedAt + 1);

  // Both runs are in the table and on the chart; their losses differ, and the chart says their values do not compare.
  await expect(page.locator(`[data-testid="run-row"][data-run-id="${first.id}"]`)).toHaveAttribute('data-state', 'finished');
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-runs', '2');
  await expect(page.getByTestId('loss-chart')).toContainText('not comparable');

  const paused = page.locator('[data-testid="run-row"][data-state="paused"]');
  await paused.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => newestStep(page)).toBeGreaterThan(pausedAt + 1);
  await paused.or(page.locator('[data-testid="run-row"][data-state="training"]')).getByRole('button', { name: 'Pause' }).click();
  await expect(page.locator('[data-testid="run-row"][data-state="paused"]')).toHaveCount(1);

  // "Use these settings" puts a run's settings back into the form.
  await page.locator(`[data-testid="run-row"][data-run-id="${first.id}"]`).getByRole('button', { name: 'Use these settings' }).click();
  await expect(page.getByRole('combobox', { name: 'Activation' })).toHaveValue('relu');
  await expect(page.getByRole('textbox', { name: 'Learning rate', exact: true })).toHaveValue('0.001');
});
