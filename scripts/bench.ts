// npm run bench [-- --save] [-- --window-ms N] [-- --reps N] [-- --batches 64,256,1024] [-- --no-race]
// [-- --race-only | --stats-only | --first-step-only]: builds bench/, serves it on 127.0.0.1, trains the same MLP with
// gradlab (WebGPU, wasm on 1 and on every thread, the JavaScript CPU backend, and whatever the page's
// Auto picks) and TF.js (webgpu, wasm, cpu) in headless Chromium, the runners taking turns, then
// native PyTorch (scripts/pytorch-bench.py) where /usr/bin/python3 has torch; prints one table per
// batch size and, last, one line of JSON. --save makes this run bench/baseline.json; --no-race leaves
// out the race, scoped-step and statistics rows; --race-only measures only the race (four runs
// together against one alone) and the cost of error scopes around a step; --stats-only only the cost
// of sampling a run's layer statistics as the worker does while the page shows them; --first-step-only
// only every runner's time to first step (and gradlab-webgpu's until every kernel is compiled).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { build, preview } from 'vite';
import { firstStepLines, firstStepTarget, reportLines, spreadText, targets } from '../bench/report';
import {
  BATCH_SIZES,
  FLOPS_PER_SAMPLE,
  LOSS_EVERY,
  type BenchOptions,
  type BenchResult,
  type PageResult,
  type RaceResult,
  type StatsCostResult,
  type TorchResult,
} from '../bench/results';
import { median, ratiosByRepetition as ratiosOf } from '../bench/spread';
import { CHROMIUM, QUIET_CHROMIUM, SWIFTSHADER_WEBGPU } from '../e2e/chromium';

const CONFIG_FILE = fileURLToPath(new URL('../bench/vite.config.ts', import.meta.url));
const BASELINE_FILE = fileURLToPath(new URL('../bench/baseline.json', import.meta.url));
const TORCH_SCRIPT = fileURLToPath(new URL('./pytorch-bench.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const DEFAULT_WINDOW_MS = 2000;
const DEFAULT_REPETITIONS = 3;
/** A hung page (a lost device, say) ends the run instead of blocking it forever. */
const TIME_LIMIT_MS = 60 * 60_000;

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function parseArgs(argv: string[]): BenchOptions & { save: boolean } {
  const save = argv.includes('--save');
  const raceOnly = argv.includes('--race-only');
  const statsOnly = argv.includes('--stats-only');
  const noRace = argv.includes('--no-race');
  const firstStepOnly = argv.includes('--first-step-only');
  const windowMs = Number(option(argv, '--window-ms') ?? DEFAULT_WINDOW_MS);
  const repetitions = Number(option(argv, '--reps') ?? DEFAULT_REPETITIONS);
  const batchSizes = (option(argv, '--batches') ?? BATCH_SIZES.join(',')).split(',').map(Number);
  if (!(windowMs > 0)) throw new Error('--window-ms needs a positive number of milliseconds');
  if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`--reps needs a whole number ≥ 1, not ${option(argv, '--reps')}`);
  const bad = batchSizes.find((b) => !Number.isInteger(b) || b < 1);
  if (bad !== undefined) throw new Error(`--batches needs whole numbers ≥ 1 separated by commas, not ${option(argv, '--batches')}`);
  const only = [raceOnly && '--race-only', statsOnly && '--stats-only', firstStepOnly && '--first-step-only'].filter(Boolean);
  if (save && only.length > 0) throw new Error(`--save needs the whole bench, not ${only.join(' ')}`);
  if (only.length > 1) throw new Error(`${only.join(' and ')} measure different rows: pick one`);
  return { save, windowMs, repetitions, batchSizes, raceOnly, statsOnly, noRace, firstStepOnly };
}

function launchBrowser(): Promise<Browser> {
  if (existsSync(CHROMIUM)) return chromium.launch({ executablePath: CHROMIUM, args: [...QUIET_CHROMIUM, ...SWIFTSHADER_WEBGPU] });
  return chromium.launch({ channel: 'chrome', args: ['--enable-unsafe-webgpu'] });
}

async function runPage(options: BenchOptions): Promise<PageResult> {
  await build({ configFile: CONFIG_FILE });
  const server = await preview({ configFile: CONFIG_FILE });
  const url = server.resolvedUrls?.local[0];
  const browser = await launchBrowser();
  const limit = setTimeout(() => void browser.close(), TIME_LIMIT_MS);
  try {
    if (!url) throw new Error('the bench server did not report its address');
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.text().startsWith('[bench]') || message.type() === 'error') console.error(message.text());
    });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(url);
    return await page.evaluate((o) => window.runBench(o), options);
  } finally {
    clearTimeout(limit);
    await browser.close();
    await server.close();
  }
}

