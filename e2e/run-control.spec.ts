// The selected run under control mid-run: its learning rate changes only once committed (never a
// keystroke at a time), each change is recorded and marked on the chart; Resume and Step go on with
// the run's own settings while the form is invalid.
import { expect, test } from './fixtures';
import { LASTING_EPOCHS, button, fillSettings, newestRun, newestStep, openPlayground, runRows, runs, startActivationRace, startRuns } from './playground';

test('typing 1e-4 key by key into the run’s learning rate applies 0.0001 alone, marked on the chart', async ({ page }) => {
  await openPlayground(page);
  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64', 'Learning rate': '0.001', Epochs: String(LASTING_EPOCHS) });
  await startRuns(page);
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(5);

  const field = page.getByRole('textbox', { name: 'Learning rate of the selected run', exact: true });
  await expect(field).toHaveValue('0.001');
  await field.selectText();
  // Well within the pause that commits (800 ms): "1", "1e" and "1e-" are never applied.
  await page.keyboard.type('1e-4', { delay: 120 });
  await expect.poll(async () => (await newestRun(page)).config.lr, { timeout: 10_000 }).toBe(0.0001);

  const run = await newestRun(page);
  expect(run.state).toBe('training');
  // The worker records every rate the run saw: the old one, then 0.0001, nothing between.
  expect(run.lrChanges).toEqual([{ step: expect.any(Number), from: 0.001, to: 0.0001 }]);
  const [change] = run.lrChanges;
  expect(change.step).toBeGreaterThan(5);
  await expect(field).toHaveValue('0.0001');
  // The page's record of the run (what storage keeps and the exports write) has the same change.
  await expect.poll(async () => (await runs(page)).at(-1)?.lrChanges).toEqual(run.lrChanges);

  const mark = page.getByTestId('loss-chart').getByTestId('lr-mark');
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveAttribute('data-step', String(change.step));
  await expect(mark).toContainText('lr 0.001 → 0.0001');

  // A value that is no rate is said next to the field on Enter, and changes nothing.
  await field.fill('0x10');
  await field.press('Enter');
  await expect(page.getByTestId('run-lr-error')).toContainText('decimal number from 0.000001 to 100');
  await button(page, 'Pause').click();
  await expect(page.getByTestId('phase')).toHaveText('Paused');
  expect((await newestRun(page)).lrChanges).toHaveLength(1);
});

test('Resume and Step go on with the run’s own settings while the form is invalid, and say so', async ({ page }) => {
  await openPlayground(page);
  await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '64', Epochs: String(LASTING_EPOCHS) });
  await startRuns(page);
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(2);
  await button(page, 'Pause').click();
  await expect(page.getByTestId('phase')).toHaveText('Paused');

  await fillSettings(page, { 'Learning rate': 'fast' });
  await expect(page.getByTestId('go-on-note')).toHaveText(/^Resume and Step continue .+ with its own settings\.$/);
  const before = await newestStep(page);
  await button(page, 'Step').click();
  await expect.poll(() => newestStep(page)).toBe(before + 1);
  expect((await newestRun(page)).config.lr, 'the run keeps its own rate').toBe(0.001);
});

test('a run says its size before it starts, that its model is being built, and its time left while it trains', async ({ page }) => {
  await openPlayground(page);
  await fillSettings(page, { 'Hidden layers': '256,256', 'Batch size': '64', Epochs: String(LASTING_EPOCHS) });
  // 784·256 + 256 + 256·256 + 256 + 256·10 + 10 weights and biases.
  await expect(page.getByTestId('run-size')).toHaveText(/^Next run: 784-256-256-10: 269,322 parameters, ≈ \d+ MB with Adam\.$/);

  // Every text the pill shows, however briefly.
  await page.getByTestId('phase').evaluate((pill) => {
    const seen: string[] = [];
    (window as unknown as { pillTexts: string[] }).pillTexts = seen;
    new MutationObserver(() => seen.push(pill.textContent ?? '')).observe(pill, { childList: true, characterData: true, subtree: true });
  });
  await startRuns(page);
  await expect(page.getByTestId('phase')).toHaveText('Training');
  const texts = await page.evaluate(() => (window as unknown as { pillTexts: string[] }).pillTexts);
  expect(texts.indexOf('Building the model…'), texts.join(' | ')).toBeGreaterThanOrEqual(0);
  expect(texts.indexOf('Building the model…')).toBeLessThan(texts.indexOf('Training'));

  await expect(page.getByTestId('run-row').getByTestId('time-left')).toHaveText(/^\d+:\d\d left in this epoch, \d+:\d\d in the run$/, { timeout: 60_000 });
  await button(page, 'Pause').click();
  await expect(page.getByTestId('run-row').getByTestId('time-left')).toHaveCount(0);
});

test('deleting a run from the keyboard moves focus to Delete in the next row, the previous one at the end, and the Runs heading when none is left', async ({ page }) => {
  await openPlayground(page);
  await startActivationRace(page);
  await expect(runRows(page)).toHaveCount(4);
  const deleteIn = (row: number) => runRows(page).nth(row).getByRole('button', { name: /^Delete / });
  const nameOf = async (row: number) => (await deleteIn(row).getAttribute('aria-label'))!;
  const deleteByKey = async (row: number, left: number) => {
    await deleteIn(row).focus();
    await page.keyboard.press('Enter');
    await expect(runRows(page)).toHaveCount(left);
  };

  const third = await nameOf(2);
  await deleteByKey(1, 3);
  await expect(page.getByRole('button', { name: third, exact: true })).toBeFocused();
  const second = await nameOf(1);
  await deleteByKey(2, 2);
  await expect(page.getByRole('button', { name: second, exact: true })).toBeFocused();
  const first = await nameOf(0);
  await deleteByKey(1, 1);
  await expect(page.getByRole('button', { name: first, exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(runRows(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Runs', exact: true })).toBeFocused();
});
