// After one visit the playground needs no network: the service worker serves the page, its worker and
// the MNIST files, and the page trains. MNIST is stored once, in the service worker's precache.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fillSettings, newestStep, openPlayground, startRuns, waitForPlayground } from './playground';
import { waitForServiceWorker } from './service-worker';

/** Which cache holds each stored MNIST file, and the bytes the origin stores in all. */
const storedMnist = (page: Page) =>
  page.evaluate(async () => {
    const holders: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) if (/\/mnist\/[^/?]+\.gz/.test(request.url)) holders.push(name);
    }
    const { usage = 0 } = await navigator.storage.estimate();
    const manifest = (await (await fetch('mnist/manifest.json')).json()) as { files: { rawBytes: number }[] };
    return { holders, usage, rawBytes: manifest.files.reduce((sum, file) => sum + file.rawBytes, 0) };
  });

test('under its service worker MNIST is stored once; with the network gone a reload loads the page and trains', async ({ page, context }) => {
  await openPlayground(page);
  await waitForServiceWorker(page);
  // Opened under the service worker, the page loads MNIST from the precache, and the loader drops
  // the copy it kept while the first visit was not yet controlled.
  await page.reload();
  await waitForPlayground(page);
  const stored = await storedMnist(page);
  expect(stored.holders, 'each of the four files in one cache').toHaveLength(4);
  expect(new Set(stored.holders).size).toBe(1);
  expect(stored.holders[0]).toMatch(/^workbox-precache/);
  // Stored twice it was 110 MB; once, the files (inflated by the preview server's Content-Encoding) and the build.
  expect(stored.usage, 'the bytes stored').toBeLessThan(1.5 * stored.rawBytes);
  test.info().annotations.push({ type: 'storage', description: `${(stored.usage / 1e6).toFixed(1)} MB stored; MNIST raw ${(stored.rawBytes / 1e6).toFixed(1)} MB` });

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
