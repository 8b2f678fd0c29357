import type { Page } from '@playwright/test';
import { expect, test, watchForStrangers } from './fixtures';
import { button, choose, drawDigit, fillSettings, openPlayground, predictedDigit, readTestDigits, status } from './playground';

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
  await openPlayground(page);
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
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64', Epochs: '1' });

  // One step of the untrained model gives the starting loss (the same seed gives the same model).
  await button(page, 'Step').click();
  await expect(page.getByTestId('figure-step')).toHaveText('1');
  const firstLoss = Number(await page.getByTestId('figure-loss').textContent());
  expect(firstLoss).toBeGreaterThan(1.5);

  // A digit on the pad shows its prediction changing while the model learns.
  await drawDigit(page, DRAWN_DIGITS[0].pixels);
  await button(page, 'Train').click();
  await expect(page.getByTestId('run-config')).toHaveText('Run: relu · cross-entropy · adam · 784-32-10 · batch 64');
  await expect.poll(async () => (await status(page)).step, { timeout: 60_000 }).toBeGreaterThan(400);
  // The test output keeps it; `npm run screenshot` refreshes the README's image.
  await testInfo.attach('mid-training', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  await expect(page.getByTestId('phase')).toHaveText('Finished', { timeout: 120_000 });
  const finalStatus = await status(page);
  expect(finalStatus).toMatchObject({ backend: 'webgpu', running: false, epoch: 1 });
  expect(finalStatus.lastLoss).toBeLessThan(firstLoss / 2);

  const chart = page.getByTestId('loss-chart');
  // The chart follows the data within a second (its redraws are throttled).
  await expect(chart).toHaveAttribute('data-epoch-points', '1');
  const drawnPoints = Number(await chart.getAttribute('data-points'));
  // The loss is read back every 10 steps: about 94 points for the epoch's 938 steps.
  expect(drawnPoints).toBeGreaterThan(80);
  expect(drawnPoints).toBeLessThanOrEqual(500);
  await expect(chart.locator('[data-series="smoothed"] path')).toBeVisible();
  await expect(chart.locator('[data-series="testAccuracy"] circle')).toHaveCount(1);
  // Pointing at the curve reads it out: the step, the training loss there, the epoch's test results.
  const plot = await chart.locator('svg').first().boundingBox();
  if (!plot) throw new Error('the chart has no box');
  await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height / 2);
  await expect(page.getByTestId('chart-readout')).toContainText(/step [\d,]+training loss [\d.]+smoothed [\d.]+/);
  await page.mouse.move(0, 0);
  await expect(page.getByTestId('chart-readout')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Log scale' }).check();
  await expect(chart.locator('[data-series="smoothed"] path')).toBeVisible();

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
  await expect(page.getByRole('textbox', { name: 'Learning rate' })).toHaveAttribute('aria-invalid', 'true');
  await expect(button(page, 'Train')).toBeDisabled();
  await fillSettings(page, { 'Learning rate': '0.001', 'Hidden layers': '32' });
  await expect(button(page, 'Train')).toBeEnabled();
});

test('changing activation and loss starts a fresh model that trains with them', async () => {
  await choose(page, 'Activation', 'tanh');
  await expect(page.getByTestId('notice')).toContainText('Started a fresh model with tanh · cross-entropy');
  await expect(page.getByTestId('run-config')).toContainText('Run: tanh · cross-entropy · adam');
  await expect(page.getByTestId('figure-step')).toHaveText('0');

  await choose(page, 'Loss', 'mse');
  await expect(page.getByTestId('run-config')).toContainText('Run: tanh · mse · adam');

  await button(page, 'Train').click();
  await expect.poll(async () => (await status(page)).step, { timeout: 60_000 }).toBeGreaterThan(100);
  await expect(page.getByTestId('run-config')).toHaveText('Run: tanh · mse · adam · 784-32-10 · batch 64');
  await expect(page.getByRole('combobox', { name: 'Activation' })).toBeDisabled();
  await fillSettings(page, { 'Learning rate': '0.0005' });
  await expect(page.getByTestId('notice')).toHaveText('Learning rate 0.0005 applies from the next step.');

  await button(page, 'Pause').click();
  await expect(page.getByTestId('phase')).toHaveText('Paused');
  // The pause is over once its checkpoint is taken: the step in flight has landed by then.
  const pauseCheckpointed = async () => {
    const now = await status(page);
    return now.checkpointStep === now.step;
  };
  await expect.poll(pauseCheckpointed).toBe(true);
  const pausedAt = (await status(page)).step;
  // Paused, the run moves only when asked: one Step is one step (a run still going would be past it).
  await button(page, 'Step').click();
  await expect(page.getByTestId('figure-step')).toHaveText((pausedAt + 1).toLocaleString('en'));
  expect((await status(page)).step).toBe(pausedAt + 1);
  await button(page, 'Resume').click();
  await expect.poll(async () => (await status(page)).step).toBeGreaterThan(pausedAt + 1);
  await button(page, 'Reset').click();
  await expect(page.getByTestId('phase')).toHaveText('Ready');
});