/** Native PyTorch on the same batches, or why there is no such row. */
function runTorch({ batchSizes, repetitions, windowMs }: BenchOptions): TorchResult {
  if (!existsSync(PYTHON)) return { missing: `${PYTHON} does not exist` };
  console.error('[bench] native PyTorch…');
  const args = [TORCH_SCRIPT, '--batches', batchSizes.join(','), '--repetitions', String(repetitions), '--window-ms', String(windowMs)];
  const run = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: TIME_LIMIT_MS });
  if (run.error) return { missing: `${PYTHON} could not be run: ${run.error.message}` };
  if (run.status !== 0) {
    const why = run.stderr.trim().split('\n').at(-1) || `exit status ${run.status}`;
    return { missing: why.includes("No module named 'torch'") ? `${PYTHON} has no torch (apt-get install python3-torch)` : why };
  }
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as TorchResult;
}

const count = (v: number) => Math.round(v).toLocaleString('en-US');
const percent = (v: number) => `${Math.round(v * 100)}%`;

/** A result saved before the race existed has none. */
function raceRatios(race: RaceResult | undefined): number[] {
  return race ? ratiosOf(race.togetherSamplesPerSec, race.aloneSamplesPerSec) : [];
}

function printRace({ race, scopedCost: scoped, windowMs }: BenchResult, baseline: BenchResult | null): void {
  if (!race || !scoped) return;
  const was = raceRatios(baseline?.race);
  const n = race.aloneSamplesPerSec.length;
  console.log(`\nrace: ${race.activations.length} runs (${race.activations.join(', ')}) at batch ${race.batchSize}, trained together by trainTogether,`);
  console.log(`  against one (${race.activations[0]}) alone; losses read every ${LOSS_EVERY} steps; median (range) over ${n} repetitions,`);
  console.log(`  each ~${(2 * windowMs) / 1000} s of the two taking turns in blocks of equal steps, about a quarter of a second:`);
  console.log(`  ${race.activations.length} together, total   ${spreadText(race.togetherSamplesPerSec, count)} samples/s`);
  console.log(`  one alone           ${spreadText(race.aloneSamplesPerSec, count)} samples/s`);
  console.log(`  together ÷ alone    ${spreadText(raceRatios(race), percent)}${was.length ? ` (baseline ${percent(median(was))})` : ''}`);
  const cost = ratiosOf(scoped.scopedSamplesPerSec, scoped.unscopedSamplesPerSec);
  console.log(`each step inside Backend.scoped() (3 error scopes pushed and popped), batch ${scoped.batchSize}, one run:`);
  console.log(`  scoped              ${spreadText(scoped.scopedSamplesPerSec, count)} samples/s`);
  console.log(`  unscoped            ${spreadText(scoped.unscopedSamplesPerSec, count)} samples/s`);
  console.log(`  scoped ÷ unscoped   ${spreadText(cost, percent)}`);
}

/** The watched run's samples/s over the plain run's, repetition by repetition. */
const statsRatios = (stats: StatsCostResult) => ratiosOf(stats.watchedSamplesPerSec, stats.plainSamplesPerSec);

