// npm run bench [-- --save] [-- --window-ms N] [-- --race-only | --stats-only]: builds bench/,
// serves it on 127.0.0.1, trains the same MLP with gradlab and TF.js in headless Chromium, prints
// the figures beside bench/baseline.json and, last, one line of JSON. --save makes this run the
// new baseline; --race-only measures only the race (four runs together against one alone) and the
// cost of error scopes around a step; --stats-only only the cost of sampling a run's layer
// statistics as the worker does while the page shows them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { build, preview } from 'vite';
import {
  BATCH_SIZES,
  FLOPS_PER_SAMPLE,
  LOSS_EVERY,
  MODES,
  RUNNERS,
  TFJS_BACKENDS,
  type BenchOptions,
  type BenchResult,
  type ByModeAndBatch,
  type Mode,
  type PageResult,
  type RaceResult,
  type Runner,
  type StatsCostResult,
  type TfjsBackend,
} from '../bench/results';
import { CHROMIUM, QUIET_CHROMIUM, SWIFTSHADER_WEBGPU } from '../e2e/chromium';

const CONFIG_FILE = fileURLToPath(new URL('../bench/vite.config.ts', import.meta.url));
const BASELINE_FILE = fileURLToPath(new URL('../bench/baseline.json', import.meta.url));
const DEFAULT_WINDOW_MS = 3000;
/** A hung page (a lost device, say) ends the run instead of blocking it forever. */
const TIME_LIMIT_MS = 10 * 60_000;

