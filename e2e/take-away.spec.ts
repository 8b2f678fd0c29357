// Taking a run away: its weights exported as a real download and imported into a fresh page with
// the same test accuracy; a file that is not a model refused with its problem; the settings as a
// link that opens the same form (training nothing), its bad values named.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { button, choose, fillSettings, openPlayground, runRows, runs, startRuns } from './playground';

/** The file as PyTorch's save_file would write it from that nn.Sequential: the same tensors, no gradlab metadata. */
function withoutGradlabMetadata(bytes: Buffer): Buffer {
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as { __metadata__: Record<string, string> };
  header.__metadata__ = { format: 'pt' };
  let text = JSON.stringify(header);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(text.length));
  return Buffer.concat([length, Buffer.from(text, 'utf8'), bytes.subarray(8 + headerLength)]);
}

const SETTINGS = { 'Hidden layers': '16', 'Batch size': '512', Epochs: '1', 'Learning rate': '0.003', Seed: '5' };

test('a run exported as .safetensors imports into a fresh page with the same test accuracy; a bad file is refused', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await openPlayground(page);
  await fillSettings(page, SETTINGS);
  await startRuns(page);
  await expect(page.locator('[data-testid="run-row"][data-state="finished"]')).toHaveCount(1, { timeout: 240_000 });
  const [trained] = await runs(page);
  const accuracy = `${(100 * trained.epochs[0].testAccuracy).toFixed(2)} %`;

  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: `Export weights (${trained.name})`, exact: true }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toBe(`${trained.name}.safetensors`);
  const bytes = readFileSync((await file.path())!);
  const headerLength = Number(bytes.readBigUInt64LE(0));
  expect(headerLength % 8, 'the header is padded to 8 bytes').toBe(0);
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, { dtype?: string; shape?: number[] }> & { __metadata__: Record<string, string> };
  expect(header['0.weight']).toMatchObject({ dtype: 'F32', shape: [16, 784] });
  expect(header['2.weight']).toMatchObject({ dtype: 'F32', shape: [10, 16] });
  expect(header.__metadata__.format).toBe('pt');

  // A fresh page: another context, so nothing of the first run is stored there.
  const fresh = await (await browser.newContext()).newPage();
  await openPlayground(fresh);
  const importer = fresh.getByLabel('Import weights', { exact: true });

  await importer.setInputFiles({ name: 'notes.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from('not a model at all') });
  await expect(fresh.getByTestId('command-error')).toContainText('Could not import notes.safetensors: not a safetensors file');
  await expect(runRows(fresh)).toHaveCount(0);

  await importer.setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/octet-stream', buffer: bytes });
  await expect(fresh.getByTestId('notice')).toContainText(`test accuracy ${accuracy}`, { timeout: 60_000 });
  await expect(runRows(fresh)).toHaveCount(1);
  const [imported] = await runs(fresh);
  expect(imported.name).toBe(`${trained.name} (imported)`);
  expect(imported.config).toMatchObject({ hidden: [16], batchSize: 512, lr: 0.003, seed: 5, activation: 'relu', normalize: 'standard' });
  // Trainable further: it waits paused, and Resume takes it on.
  await expect(fresh.getByRole('button', { name: `Resume ${imported.name}`, exact: true })).toBeEnabled();

  // A file that does not say its activation or scaling: asked, then the same model.
  await importer.setInputFiles({ name: 'from-pytorch.safetensors', mimeType: 'application/octet-stream', buffer: withoutGradlabMetadata(bytes) });
  const choices = fresh.getByRole('group', { name: /from-pytorch\.safetensors holds a 784-16-10 network but does not say its activation or how its inputs were scaled/ });
  await expect(choices).toBeVisible();
  await expect(runRows(fresh), 'nothing changes until the user chooses').toHaveCount(1);
  await choices.getByRole('combobox', { name: 'Its activation' }).selectOption('relu');
  await choices.getByRole('combobox', { name: 'Its input scaling' }).selectOption('standard');
  await test.info().attach('import-choices', { body: await fresh.screenshot({ fullPage: true }), contentType: 'image/png' });
  await choices.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(fresh.getByTestId('notice')).toContainText(`from from-pytorch.safetensors: test accuracy ${accuracy}`, { timeout: 60_000 });
  await expect(runRows(fresh)).toHaveCount(2);
  await fresh.context().close();
});

test('a copied link opens a new page with the same settings and trains nothing; a bad value in a link is named', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPlayground(page);
  await fillSettings(page, SETTINGS);
  await choose(page, 'Activation', 'tanh');
  await choose(page, 'Compare', 'Losses: cross-entropy, MSE, BCE');
  await expect(page).toHaveURL(/hidden=16&epochs=1&seed=5&compare=losses$/);
  await button(page, 'Copy link').click();
  await expect(page.getByTestId('notice')).toHaveText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('?debug&activation=tanh&');

  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  for (const [label, value] of Object.entries(SETTINGS)) await expect(other.getByRole('textbox', { name: label, exact: true })).toHaveValue(value);
  await expect(other.getByRole('combobox', { name: 'Activation', exact: true })).toHaveValue('tanh');
  await expect(other.getByRole('combobox', { name: 'Compare', exact: true })).toHaveValue('losses');
  await expect(other.getByTestId('data-ready')).toBeVisible({ timeout: 90_000 });
  expect((await other.evaluate(() => window.gradlab!.status())).runs, 'a link trains nothing').toEqual([]);
  await other.context().close();

  await page.goto('/?debug&lr=abc&batch=64');
  await expect(page.getByTestId('run-notice')).toContainText('lr=abc is not a number; using 0.001.');
  await expect(page.getByRole('textbox', { name: 'Learning rate', exact: true })).toHaveValue('0.001');
  await expect(page.getByRole('textbox', { name: 'Batch size', exact: true })).toHaveValue('64');
});

test('PyTorch code shows the form’s settings as a script, and downloads the same text', async ({ page }) => {
  await openPlayground(page);
  await choose(page, 'Activation', 'tanh');
  await fillSettings(page, { 'Hidden layers': '64,32', 'Learning rate': '0.003' });
  await page.getByText('PyTorch code', { exact: true }).click();
  const code = page.getByTestId('pytorch-code');
  await expect(code).toContainText('"activation": "tanh"');
  await expect(code).toContainText('"hidden": [64,32]');
  await expect(code).toContainText('"lr": 0.003');
  const downloaded = page.waitForEvent('download');
  await button(page, 'Download code').click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toBe('gradlab_train.py');
  expect(readFileSync(await file.path(), 'utf8')).toBe(await code.textContent());
});
