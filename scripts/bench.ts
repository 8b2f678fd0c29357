// npm run bench [-- --save] [-- --runs N] [-- --window-ms N] [-- --reps N] [-- --batches 64,256,1024]
// [-- --no-race] [-- --race-only | --stats-only | --first-step-only | --profile-only]: builds bench/, serves it on 127.0.0.1, trains the
// same MLP with gradlab (WebGPU, wasm on 1 and on every thread, the JavaScript CPU backend, and
// whatever the page's Auto picks), TF.js (webgpu, wasm on every thread and on 1, cpu) in headless
// Chromium and native PyTorch (scripts/pytorch-bench.py, every core and 1, where /usr/bin/python3 has
// torch), every row taking its turn in each repetition; prints one table per batch size, the targets
// and, last, one line of JSON. --runs N measures all of it N times in a row and says which targets held
// on every run; --save makes the JSON bench/baseline.json; --no-race leaves out the race, scoped-step
// and statistics rows; --race-only measures only the race (four runs together against one alone) and
// the cost of error scopes around a step; --stats-only only the cost of sampling a run's layer
// statistics as the worker does while the page shows them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { build, preview } from 'vite';
import { count, firstStepLines, percent, reportLines } from '../bench/report';
import { BATCH_SIZES, FLOPS_PER_SAMPLE, LOSS_EVERY, type BenchOptions, type BenchResult, type BenchRuns, type PageResult, type TorchCall, type TorchInfo } from '../bench/results';
import { median, ratiosByRepetition, spreadText } from '../bench/spread';
import { checkedTargets, heldOnEveryRun, raceRatios, statsRatios } from '../bench/targets';
import { CHROMIUM, QUIET_CHROMIUM, SWIFTSHADER_WEBGPU } from '../e2e/chromium';
import { startTorch, type TorchLink } from './bench-torch';

