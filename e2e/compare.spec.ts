// Comparison, the heart of the page: a race of the four activations of the article trained together
// from the same initial weights, overlaid on one chart, downloaded as CSV, and kept across reloads.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { button, choose, drawDigit, openPlayground, predictedDigit, putStoredRecords, readTestDigits, runRows, runs, slowestStep, startActivationRace, status, storedKeys, waitForPlayground } from './playground';

const finishedRows = (page: Page) => page.locator('[data-testid="run-row"][data-state="finished"]');
const rowOf = (page: Page, id: string) => page.locator(`[data-testid="run-row"][data-run-id="${id}"]`);

/** The file a click on `name` downloads, as text. */
async function download(page: Page, name: string): Promise<{ fileName: string; text: string }> {
  const downloaded = page.waitForEvent('download');
  await button(page, name).click();
  const file = await downloaded;
  return { fileName: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** CSV as rows of cells; the names of runs hold no commas or quotes here. */
const parseCsv = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));

test('a race of ReLU, Leaky ReLU, Sigmoid and Tanh: four curves and rows from equal starts, a CSV, kept across reloads', async ({ page }) => {
  test.setTimeout(420_000);
  await openPlayground(page);
  await startActivationRace(page);
  await expect(runRows(page)).toHaveCount(4);

  // Each run's hash comes with the worker's word that it was built.
  await expect.poll(async () => (await runs(page)).every((r) => r.initialWeightsHash !== null)).toBe(true);
  const started = await runs(page);
  expect(started.map((r) => r.config.activation)).toEqual(['relu', 'leaky_relu', 'sigmoid', 'tanh']);
  // Same seed and shapes: the four start from the same weights, so the curves differ by the activation alone.
  expect(new Set(started.map((r) => r.initialWeightsHash)).size).toBe(1);
  expect(started[0].initialWeightsHash).toMatch(/^[0-9a-f]{8}$/);

  await expect.poll(() => slowestStep(page), { timeout: 120_000 }).toBeGreaterThan(150);
  // Trained together step by step: no run of the race gets ahead of another by more than a few steps.
  const steps = (await status(page)).runs.map((r) => r.step);
  expect(Math.max(...steps) - Math.min(...steps)).toBeLessThan(20);
  await test.info().attach('race-mid-training', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  await expect(finishedRows(page)).toHaveCount(4, { timeout: 360_000 });
  const finished = await runs(page);
  for (const run of finished) {
    expect(run.epochs, run.name).toHaveLength(1);
    expect(run.epochs[0].testAccuracy, run.name).toBeGreaterThan(0.5);
    await expect(rowOf(page, run.id)).toContainText(`${(100 * run.epochs[0].testAccuracy).toFixed(2)}`);
  }
  test.info().annotations.push({
    type: 'test accuracy',
    description: finished.map((r) => `${r.name}: ${(100 * r.epochs[0].testAccuracy).toFixed(2)} %`).join('; '),
  });

  const chart = page.getByTestId('loss-chart');
  await expect(chart).toHaveAttribute('data-runs', '4');
  await choose(page, 'Metric', 'Test accuracy');
  for (const run of finished) await expect(chart.locator(`[data-run-id="${run.id}"]`)).toHaveAttribute('data-points', '1');

  const csv = await download(page, 'Download CSV');
  expect(csv.fileName).toMatch(/\.csv$/);
  const [header, ...rows] = parseCsv(csv.text);
  expect(header.slice(0, 5)).toEqual(['run', 'step', 'epoch', 'samples', 'seconds']);
  for (const run of finished) {
    // A point every 10 of the epoch's 469 steps, and the epoch's test results.
    expect(rows.filter((row) => row[0] === run.name).length, run.name).toBeGreaterThan(40);
  }
  const json = JSON.parse((await download(page, 'Download JSON')).text) as { runs: { name: string; rows: unknown[] }[] };
  expect(json.runs.map((r) => r.name)).toEqual(finished.map((r) => r.name));
  expect(json.runs.reduce((sum, run) => sum + run.rows.length, 0)).toBe(rows.length);

  // A finished run's model is stored after its row says finished: the reload must find all four.
  await expect.poll(() => storedKeys(page, 'weights')).toEqual(expect.arrayContaining(finished.map((r) => r.id)));
  await page.reload();
  await waitForPlayground(page);
  await expect(runRows(page)).toHaveCount(4);
  await expect(finishedRows(page)).toHaveCount(4);
  const reloaded = await runs(page);
  expect(reloaded.map((r) => r.epochs[0]?.testAccuracy)).toEqual(finished.map((r) => r.epochs[0].testAccuracy));
  // The stored models read a drawn digit after the reload.
  const seven = readTestDigits([0])[0];
  await drawDigit(page, seven.pixels);
  expect(await predictedDigit(page)).toBe(seven.label);
  await expect(page.getByTestId('run-prediction')).toHaveCount(4);

  const deleted = reloaded[1];
  await rowOf(page, deleted.id).getByRole('button', { name: 'Delete' }).click();
  await expect(runRows(page)).toHaveCount(3);
  // The row goes at once; its record goes from IndexedDB a moment later, and that is what a reload reads.
  await expect.poll(() => storedKeys(page)).not.toContain(deleted.id);
  await page.reload();
  await waitForPlayground(page);
  await expect(runRows(page)).toHaveCount(3);
  expect((await runs(page)).map((r) => r.id)).not.toContain(deleted.id);
});

test('a corrupted or foreign stored record is skipped with a notice, and the other runs load', async ({ page }) => {
  test.setTimeout(240_000);
  await openPlayground(page);
  await page.getByRole('textbox', { name: 'Hidden layers', exact: true }).fill('16');
  await page.getByRole('textbox', { name: 'Epochs', exact: true }).fill('1');
  await button(page, 'Train').click();
  await expect(finishedRows(page)).toHaveCount(1, { timeout: 120_000 });
  const kept = (await runs(page))[0];

  await putStoredRecords(page, [
    { id: 'from-another-app', hello: 'world' },
    { id: 'broken', schemaVersion: 1, config: 'not a config', points: 7 },
  ]);
  await page.reload();
  await waitForPlayground(page);
  await expect(page.getByTestId('run-notice')).toHaveCount(2);
  await expect(page.getByTestId('run-notice').first()).toContainText('could not be read and was skipped');
  await expect(runRows(page)).toHaveCount(1);
  expect((await runs(page)).map((r) => r.id)).toEqual([kept.id]);
});
