// GPU errors are never silent: a network too large for the device's memory in total is refused
// before anything is allocated, and a GPU error during training ends the run with its message
// while the page and the worker go on.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { button, fillSettings, openPlayground, status } from './playground';

const gpuError = (page: Page) => page.locator('[data-testid="incident"][data-kind="gpu-error"]');

async function trainSmallModel(page: Page): Promise<void> {
  await button(page, 'Train').click();
  await expect.poll(async () => (await status(page)).step, { timeout: 60_000 }).toBeGreaterThan(20);
}

for (const [kind, named] of [
  ['validation', /validation/i],
  ['out-of-memory', /out-of-memory|out of memory/i],
] as const) {
  test(`${kind === "validation" ? "a" : "an"} ${kind} error during training ends the run with its message, and a fresh run trains`, async ({ page }) => {
    await openPlayground(page);
    await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64' });
    await trainSmallModel(page);

    await page.evaluate((k) => window.gradlab!.injectError(k), kind);
    await expect(gpuError(page)).toContainText('The run was ended by a GPU error', { timeout: 30_000 });
    await expect(gpuError(page)).toContainText(named);
    // The run ended: no step is counted any more, and its last loss is the one read before the error.
    await expect.poll(async () => (await status(page)).running).toBe(false);
    const ended = await status(page);
    await expect(button(page, 'Train')).toBeEnabled();

    // The worker and the device go on: a fresh model trains on the same backend.
    await trainSmallModel(page);
    const after = await status(page);
    expect(after.backend).toBe(ended.backend);
    expect(after.lastLoss).not.toBeNull();
    expect(Number.isFinite(after.lastLoss!)).toBe(true);
    await expect(gpuError(page)).toHaveCount(0);
  });
}

test("a network whose buffers each fit but together exceed the device's memory budget is refused, naming both", async ({ page }) => {
  // WebGPU's default limits: 128 MiB per buffer, and so a budget of four such buffers, 537 MB.
  await openPlayground(page, '/?debug&limits=default');
  const before = await status(page);
  // Each 4096×4096 weight matrix (64 MiB) fits a buffer; weights, gradients and Adam's two states of three of them do not fit the budget.
  await fillSettings(page, { 'Hidden layers': '4096,4096,4096' });
  await expect(page.getByText(/784-4096-4096-4096-10 with adam at batch 128 needs about [\d.]+ [MG]B of device memory, beyond this device's budget of 537 MB/)).toBeVisible();
  await expect(button(page, 'Train')).toBeDisabled();
  expect(await status(page)).toMatchObject({ step: 0, buffers: before.buffers, bytes: before.bytes });
});