const CONFIG_FILE = fileURLToPath(new URL('../bench/vite.config.ts', import.meta.url));
const BASELINE_FILE = fileURLToPath(new URL('../bench/baseline.json', import.meta.url));
const TORCH_SCRIPT = fileURLToPath(new URL('./pytorch-bench.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const DEFAULT_WINDOW_MS = 2000;
const DEFAULT_REPETITIONS = 3;
/** A hung page (a lost device, say) ends the run instead of blocking it forever. */
const TIME_LIMIT_MS = 60 * 60_000;

/** What the command line sets: every page option but the PyTorch rows, which depend on torch being there. */
type PageOptions = Omit<BenchOptions, 'torchThreads'>;

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function wholeNumber(argv: string[], name: string, fallback: number): number {
  const value = Number(option(argv, name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number ≥ 1, not ${option(argv, name)}`);
  return value;
}

function parseArgs(argv: string[]): { save: boolean; runs: number; options: PageOptions } {
  const save = argv.includes('--save');
  const raceOnly = argv.includes('--race-only');
  const statsOnly = argv.includes('--stats-only');
  const noRace = argv.includes('--no-race');
  const firstStepOnly = argv.includes('--first-step-only');
  const profileOnly = argv.includes('--profile-only');
  const windowMs = Number(option(argv, '--window-ms') ?? DEFAULT_WINDOW_MS);
  const repetitions = wholeNumber(argv, '--reps', DEFAULT_REPETITIONS);
  const runs = wholeNumber(argv, '--runs', 1);
  const batchSizes = (option(argv, '--batches') ?? BATCH_SIZES.join(',')).split(',').map(Number);
  if (!(windowMs > 0)) throw new Error('--window-ms needs a positive number of milliseconds');
  const bad = batchSizes.find((b) => !Number.isInteger(b) || b < 1);
  if (bad !== undefined) throw new Error(`--batches needs whole numbers ≥ 1 separated by commas, not ${option(argv, '--batches')}`);
  const only = [raceOnly && '--race-only', statsOnly && '--stats-only', firstStepOnly && '--first-step-only', profileOnly && '--profile-only'].filter(Boolean);
  if (save && only.length > 0) throw new Error(`--save needs the whole bench, not ${only.join(' ')}`);
  if (only.length > 1) throw new Error(`${only.join(' and ')} measure different rows: pick one`);
  return { save, runs, options: { windowMs, repetitions, batchSizes, raceOnly, statsOnly, noRace, firstStepOnly, profileOnly } };
}

function launchBrowser(): Promise<Browser> {
  if (existsSync(CHROMIUM)) return chromium.launch({ executablePath: CHROMIUM, args: [...QUIET_CHROMIUM, ...SWIFTSHADER_WEBGPU] });
  return chromium.launch({ channel: 'chrome', args: ['--enable-unsafe-webgpu'] });
}

/** One run of the page, in a new tab of `browser`; PyTorch, where there is a link, answers the page's calls. */
async function runPage(browser: Browser, url: string, options: BenchOptions, torch: TorchLink | null): Promise<PageResult> {
  const page = await browser.newPage();
  try {
    page.on('console', (message) => {
      if (message.text().startsWith('[bench]') || message.type() === 'error') console.error(message.text());
    });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    if (torch) await page.exposeFunction('torchCall', (call: TorchCall) => torch.call(call));
    await page.goto(url);
    return await page.evaluate((o) => window.runBench(o), options);
  } finally {
    await page.close();
  }
}

function printRace({ race, scopedCost: scoped, repetitions, windowMs }: BenchResult, baseline: BenchResult | null): void {
  if (!race || !scoped) return;
  const was = raceRatios(baseline?.race);
  console.log(`\nrace: ${race.activations.length} runs (${race.activations.join(', ')}) at batch ${race.batchSize}, trained together by trainTogether,`);
  console.log(`  against one (${race.activations[0]}) alone; losses read every ${LOSS_EVERY} steps; median [min–max] over ${repetitions} repetitions,`);
  console.log(`  in each of which the two take turns, each a new model warmed up, then ~${windowMs} ms:`);
  console.log(`  ${race.activations.length} together, total   ${spreadText(race.togetherSamplesPerSec, count)} samples/s`);
  console.log(`  one alone           ${spreadText(race.aloneSamplesPerSec, count)} samples/s`);
  console.log(`  together ÷ alone    ${spreadText(raceRatios(race), percent)}${was.length ? ` (baseline ${percent(median(was))})` : ''}`);
  const cost = ratiosByRepetition(scoped.scopedSamplesPerSec, scoped.unscopedSamplesPerSec);
  console.log(`each step inside Backend.scoped() (3 error scopes pushed and popped), batch ${scoped.batchSize}, one run, the same turns:`);
  console.log(`  scoped              ${spreadText(scoped.scopedSamplesPerSec, count)} samples/s`);
  console.log(`  unscoped            ${spreadText(scoped.unscopedSamplesPerSec, count)} samples/s`);
  console.log(`  scoped ÷ unscoped   ${spreadText(cost, percent)}`);
}

function printStatsCost({ statsCost: stats, repetitions }: BenchResult, baseline: BenchResult | null): void {
  if (!stats) return;
  const was = statsRatios(baseline?.statsCost);
  console.log(
    `\nlayer statistics sampled as the worker samples a watched run: norms every ${stats.normsIntervalMs} ms, probe and ` +
      `first-layer weights every ${stats.probeIntervalMs} ms`,
  );
  console.log(
    `  (sampled ${stats.normsPerSec.toFixed(1)} and ${stats.probesPerSec.toFixed(1)} times a second), one run of the default ` +
      `configuration at batch ${stats.batchSize}, taking turns with one without; median [min–max] over ${repetitions} repetitions:`,
  );
  console.log(`  a probe, from its start to its landing: ${spreadText(stats.probeMs, count)} ms over ${stats.probeMs.length} probes`);
  console.log(`  with statistics     ${spreadText(stats.watchedSamplesPerSec, count)} samples/s`);
  console.log(`  without             ${spreadText(stats.plainSamplesPerSec, count)} samples/s`);
  console.log(`  with ÷ without      ${spreadText(statsRatios(stats), percent)}${was.length ? ` (baseline ${percent(median(was))})` : ''}`);
}

/** The last run of the saved baseline: what the race and statistics rows compare against. */
function readBaseline(): BenchResult | null {
  if (!existsSync(BASELINE_FILE)) return null;
  return (JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as BenchRuns).runs.at(-1) ?? null;
}

/** Every run, each printed as it ends; the browser, the server and PyTorch started once for all of them. */
async function measure(args: PageOptions, runs: number): Promise<BenchResult[]> {
  const cores = availableParallelism();
  // Python imports torch and loads MNIST while vite builds the page.
  const partial = args.raceOnly || args.statsOnly || args.firstStepOnly || args.profileOnly;
  const torchStarting = partial ? Promise.resolve({ missing: 'not measured with --race-only, --stats-only, --first-step-only or --profile-only' }) : startTorch(PYTHON, TORCH_SCRIPT);
  await build({ configFile: CONFIG_FILE });
  const torch = await torchStarting;
  const link = 'info' in torch ? torch : null;
  const pytorch: TorchInfo = 'info' in torch ? torch.info : torch;
  console.error(`[bench] native PyTorch: ${'missing' in pytorch ? pytorch.missing : `torch ${pytorch.torch}`}`);
  const options: BenchOptions = { ...args, torchThreads: link ? { 'pytorch-n': cores, 'pytorch-1': 1 } : {} };
  const server = await preview({ configFile: CONFIG_FILE });
  const browser = await launchBrowser();
  const limit = setTimeout(() => void browser.close(), TIME_LIMIT_MS);
  const baseline = readBaseline();
  const results: BenchResult[] = [];
  try {
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('the bench server did not report its address');
    for (let run = 1; run <= runs; run++) {
      const started = performance.now();
      const loadAtStart = loadavg()[0];
      if (runs > 1) console.log(`\n=== run ${run} of ${runs} ===`);
      const page = await runPage(browser, url, options, link);
      const result: BenchResult = {
        ...page,
        windowMs: args.windowMs,
        repetitions: args.repetitions,
        flopsPerSample: FLOPS_PER_SAMPLE,
        pytorch,
        targets: [],
        durationS: Math.round((performance.now() - started) / 1000),
        loadAverage: [loadAtStart, loadavg()[0]].map((v) => Number(v.toFixed(2))) as [number, number],
        cores,
        date: new Date().toISOString(),
      };
      result.targets = checkedTargets(result, options);
      results.push(result);
      printRun(result, options, baseline);
    }
  } finally {
    clearTimeout(limit);
    await browser.close();
    await server.close();
    link?.close();
  }
  return results;
}

function printRun(result: BenchResult, options: BenchOptions, baseline: BenchResult | null): void {
  if (options.raceOnly || options.statsOnly || options.firstStepOnly || options.profileOnly) {
    console.log(`adapter: ${result.adapter}; load average at start and end: ${result.loadAverage.join(', ')} on ${result.cores} cores`);
    if (options.firstStepOnly) for (const line of firstStepLines(result)) console.log(line);
    for (const line of result.stepProfile ?? []) console.log(line);
  } else for (const line of reportLines(result, options.batchSizes)) console.log(line);
  printRace(result, baseline);
  printStatsCost(result, baseline);
  console.log("\ntargets (this run's medians):");
  for (const { met, name, figure } of result.targets) console.log(`  ${met ? 'met   ' : 'MISSED'}  ${name} (${figure})`);
  console.log(`run finished in ${result.durationS} s`);
}

const { save, runs: runCount, options } = parseArgs(process.argv.slice(2));
const started = performance.now();
const runs = await measure(options, runCount);
const held = heldOnEveryRun(runs.map((r) => r.targets));
const all: BenchRuns = { runs, held, durationS: Math.round((performance.now() - started) / 1000) };
if (runs.length > 1) {
  console.log(`\ntargets on all ${runs.length} runs:`);
  for (const { met, name } of held) {
    const figures = runs.map((r, i) => `run ${i + 1}: ${r.targets.find((t) => t.name === name)?.figure ?? '—'}`).join('; ');
    console.log(`  ${met ? 'held  ' : 'MISSED'}  ${name} (${figures})`);
  }
  console.log(held.every((t) => t.met) ? `every target held on all ${runs.length} runs` : `not every target held on all ${runs.length} runs`);
}
console.log(`\nfinished in ${all.durationS} s (${Math.floor(all.durationS / 60)} min ${all.durationS % 60} s)`);
if (save) {
  writeFileSync(BASELINE_FILE, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`saved as the new baseline: ${BASELINE_FILE}`);
}
console.log(JSON.stringify(all));
