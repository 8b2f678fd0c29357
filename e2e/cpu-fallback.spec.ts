import { expect, test } from './fixtures';
import { button, fillSettings, openPlayground, status } from './playground';

test('without WebGPU the page says so and trains on the CPU', async ({ page }) => {
  await openPlayground(page);
  const webgpu = await page.evaluate(async () =>
    'gpu' in navigator ? ((await navigator.gpu.requestAdapter()) ? 'adapter' : 'no adapter') : 'no navigator.gpu',
  );
  expect(webgpu, 'this browser was launched without WebGPU').not.toBe('adapter');
  await expect(page.getByTestId('backend')).toContainText(
    'WebGPU is not available in this browser: Chrome/Edge 113+, Safari 26+, Firefox 141+ on Windows support it. ' +
      'Training on the CPU backend instead (slower).',
  );

  await fillSettings(page, { 'Hidden layers': '32', 'Batch size': '64' });
  await button(page, 'Train').click();
  await expect.poll(async () => (await status(page)).step, { timeout: 60_000 }).toBeGreaterThan(20);
  await button(page, 'Pause').click();
  await expect(page.getByTestId('phase')).toHaveText('Paused');
  expect(await status(page)).toMatchObject({ backend: 'cpu', running: false });
  // The chart follows the data within a second (its redraws are throttled).
  await expect(page.getByTestId('loss-chart')).not.toHaveAttribute('data-points', '0');
  await expect(page.getByTestId('loss-chart').locator('[data-series="smoothed"] path')).toBeVisible();
});
