// The build deployed as it is to a plain static host, under a sub-path: it loads and trains there,
// and a new deployment is announced in the page and taken on by Reload.
import { createHash } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fillSettings, newestStep, openPlayground, startRuns, waitForPlayground } from './playground';
import { waitForServiceWorker } from './service-worker';
import { hostStatically } from './static-host';

/** What Playwright's web server built. */
const BUILD = resolve('dist');
const PORT = 4190;
test.use({ baseURL: `http://127.0.0.1:${PORT}/gradlab/` });

/**
 * Turns a copy of the build into the next deployment: its page carries a mark, and its service
 * worker lists the page's new revision, as the next `npm run build` of a changed page would.
 */
async function markAsNextDeployment(folder: string): Promise<void> {
  const page = (await readFile(`${folder}/index.html`, 'utf8')).replace('<head>', '<head><meta name="gradlab-deployment" content="next">');
  await writeFile(`${folder}/index.html`, page);
  const revision = createHash('md5').update(page).digest('hex');
  const worker = await readFile(`${folder}/sw.js`, 'utf8');
  const next = worker.replace(/(url:"index\.html",revision:")[0-9a-f]+"/, `$1${revision}"`);
  expect(next, 'the service worker lists index.html with a revision').not.toBe(worker);
  await writeFile(`${folder}/sw.js`, next);
}

const deploymentMark = (page: Page) =>
  page.evaluate(() => document.querySelector('meta[name="gradlab-deployment"]')?.getAttribute('content') ?? 'first');

test('the build served under a sub-path of a plain static host loads and trains', async ({ page }) => {
  const host = await hostStatically(BUILD, PORT);
  try {
    await openPlayground(page, './?debug');
    await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '128' });
    await startRuns(page);
    await expect.poll(() => newestStep(page), { timeout: 60_000 }).toBeGreaterThan(20);
    expect(await page.evaluate(() => crossOriginIsolated), 'trained without the isolation headers').toBe(false);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope), 'the service worker is the deployment’s').toBe(host.url);
    const cdp = await page.context().newCDPSession(page);
    const { url, data } = await cdp.send('Page.getAppManifest');
    const manifest = JSON.parse(data ?? '{}') as { start_url: string; scope: string };
    expect([new URL(manifest.start_url, url).href, new URL(manifest.scope, url).href], 'the app installed opens the deployment').toEqual([host.url, host.url]);
    // A Playwright context is incognito, where Chromium installs nothing; any other reason is the app's.
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'), 'Chromium can install it').toEqual([]);
    expect(host.missing, 'requests outside the deployment, or for files it lacks').toEqual([]);
  } finally {
    await host.close();
  }
});

test('a new deployment is announced with “A new version is available — Reload”, and Reload brings it', async ({ page }) => {
  const [first, next] = [test.info().outputPath('first'), test.info().outputPath('next')];
  await cp(BUILD, first, { recursive: true });
  await cp(BUILD, next, { recursive: true });
  await markAsNextDeployment(next);
  const host = await hostStatically(first, PORT);
  try {
    await openPlayground(page, './?debug');
    await waitForServiceWorker(page);
    const notice = page.getByTestId('update-notice');
    await expect(notice).toHaveCount(0);

    host.deploy(next);
    // Opening the page again is when a browser looks for a new service worker.
    await page.reload();
    await expect(notice).toHaveText('A new version is available — Reload', { timeout: 60_000 });
    expect(await deploymentMark(page), 'until Reload, the page is the version it was').toBe('first');
    await notice.getByRole('button', { name: 'Reload', exact: true }).click();
    await expect.poll(() => deploymentMark(page).catch(() => 'reloading')).toBe('next');
    await waitForPlayground(page);
    await expect(notice).toHaveCount(0);
  } finally {
    await host.close();
  }
});