function printStatsCost({ statsCost: stats }: BenchResult, baseline: BenchResult | null): void {
  if (!stats) return;
  const was = baseline?.statsCost ? statsRatios(baseline.statsCost) : [];
  console.log(
    `\nlayer statistics sampled as the worker samples a watched run: norms every ${stats.normsIntervalMs} ms, probe and ` +
      `first-layer weights every ${stats.probeIntervalMs} ms`,
  );
  console.log(
    `  (sampled ${stats.normsPerSec.toFixed(1)} and ${stats.probesPerSec.toFixed(1)} times a second), one run of the default ` +
      `configuration at batch ${stats.batchSize}, alternately with one without; median (range) over ${stats.plainSamplesPerSec.length} repetitions:`,
  );
  console.log(`  a probe, from its start to its landing: ${spreadText(stats.probeMs, count)} ms over ${stats.probeMs.length} probes`);
  console.log(`  with statistics     ${spreadText(stats.watchedSamplesPerSec, count)} samples/s`);
  console.log(`  without             ${spreadText(stats.plainSamplesPerSec, count)} samples/s`);
  console.log(`  with ÷ without      ${spreadText(statsRatios(stats), percent)}${was.length ? ` (baseline ${percent(median(was))})` : ''}`);
}

function statsTarget(stats: StatsCostResult | undefined): [boolean, string] {
  const ratio = stats ? median(statsRatios(stats)) : NaN;
  return [ratio >= 0.9, `layer statistics sampled: ≥ 90% of the samples/s without (median ${percent(ratio)})`];
}

function raceTarget(race: RaceResult | undefined): [boolean, string] {
  const ratio = median(raceRatios(race));
  return [ratio >= 0.85, `race: ${race?.activations.length} runs together ≥ 85% of one alone's samples/s (median ${percent(ratio)})`];
}

const { save, ...options } = parseArgs(process.argv.slice(2));
const started = performance.now();
const loadAtStart = loadavg()[0];
const page = await runPage(options);
const partial = options.raceOnly || options.statsOnly || options.firstStepOnly;
const pytorch = partial ? ({ missing: 'not measured with --race-only, --stats-only or --first-step-only' } as const) : runTorch(options);
const result: BenchResult = {
  ...page,
  windowMs: options.windowMs,
  repetitions: options.repetitions,
  flopsPerSample: FLOPS_PER_SAMPLE,
  pytorch,
  durationS: Math.round((performance.now() - started) / 1000),
  loadAverage: [loadAtStart, loadavg()[0]].map((v) => Number(v.toFixed(2))) as [number, number],
  cores: availableParallelism(),
  date: new Date().toISOString(),
};
const baseline = existsSync(BASELINE_FILE) ? (JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as BenchResult) : null;
if (partial) {
  console.log(`adapter: ${result.adapter}; load average at start and end: ${result.loadAverage.join(', ')} on ${result.cores} cores`);
  if (options.firstStepOnly) for (const line of firstStepLines(result)) console.log(line);
} else for (const line of reportLines(result, options.batchSizes)) console.log(line);
printRace(result, baseline);
printStatsCost(result, baseline);
const checked: [boolean, string][] = options.raceOnly
  ? [raceTarget(result.race)]
  : options.statsOnly
    ? [statsTarget(result.statsCost)]
    : options.firstStepOnly
      ? [firstStepTarget(result)]
      : [...targets(result, options.batchSizes), ...(options.noRace ? [] : [raceTarget(result.race), statsTarget(result.statsCost)])];
console.log("\ntargets (this run's medians):");
for (const [met, text] of checked) console.log(`  ${met ? 'met   ' : 'MISSED'}  ${text}`);
console.log(`\nfinished in ${result.durationS} s`);
if (save) {
  writeFileSync(BASELINE_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`saved as the new baseline: ${BASELINE_FILE}`);
}
console.log(JSON.stringify(result));
