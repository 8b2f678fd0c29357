// Without WebGPU the page says so and trains on WebAssembly: axe-core finds nothing wrong there either.
import { expect, test } from './fixtures';
import { expectNoAxeViolations } from './a11y-helpers';
import { LASTING_EPOCHS, fillSettings, newestStep, openPlayground, startRuns } from './playground';

test('without WebGPU axe finds no violation, idle or training on WebAssembly', async ({ page }) => {
  await openPlayground(page);
  await expect(page.getByTestId('no-webgpu')).toContainText('WebGPU');
  await expect(page.getByTestId('backend')).toContainText('Training on the CPU with WebAssembly SIMD');
  await expectNoAxeViolations(page, 'on the idle page without WebGPU');
  await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '64', Epochs: String(LASTING_EPOCHS) });
  await startRuns(page);
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(10);
  await expectNoAxeViolations(page, 'training on WebAssembly');
});
