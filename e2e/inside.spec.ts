// Inside the network: the activation as the engine computes it, dead and saturated units, gradients
// vanishing layer by layer, the confusion matrix and the loss at work, read from the page itself.
import type { Page } from '@playwright/test';
import type { TrainConfig } from '../gpu/train/config';
import { PHONE } from './a11y-helpers';
import { expect, test } from './fixtures';
import { LASTING_EPOCHS, button, choose, drawDigit, fillSettings, openPlayground, predictedDigit, readTestDigits, runs, slowestStep, startRuns, status } from './playground';

const section = (page: Page) => page.locator('section[aria-labelledby="inside-title"]');

async function openInside(page: Page): Promise<void> {
  await button(page, 'Show inside the network').click();
  await expect(button(page, 'Hide inside the network')).toHaveAttribute('aria-expanded', 'true');
}

/** The page's default settings with `change`, as the debug handle takes them. */
async function configWith(page: Page, change: Partial<TrainConfig>): Promise<TrainConfig> {
  const base = await page.evaluate(() => window.gradlab!.defaultConfig());
  return { ...base, ...change };
}

const layerStats = (page: Page, runId: string) => page.evaluate((id) => window.gradlab!.layerStats(id), runId);

/** Creates runs together (given epochs enough to be training still) and trains them until the slowest has taken `steps` steps, then pauses them. */
async function trainFor(page: Page, configs: TrainConfig[], steps: number): Promise<string[]> {
  const lasting = configs.map((config) => ({ ...config, epochs: LASTING_EPOCHS }));
  const ids = await page.evaluate((c) => window.gradlab!.createRuns(c, true), lasting);
  await expect.poll(() => slowestStep(page), { timeout: 240_000 }).toBeGreaterThanOrEqual(steps);
  await button(page, 'Pause').click();
  await expect.poll(async () => (await status(page)).runs.every((r) => r.state !== 'training')).toBe(true);
  return ids;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface DrawnChart {
  chart: string;
  xTitle: string;
  yTitle: string;
  /** SVG charts only (a table lays its headers out itself): where its titles, ticks and itself are. */
  titles: Box[];
  ticks: Box[];
  bounds: Box | null;
}

/** Runs in the page: every chart in `section` (each SVG, and the confusion matrix, a table), with its axes' titles and where they are. */
function drawnCharts(section: Element): DrawnChart[] {
  const box = (element: Element): Box => {
    const { left, right, top, bottom } = element.getBoundingClientRect();
    return { left, right, top, bottom };
  };
  const text = (chart: Element, axis: string) => chart.querySelector(`[data-testid="${axis}-axis-title"]`)?.textContent?.trim() ?? '';
  return [...section.querySelectorAll('svg, table.confusion')].map((chart) => {
    const svg = chart.tagName.toLowerCase() === 'svg';
    return {
      chart: `${chart.closest('[data-testid]')?.getAttribute('data-testid')} ${chart.getAttribute('class')}`,
      xTitle: text(chart, 'x'),
      yTitle: text(chart, 'y'),
      titles: svg ? [...chart.querySelectorAll('.axis-titles text')].map(box) : [],
      ticks: svg ? [...chart.querySelectorAll('text.tick')].map(box) : [],
      bounds: svg ? box(chart) : null,
    };
  });
}

/** Boxes that share more than half a pixel each way. */
const overlap = (a: Box, b: Box) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
const within = (a: Box, outer: Box) => a.left >= outer.left - 0.5 && a.right <= outer.right + 0.5 && a.top >= outer.top - 0.5 && a.bottom <= outer.bottom + 0.5;

test('at 390×844, in each language, every chart inside the network (and the runs chart) titles its x and y axes, no title cut off or over a tick or another title', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(PHONE);
  await openPlayground(page);
  await openInside(page);
  // Norms are measured every 250 ms while the run trains: a one-epoch run can end before the second.
  await page.evaluate(async (configs) => window.gradlab!.createRuns(configs, true), [await configWith(page, { hidden: [16, 16], epochs: LASTING_EPOCHS })]);
  // Two charts of the gradient flow and one of unit health, each drawn from its second measurement on;
  // the confusion matrix after the first epoch. Paused then, the charts stay as they are measured.
  await expect(section(page).locator('.step-chart svg')).toHaveCount(3, { timeout: 120_000 });
  await expect(section(page).getByTestId('confusion-total')).toHaveText(/10,?000/, { timeout: 180_000 });
  await button(page, 'Pause').click();
  await expect(page.getByTestId('phase')).toHaveText('Paused');
  await button(page, 'Use a test image').click();
  await expect(section(page).locator('svg.gradient-bars')).toHaveCount(3);
  for (const language of ['en', 'zh'] as const) {
    if (language === 'zh') await page.getByLabel('Language').selectOption('zh');
    await expect(page.locator('html')).toHaveAttribute('lang', language === 'zh' ? 'zh-Hans' : 'en');
    // The activation plot, three step charts, three loss gradients, the confusion matrix; and the runs chart.
    const charts = [...(await section(page).evaluate(drawnCharts)), ...(await page.getByTestId('loss-chart').evaluate(drawnCharts))];
    expect(charts.map(({ chart }) => chart)).toHaveLength(9);
    const problems = charts.flatMap(({ chart, xTitle, yTitle, titles, ticks, bounds }) => {
      const found = [...(xTitle ? [] : [`${chart}: no x axis title`]), ...(yTitle ? [] : [`${chart}: no y axis title`])];
      if (!bounds) return found;
      if (ticks.length === 0) found.push(`${chart}: no tick labels`);
      titles.forEach((title, i) => {
        const at = `${chart}: title ${i} ${JSON.stringify(title)}`;
        if (!within(title, bounds)) found.push(`${at} cut off by ${JSON.stringify(bounds)}`);
        for (const tick of ticks.filter((tick) => overlap(title, tick))) found.push(`${at} over the tick ${JSON.stringify(tick)}`);
        if (titles.some((other, j) => j !== i && overlap(title, other))) found.push(`${at} over another title`);
      });
      return found;
    });
    expect(problems, language).toEqual([]);
  }
});

