// npm run screenshot: builds the playground, serves it on 127.0.0.1, races the article's four
// activations in Debian's Chromium (WebGPU on SwiftShader, as the e2e specs run it) and captures
// the page mid-training into docs/screenshot.png, the README's image; then opens "Inside the network"
// for the race's first run and captures that section into docs/inside.png.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright';
import { build, preview } from 'vite';
import { CHROMIUM, QUIET_CHROMIUM, SWIFTSHADER_WEBGPU, VIEWPORT } from '../e2e/chromium';
import { drawDigit, openPlayground, readTestDigits, startActivationRace, status } from '../e2e/playground';

const SCREENSHOT = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));
const INSIDE_SCREENSHOT = fileURLToPath(new URL('../docs/inside.png', import.meta.url));
/** Far enough into the epoch that the curves have a shape and the drawn 7 is read right. */
const CAPTURE_AT_STEP = 250;
/** The statistics need a few samples to draw lines over the steps. */
const INSIDE_AT_STEP = 400;
/** Any port that is free: an e2e run may hold the usual 4173. */
const ANY_FREE_PORT = 0;
/** A page that never gets there (a lost device, say) ends the script instead of blocking it. */
const TIME_LIMIT_MS = 5 * 60_000;

/** Waits until the page shows the run past `target` steps. */
async function stepReaches(page: Page, target: number): Promise<void> {
  await page.waitForFunction(
    (least) => Number(document.querySelector('[data-testid="figure-step"]')?.textContent?.replaceAll(',', '')) > least,
    target,
    { timeout: TIME_LIMIT_MS },
  );
}

async function main(): Promise<void> {
  await build();
  const server = await preview({ preview: { port: ANY_FREE_PORT, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...QUIET_CHROMIUM, ...SWIFTSHADER_WEBGPU] });
  const limit = setTimeout(() => void browser.close(), TIME_LIMIT_MS);
  try {
    if (!url) throw new Error('the preview server did not report its address');
    const page = await browser.newPage({ viewport: VIEWPORT, baseURL: url });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    // The caption says WebGPU; Auto takes WebAssembly on SwiftShader, which ends the race before the capture.
    await openPlayground(page, '/?debug&backend=webgpu');
    await drawDigit(page, readTestDigits([0])[0].pixels);
    await startActivationRace(page);
    await stepReaches(page, CAPTURE_AT_STEP);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ fullPage: true, path: SCREENSHOT });
    console.log(`wrote ${SCREENSHOT} at steps ${(await status(page)).runs.map((r) => r.step).join(', ')}`);
    await page.getByRole('button', { name: 'Show inside the network', exact: true }).click();
    await stepReaches(page, INSIDE_AT_STEP);
    const inside = page.locator('section[aria-labelledby="inside-title"]');
    await inside.getByTestId('loss-lens').locator('[data-testid="lens-probabilities"]').waitFor({ timeout: TIME_LIMIT_MS });
    await inside.screenshot({ path: INSIDE_SCREENSHOT });
    console.log(`wrote ${INSIDE_SCREENSHOT} at steps ${(await status(page)).runs.map((r) => r.step).join(', ')}`);
  } finally {
    clearTimeout(limit);
    await browser.close();
    await server.close();
  }
}

await main();
