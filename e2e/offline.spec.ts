// After one visit the playground needs no network: the service worker serves the page, its worker and
// the MNIST files, and the page trains.
import { expect, test } from './fixtures';
import { fillSettings, newestStep, openPlayground, startRuns, waitForPlayground } from './playground';
import { waitForServiceWorker } from './service-worker';

test('with the network gone after a first visit, a reload loads the page and trains', async ({ page, context }) => {
  await openPlayground(page);
  await waitForServiceWorker(page);
  // The data loader keeps its own copy of MNIST too: without it, the files must come from the precache.
  expect(await page.evaluate(() => caches.delete('gradlab-mnist')), 'the loader had cached MNIST').toBe(true);

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await page.reload();
  await waitForPlayground(page);
  // The precached page kept the preview server's headers: isolated, as WebAssembly threads need.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '128' });
  await startRuns(page);
  await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(20);
});