test('the activation plot is the engine’s own: Tanh gives f(0) = 0 and f′(0) = 1 at the plotted points', async ({ page }) => {
  await openPlayground(page);
  await fillSettings(page, { 'Hidden layers': '16', Epochs: String(LASTING_EPOCHS) });
  await choose(page, 'Activation', 'tanh');
  await startRuns(page);
  await button(page, 'Pause').click();
  await openInside(page);
  await expect(section(page).getByTestId('activation-plot')).toBeVisible();
  const origin = section(page).locator('[data-testid="activation-values"] tr[data-x="0"]');
  await expect(origin).toHaveCount(1);
  expect(Math.abs(Number(await origin.getAttribute('data-f')))).toBeLessThan(1e-6);
  expect(Number(await origin.getAttribute('data-df'))).toBeCloseTo(1, 6);
  // The tails: tanh(±6) is ±1 to float32, and its slope all but gone.
  const edge = section(page).locator('[data-testid="activation-values"] tr[data-x="6"]');
  expect(Number(await edge.getAttribute('data-f'))).toBeCloseTo(Math.tanh(6), 5);
  expect(Number(await edge.getAttribute('data-df'))).toBeLessThan(1e-4);
});

test('plain SGD at learning rate 3 kills most ReLU units; the default Adam run keeps nearly all alive', async ({ page }) => {
  test.setTimeout(300_000);
  await openPlayground(page);
  await openInside(page);
  const [adam, sgd] = await trainFor(page, [await configWith(page, {}), await configWith(page, { optimizer: 'sgd', lr: 3 })], 100);
  // Measured after 100 steps (PyTorch 1.13, the same network): Adam 1e-3 ≈ 5 % dead, SGD at 3 ≈ 98 %.
  await expect.poll(async () => (await layerStats(page, sgd)).layers[0].deadFraction ?? 0).toBeGreaterThan(0.8);
  const alive = (await layerStats(page, adam)).layers[0];
  expect(alive.deadFraction).toBeLessThan(0.2);
  const dead = (await layerStats(page, sgd)).layers[0];
  expect(dead.deadFraction! - alive.deadFraction!).toBeGreaterThan(0.6);
  // The histogram counts every probe image's pre-activation of every unit.
  expect(alive.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(1000 * 128);
  await section(page).getByTestId('unit-health').scrollIntoViewIfNeeded();
  await test.info().attach('dead-units', { body: await section(page).screenshot(), contentType: 'image/png' });
});

test('Deep: Sigmoid vs ReLU — the sigmoid network’s first-layer gradient is ten times smaller than its last layer’s; ReLU’s is not', async ({ page }) => {
  test.setTimeout(360_000);
  await openPlayground(page);
  await openInside(page);
  await choose(page, 'Optimizer', 'sgd');
  await fillSettings(page, { 'Learning rate': '0.1', 'Batch size': '128', Epochs: String(LASTING_EPOCHS) });
  await choose(page, 'Compare', 'Deep: Sigmoid vs ReLU');
  await startRuns(page, 'Train comparison', 2);
  await expect.poll(() => slowestStep(page), { timeout: 300_000 }).toBeGreaterThanOrEqual(200);
  await button(page, 'Pause').click();
  const [sigmoid, relu] = (await runs(page)).map((r) => r.id);
  const norms = async (id: string) => (await layerStats(page, id)).layers.map((layer) => layer.gradNorm!);
  const sigmoidNorms = await norms(sigmoid);
  const reluNorms = await norms(relu);
  expect(sigmoidNorms).toHaveLength(5);
  expect(sigmoidNorms[0] * 10).toBeLessThan(sigmoidNorms[4]);
  expect(reluNorms[0] * 10).toBeGreaterThan(reluNorms[4]);
  test.info().annotations.push({ type: 'gradient norms', description: `sigmoid ${sigmoidNorms.map((n) => n.toPrecision(2)).join(', ')}; relu ${reluNorms.map((n) => n.toPrecision(2)).join(', ')}` });
  await expect(section(page).locator('[data-testid="gradient-flow"] [data-run-id]')).toHaveCount(2);
});

test('the confusion matrix counts the 10,000 test images and its diagonal is the reported test accuracy', async ({ page }) => {
  test.setTimeout(240_000);
  await openPlayground(page);
  await openInside(page);
  await fillSettings(page, { 'Hidden layers': '32', Epochs: '1' });
  await startRuns(page);
  await expect.poll(async () => (await runs(page))[0].epochs.length, { timeout: 180_000 }).toBe(1);
  const [run] = await runs(page);
  const counts = (await page.evaluate((id) => window.gradlab!.confusion(id), run.id))!;
  expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(10_000);
  const diagonal = counts.reduce((sum, row, i) => sum + row[i], 0);
  expect(diagonal).toBe(Math.round(run.epochs[0].testAccuracy * 10_000));
  const matrix = section(page).getByTestId('confusion-matrix');
  await expect(matrix.getByTestId('confusion-total')).toHaveText(/10,?000/);
  await expect(matrix.getByTestId('confusion-accuracy')).toContainText((run.epochs[0].testAccuracy * 100).toFixed(2));
  // A cell lists its test images, each with the model's probabilities.
  const cell = matrix.locator('td[data-actual="3"][data-predicted="3"]');
  await expect(cell).toHaveAttribute('data-count', String(counts[3][3]));
  await cell.click();
  await expect(section(page).getByTestId('confusion-cell-images').locator('img, canvas').first()).toBeVisible();
});

test('the loss at work: a BCE run’s probabilities are ten sigmoids of the logits, on the lens and on the pad’s bars', async ({ page }) => {
  test.setTimeout(240_000);
  await openPlayground(page);
  await openInside(page);
  await trainFor(page, [await configWith(page, { loss: 'bce', hidden: [32] })], 100);
  const [digit] = readTestDigits([0]);
  await drawDigit(page, digit.pixels);
  await predictedDigit(page);
  const lens = section(page).getByTestId('loss-lens');
  await expect(lens.getByTestId('lens-probabilities')).toHaveAttribute('data-sum', /.+/);
  // Both from one rendering of the lens: the pad asks again after every stroke.
  const { logits, shown } = await lens.evaluate((panel) => ({
    logits: JSON.parse(panel.getAttribute('data-logits')!) as number[],
    shown: JSON.parse(panel.querySelector('[data-testid="lens-probabilities"]')!.getAttribute('data-values')!) as number[],
  }));
  logits.forEach((z, i) => expect(shown[i]).toBeCloseTo(1 / (1 + Math.exp(-z)), 5));
  expect(Math.abs(shown.reduce((a, b) => a + b, 0) - 1)).toBeGreaterThan(1e-3);
  // The pad's bars follow the same rule: the same paused model, the same drawing.
  const bars = await page.getByTestId('run-prediction').locator('ol.bars li').evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')));
  expect(bars).toEqual(shown.map((p, digit) => `${digit}: ${(100 * p).toFixed(0)} %`));
  for (const loss of ['cross-entropy', 'mse', 'bce']) await expect(lens.locator(`tr[data-loss="${loss}"]`)).toHaveAttribute('data-value', /^\d/);
});

test('a rolled-back run that sticks says why, and offers the next tenth of the learning rate', async ({ page }) => {
  test.setTimeout(300_000);
  await openPlayground(page);
  await openInside(page);
  await choose(page, 'Optimizer', 'sgd');
  await fillSettings(page, { 'Learning rate': '50', 'Hidden layers': '128', 'Batch size': '128' });
  await startRuns(page);
  await button(page, 'Roll back to step 0 with learning rate 5').first().click({ timeout: 60_000 });
  // At learning rate 5 the ReLU units die within the first steps, and the loss sits at ln 10.
  const stuck = page.getByTestId('run-stuck').first();
  await expect(stuck).toContainText(/dead|chance/, { timeout: 120_000 });
  test.info().annotations.push({ type: 'stuck', description: (await stuck.textContent()) ?? '' });
  await stuck.getByRole('button', { name: 'Roll back to step 0 with learning rate 0.5' }).click();
  await expect(page.getByTestId('run-row').first()).toContainText('learning rate 0.5');
  await expect.poll(async () => (await runs(page))[0].config.lr).toBe(0.5);
});