function parseArgs(argv: string[]) {
  const save = argv.includes('--save');
  const raceOnly = argv.includes('--race-only');
  const statsOnly = argv.includes('--stats-only');
  const at = argv.indexOf('--window-ms');
  const windowMs = at >= 0 ? Number(argv[at + 1]) : DEFAULT_WINDOW_MS;
  if (!(windowMs > 0)) throw new Error('--window-ms needs a positive number of milliseconds');
  if (save && (raceOnly || statsOnly)) throw new Error('--save needs the whole bench, not --race-only or --stats-only');
  if (raceOnly && statsOnly) throw new Error('--race-only and --stats-only measure different rows: pick one');
  return { save, windowMs, raceOnly, statsOnly };
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

function mapFigures(figures: ByModeAndBatch | undefined, fn: (value: number, mode: Mode, batch: string) => number): ByModeAndBatch {
  const out: ByModeAndBatch = {};
  for (const mode of MODES) {
    for (const [batch, value] of Object.entries(figures?.[mode] ?? {})) (out[mode] ??= {})[batch] = fn(value, mode, batch);
  }
  return out;
}

function derive(page: PageResult, windowMs: number, durationS: number, loadAtStart: number): BenchResult {
  const gradlab = page.samplesPerSec['gradlab-webgpu'];
  const stepGflops = mapFigures(gradlab, (v) => (v * FLOPS_PER_SAMPLE) / 1e9);
  const ratios = Object.fromEntries(
    TFJS_BACKENDS.map((backend) => [
      backend,
      mapFigures(gradlab, (v, mode, batch) => v / (page.samplesPerSec[`tfjs-${backend}`]?.[mode]?.[batch] ?? NaN)),
    ]),
  ) as Record<TfjsBackend, ByModeAndBatch>;
  const cpuAt1024 = (runner: Runner) => page.samplesPerSec[runner]?.throughput?.[1024] ?? NaN;
  return {
    ...page,
    windowMs,
    flopsPerSample: FLOPS_PER_SAMPLE,
    stepGflops,
    stepFractionOfMatmul: mapFigures(stepGflops, (v) => v / page.matmul1024Gflops),
    ratios,
    gradlabCpuOverTfjsCpuAt1024: cpuAt1024('gradlab-cpu') / cpuAt1024('tfjs-cpu'),
    durationS,
    loadAverage: [loadAtStart, loadavg()[0]].map((v) => Number(v.toFixed(2))) as [number, number],
    cores: availableParallelism(),
  };
}

/** "value (baseline)" for one figure. */
function cell(format: (v: number) => string, value: number | undefined, was: number | undefined): string {
  if (value === undefined) return '—';
  return was === undefined ? format(value) : `${format(value)} (${format(was)})`;
}

const count = (v: number) => Math.round(v).toLocaleString('en-US');
const times = (v: number) => `${v.toFixed(2)}×`;
const percent = (v: number) => `${Math.round(v * 100)}%`;
const gflops = (v: number) => v.toFixed(2);

function printTable(result: BenchResult, baseline: BenchResult | null): void {
  const rows: string[][] = [];
  const header = (title: string) => rows.push([title, ...BATCH_SIZES.map((b) => `batch ${b}`)]);
  const byBatch = (label: string, format: (v: number) => string, now: ByModeAndBatch | undefined, was: ByModeAndBatch | undefined) => {
    for (const mode of MODES) {
      if (!now?.[mode]) continue;
      rows.push([`${label} ${mode}`, ...BATCH_SIZES.map((b) => cell(format, now[mode]?.[b], was?.[mode]?.[b]))]);
    }
  };
  header('samples/s');
  for (const runner of RUNNERS) byBatch(runner, count, result.samplesPerSec[runner], baseline?.samplesPerSec[runner]);
  header('gradlab-webgpu ÷');
  for (const backend of TFJS_BACKENDS) byBatch(`tfjs-${backend}`, times, result.ratios[backend], baseline?.ratios[backend]);
  header('step GFLOP/s');
  byBatch('gradlab-webgpu', gflops, result.stepGflops, baseline?.stepGflops);
  header('÷ matmul 1024³');
  byBatch('gradlab-webgpu', percent, result.stepFractionOfMatmul, baseline?.stepFractionOfMatmul);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((text, i) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join('   ');
  console.log(`adapter: ${result.adapter}; ${result.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? result.userAgent}`);
  console.log(`data: ${result.data}; TF.js wasm: ${result.wasmBuild}`);
  console.log(`load average at start and end: ${result.loadAverage.join(', ')} on ${result.cores} cores`);
  console.log(`each figure: steady state over a ~${result.windowMs} ms window after warm-up; (baseline) from bench/baseline.json\n`);
  for (const r of rows) console.log(line(r));
  console.log('\ntime to first step (model creation → first step done, nothing compiled before):');
  for (const [runner, ms] of Object.entries(result.timeToFirstStepMs)) {
    console.log(`  ${runner.padEnd(16)} ${cell(count, ms, baseline?.timeToFirstStepMs[runner as Runner])} ms`);
  }
  console.log(
    `  gradlab-webgpu until every kernel is compiled (the first steps run quick stand-ins for the slowest): ` +
      `${cell(count, result.gradlabAllCompiledMs, baseline?.gradlabAllCompiledMs)} ms`,
  );
  console.log(
    `step GFLOP/s: samples/s × ${result.flopsPerSample} nominal FLOPs a sample, 3×2×(784·128 + 128·10); ` +
      'the input gradient is never computed, so about 2/3 of that is executed',
  );
  console.log(`gradlab matmul 1024³, best: ${cell(gflops, result.matmul1024Gflops, baseline?.matmul1024Gflops)} GFLOP/s`);
  console.log(`gradlab dispatches per training step: ${result.gradlabDispatchesPerStep}`);
  console.log(`gradlab-cpu ÷ tfjs-cpu at batch 1024: ${cell(times, result.gradlabCpuOverTfjsCpuAt1024, baseline?.gradlabCpuOverTfjsCpuAt1024)}`);
  const wasmRatios = BATCH_SIZES.map((b) => {
    const over = result.samplesPerSec['gradlab-wasm']?.throughput?.[b];
    const under = result.samplesPerSec['tfjs-wasm']?.throughput?.[b];
    return `batch ${b} ${over && under ? times(over / under) : '—'}`;
  });
  console.log(`gradlab-wasm (1 thread) ÷ tfjs-wasm, throughput: ${wasmRatios.join(', ')}`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "median (range low–high)" of per-repetition figures. */
function spread(values: readonly number[], format: (v: number) => string): string {
  return `${format(median(values))} (range ${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

/** Repetition i's `over` ÷ its `under`: each ratio from figures measured side by side. */
const ratiosOf = (over: readonly number[], under: readonly number[]) => over.map((v, i) => v / under[i]);

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
  console.log(`  ${race.activations.length} together, total   ${spread(race.togetherSamplesPerSec, count)} samples/s`);
  console.log(`  one alone           ${spread(race.aloneSamplesPerSec, count)} samples/s`);
  console.log(`  together ÷ alone    ${spread(raceRatios(race), percent)}${was.length ? ` (baseline ${percent(median(was))})` : ''}`);
  const cost = ratiosOf(scoped.scopedSamplesPerSec, scoped.unscopedSamplesPerSec);
  console.log(`each step inside Backend.scoped() (3 error scopes pushed and popped), batch ${scoped.batchSize}, one run:`);
  console.log(`  scoped              ${spread(scoped.scopedSamplesPerSec, count)} samples/s`);
  console.log(`  unscoped            ${spread(scoped.unscopedSamplesPerSec, count)} samples/s`);
  console.log(`  scoped ÷ unscoped   ${spread(cost, percent)}`);
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
  console.log(`  a probe, from its start to its landing: ${spread(stats.probeMs, count)} ms over ${stats.probeMs.length} probes`);
  console.log(`  with statistics     ${spread(stats.watchedSamplesPerSec, count)} samples/s`);
  console.log(`  without             ${spread(stats.plainSamplesPerSec, count)} samples/s`);
  console.log(`  with ÷ without      ${spread(statsRatios(stats), percent)}${was.length ? ` (baseline ${percent(median(was))})` : ''}`);
}

function statsTarget(stats: StatsCostResult | undefined): [boolean, string] {
  const ratio = stats ? median(statsRatios(stats)) : NaN;
  return [ratio >= 0.9, `layer statistics sampled: ≥ 90% of the samples/s without (median ${percent(ratio)})`];
}

function printTargets(result: BenchResult): void {
  const live = BATCH_SIZES.map((b) => result.ratios.webgpu.live?.[b] ?? NaN);
  const bestFraction = Math.max(...BATCH_SIZES.map((b) => result.stepFractionOfMatmul.throughput?.[b] ?? NaN));
  const wasm1024 = Math.min(...MODES.map((m) => result.ratios.wasm[m]?.[1024] ?? NaN));
  const ttfs = result.timeToFirstStepMs['gradlab-webgpu'] ?? NaN;
  const targets: [boolean, string][] = [
    [live.every((r) => r >= 3), `live: gradlab ≥ 3× tfjs-webgpu at every batch (${live.map(times).join(', ')})`],
    [wasm1024 >= 1, `batch 1024: gradlab ≥ tfjs-wasm (worse mode ${times(wasm1024)})`],
    [ttfs <= 1000, `time to first step ≤ 1 s (${count(ttfs)} ms)`],
    [bestFraction >= 0.5, `step ≥ 50% of matmul 1024³ GFLOP/s (best batch, throughput: ${percent(bestFraction)})`],
    [result.gradlabCpuOverTfjsCpuAt1024 >= 1, `cpu at batch 1024: gradlab ≥ tfjs (${times(result.gradlabCpuOverTfjsCpuAt1024)})`],
    raceTarget(result.race),
    statsTarget(result.statsCost),
  ];
  console.log('\ntargets:');
  for (const [met, text] of targets) console.log(`  ${met ? 'met   ' : 'MISSED'}  ${text}`);
}

function raceTarget(race: RaceResult | undefined): [boolean, string] {
  const ratio = median(raceRatios(race));
  return [ratio >= 0.85, `race: ${race?.activations.length} runs together ≥ 85% of one alone's samples/s (median ${percent(ratio)})`];
}

const { save, windowMs, raceOnly, statsOnly } = parseArgs(process.argv.slice(2));
const started = performance.now();
const loadAtStart = loadavg()[0];
const page = await runPage({ windowMs, raceOnly, statsOnly });
const result = derive(page, windowMs, Math.round((performance.now() - started) / 1000), loadAtStart);
const baseline = existsSync(BASELINE_FILE) ? (JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as BenchResult) : null;
if (raceOnly || statsOnly) {
  console.log(`adapter: ${result.adapter}; load average at start and end: ${result.loadAverage.join(', ')} on ${result.cores} cores`);
} else printTable(result, baseline);
printRace(result, baseline);
printStatsCost(result, baseline);
if (raceOnly || statsOnly) {
  const [met, text] = raceOnly ? raceTarget(result.race) : statsTarget(result.statsCost);
  console.log(`\ntarget:\n  ${met ? 'met   ' : 'MISSED'}  ${text}`);
} else printTargets(result);
console.log(`\nfinished in ${result.durationS} s`);
if (save) {
  writeFileSync(BASELINE_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`saved as the new baseline: ${BASELINE_FILE}`);
}
console.log(JSON.stringify(result));
