// The page's service worker, as the offline and hosting specs wait for it.
import { expect, type Page } from '@playwright/test';

/**
 * Waits until a service worker controls the page: it has precached the whole build, MNIST included
 * (a worker becomes active only once its install, the precaching, succeeded).
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), { timeout: 120_000 }).toBe('activated');
}
