// More settings: folded away, each field with its range said under it, the activation's parameter
// shown for its activation only; a run trained with them carries them in its configuration and
// its name, the copied link carries them, and the form marks where it differs from the selected run.
import { expect, test } from './fixtures';
import { button, choose, fillSettings, openPlayground, runs, startRuns, status } from './playground';

test('normalisation [0, 1] and a Leaky ReLU slope of 0.2 train, name the run and travel in the link', async ({ page, context, browser }) => {
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPlayground(page);
  const more = page.locator('details.more-settings');
  const normalisation = page.getByRole('combobox', { name: 'Input normalisation', exact: true });
  const slope = page.getByRole('textbox', { name: 'Leaky ReLU slope', exact: true });
  await expect(normalisation, 'folded away by default').toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Learning rate', exact: true })).toHaveAccessibleDescription('0.000001 to 100');

  await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '256', Epochs: '1' });
  await more.getByText('More settings').click();
  await expect(normalisation).toBeVisible();
  await expect(slope, 'for Leaky ReLU only').toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Momentum', exact: true }), 'for SGD with momentum only').toHaveCount(0);
  await choose(page, 'Activation', 'leaky_relu');
  await expect(slope).toHaveValue('0.01');
  await expect(slope).toHaveAccessibleDescription(/^0 to 1/);
  await fillSettings(page, { 'Leaky ReLU slope': '2' });
  await expect(slope).toHaveAccessibleDescription(/must be a number from 0 to 1/);
  await expect(button(page, 'Train')).toBeDisabled();
  await fillSettings(page, { 'Leaky ReLU slope': '0.2' });
  await choose(page, 'Input normalisation', 'unit');
  await expect(page).toHaveURL(/activation=leaky_relu&activation-alpha=0.2&.*normalize=unit&hidden=16/);

  await startRuns(page);
  const [run] = await runs(page);
  expect(run.config).toMatchObject({ activation: 'leaky_relu', activationAlpha: 0.2, normalize: 'unit', hidden: [16] });
  expect(run.name).toBe('Leaky ReLU (slope 0.2) · cross-entropy · Adam 0.001 · 16 · batch 256 · inputs [0, 1]');
  await expect(page.getByText(run.name).first()).toBeVisible();
  // One epoch of 235 steps can end between a look at the step and a click on Pause: let it end.
  await expect.poll(async () => (await status(page)).runs[0]?.state, { timeout: 120_000, message: 'it trains to the end' }).toBe('finished');

  // The form describes the next run: what it changes is marked with the selected run's value.
  await choose(page, 'Optimizer', 'sgd');
  await fillSettings(page, { 'Leaky ReLU slope': '0.1' });
  await expect(page.getByRole('combobox', { name: 'Optimizer', exact: true })).toHaveAccessibleDescription('the selected run: Adam');
  await expect(slope).toHaveAccessibleDescription(/the selected run: 0\.2$/);
  await expect(page.getByRole('textbox', { name: 'Learning rate', exact: true }), 'unchanged: not marked').toHaveAccessibleDescription('0.000001 to 100');
  await expect(more.locator('summary')).toContainText('1 not as in the selected run');
  await fillSettings(page, { 'Leaky ReLU slope': '0.2' });
  await choose(page, 'Optimizer', 'adam');

  await button(page, 'Copy link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('activation=leaky_relu&activation-alpha=0.2&');
  expect(link).toContain('normalize=unit');
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  await other.locator('details.more-settings').getByText('More settings').click();
  await expect(other.getByRole('textbox', { name: 'Leaky ReLU slope', exact: true })).toHaveValue('0.2');
  await expect(other.getByRole('combobox', { name: 'Input normalisation', exact: true })).toHaveValue('unit');
  await other.goto('/?debug&lr=0x10&activation=elu&activation-alpha=0.5');
  await expect(other.getByTestId('run-notice')).toContainText('lr=0x10 is not a number; using 0.001.');
  await expect(other.getByRole('textbox', { name: 'Learning rate', exact: true })).toHaveValue('0.001');
  await other.locator('details.more-settings').getByText('More settings').click();
  await expect(other.getByRole('textbox', { name: 'ELU alpha', exact: true })).toHaveValue('0.5');
  await other.context().close();
});
