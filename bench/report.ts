// The bench's printed report, from its machine-readable result: one table per batch size, the
// ratios the targets use, times to first step, and the targets. Pure: lines of text.
import { GRADLAB_RUNNERS, MODES, RUNNERS, type BenchResult, type Mode, type Runner } from './results';
import { median, ratiosByRepetition, spreadOf } from './spread';

const count = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const times = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');
const percent = (v: number) => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : '—');
const fixed = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');

/** "median [min–max]" of repeated figures; "—" for none. */
export function spreadText(values: readonly number[] | undefined, format: (v: number) => string): string {
  if (!values?.length) return '—';
  const { median: middle, min, max } = spreadOf(values);
  return values.length === 1 ? format(middle) : `${format(middle)} [${format(min)}–${format(max)}]`;
}

export function runnerLabel(runner: Runner, result: Pick<BenchResult, 'threads' | 'auto'>): string {
  if (runner === 'gradlab-wasm-1') return 'gradlab-wasm (1 thread)';
  if (runner === 'gradlab-wasm-n') return `gradlab-wasm (${result.threads} threads)`;
  if (runner === 'auto') return `Auto (took ${result.auto?.adapter ?? 'nothing'})`;
  return runner;
}

const figuresOf = (result: BenchResult, runner: Runner, mode: Mode, batch: number) => result.samplesPerSec[runner]?.[mode]?.[batch] ?? [];

/** Per-repetition ratios of two runners measured in the same rounds. */
export function ratioOf(result: BenchResult, over: Runner, under: Runner, mode: Mode, batch: number): number[] {
  return ratiosByRepetition(figuresOf(result, over, mode, batch), figuresOf(result, under, mode, batch));
}

const torchFigures = (result: BenchResult, batch: number) => ('samplesPerSec' in result.pytorch ? (result.pytorch.samplesPerSec[batch] ?? []) : []);

/** The gradlab runner of the highest median samples/s at this batch (live mode). */
export function bestGradlab(result: BenchResult, batch: number): Runner | null {
  let best: Runner | null = null;
  for (const runner of GRADLAB_RUNNERS) {
    const here = median(figuresOf(result, runner, 'live', batch));
    if (Number.isFinite(here) && (best === null || here > median(figuresOf(result, best, 'live', batch)))) best = runner;
  }
  return best;
}

/** WebGPU step's executed GFLOP/s ÷ the 1024³ matmul's, one per repetition. */
export function stepOverMatmul(result: BenchResult, mode: Mode, batch: number): number[] {
  return figuresOf(result, 'gradlab-webgpu', mode, batch).map((v) => (v * result.flopsPerSample) / 1e9 / result.matmul1024Gflops);
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((text, i) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join('   ').trimEnd());
}

function batchTable(result: BenchResult, batch: number): string[] {
  const rows: string[][] = [[`batch ${batch}, samples/s`, ...MODES.map((m) => `${m}: median [min–max]`)]];
  for (const runner of RUNNERS) {
    if (!result.samplesPerSec[runner]) continue;
    rows.push([runnerLabel(runner, result), ...MODES.map((m) => spreadText(figuresOf(result, runner, m, batch), count))]);
  }
  const torch = torchFigures(result, batch);
  if (torch.length) rows.push([`PyTorch native (${'threads' in result.pytorch ? result.pytorch.threads : '?'} threads)`, ...MODES.map(() => spreadText(torch, count))]);
  const ratio = (label: string, over: Runner, under: Runner) =>
    rows.push([label, ...MODES.map((m) => spreadText(ratioOf(result, over, under, m, batch), times))]);
  ratio('Auto ÷ tfjs-wasm', 'auto', 'tfjs-wasm');
  ratio(`wasm ${result.threads} threads ÷ tfjs-wasm`, 'gradlab-wasm-n', 'tfjs-wasm');
  ratio('wasm 1 thread ÷ tfjs-wasm', 'gradlab-wasm-1', 'tfjs-wasm');
  ratio('gradlab-webgpu ÷ tfjs-webgpu', 'gradlab-webgpu', 'tfjs-webgpu');
  const best = bestGradlab(result, batch);
  if (best && torch.length) {
    rows.push([`best gradlab (${runnerLabel(best, result)}) ÷ PyTorch`, ...MODES.map((m) => spreadText(ratiosByRepetition(figuresOf(result, best, m, batch), torch), percent))]);
  }
  rows.push(['webgpu step, executed GFLOP/s', ...MODES.map((m) => spreadText(figuresOf(result, 'gradlab-webgpu', m, batch).map((v) => (v * result.flopsPerSample) / 1e9), fixed))]);
  rows.push(['  ÷ own matmul 1024³', ...MODES.map((m) => spreadText(stepOverMatmul(result, m, batch), percent))]);
  return table(rows);
}

/** The times to first step, median [min–max] over the repetitions. */
export function firstStepLines(result: Pick<BenchResult, 'timeToFirstStepMs' | 'gradlabAllCompiledMs'>): string[] {
  return [
    'time to first step (model creation → first step done, on a backend that has compiled nothing), ms:',
    ...Object.entries(result.timeToFirstStepMs).map(([runner, ms]) => `  ${runner.padEnd(16)} ${spreadText(ms, count)}`),
    `  gradlab-webgpu until every kernel is compiled: ${spreadText(result.gradlabAllCompiledMs, count)}`,
  ];
}

export function reportLines(result: BenchResult, batchSizes: readonly number[]): string[] {
  const lines: string[] = [];
  const browser = result.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? result.userAgent;
  lines.push(`${result.date}; adapter: ${result.adapter}; ${browser}; cross-origin isolated: ${result.crossOriginIsolated}`);
  lines.push(`load average (1 min) at start and end: ${result.loadAverage.join(', ')} on ${result.cores} cores`);
  lines.push(`data: ${result.data}; TF.js wasm: ${result.wasmBuild}; gradlab wasm: ${result.relaxedSimd ? 'relaxed' : 'plain'} SIMD`);
  if (result.auto) {
    const trial = result.auto.trial ? ` (trial: WebGPU ${result.auto.trial.webgpuMs.toFixed(1)} ms a step, wasm ${result.auto.trial.wasmMs.toFixed(1)} ms)` : '';
    lines.push(`Auto took ${result.auto.adapter}: ${result.auto.reason}${trial}`);
  }
  lines.push(`pytorch: ${'missing' in result.pytorch ? `no row: ${result.pytorch.missing}` : `torch ${result.pytorch.torch} (BLAS: ${result.pytorch.blas}), ${result.pytorch.threads} threads, run after the browser`}`);
  lines.push(
    `each figure: ${result.repetitions} repetitions of ~${result.windowMs} ms after warm-up, the runners taking turns (A B C … A B C …);`,
    `  rows actually trained (an epoch's last batch is short); loss read every 10 steps, live: not awaited, strict: awaited;`,
    `  ratios: median [min–max] of the repetitions' ratios, each of two figures from the same round;`,
    `  GFLOP/s: samples/s × ${result.flopsPerSample} executed FLOPs a sample (forward, weight gradients, the second layer's input gradient)`,
    '',
  );
  for (const batch of batchSizes) lines.push(...batchTable(result, batch), '');
  lines.push(...firstStepLines(result));
  lines.push(`gradlab matmul 1024³ (best of 4): ${fixed(result.matmul1024Gflops)} GFLOP/s; dispatches a WebGPU step (batch 1024): ${result.gradlabDispatchesPerStep}`);
  return lines;
}

/** The issue's targets, each from this run's medians: [met, text]. */
export function targets(result: BenchResult, batchSizes: readonly number[]): [boolean, string][] {
  const medians = (over: Runner, under: Runner) => MODES.flatMap((m) => batchSizes.map((b) => median(ratioOf(result, over, under, m, b))));
  const worst = (values: number[]) => (values.length ? Math.min(...values) : NaN);
  const auto = worst(medians('auto', 'tfjs-wasm'));
  const wasmN = worst(medians('gradlab-wasm-n', 'tfjs-wasm'));
  const wasm1 = worst(medians('gradlab-wasm-1', 'tfjs-wasm'));
  const best = bestGradlab(result, 1024);
  const torch = best ? median(figuresOf(result, best, 'live', 1024)) / median(torchFigures(result, 1024)) : NaN;
  const matmul = median(stepOverMatmul(result, 'live', 1024));
  return [
    [auto >= 2, `Auto ≥ 2× tfjs-wasm at every batch, live and strict (worst median ${times(auto)})`],
    [wasmN >= 1, `wasm ${result.threads} threads ≥ tfjs-wasm at every batch (worst median ${times(wasmN)})`],
    [wasm1 >= 0.8, `wasm 1 thread ≥ 0.8× tfjs-wasm at every batch (worst median ${times(wasm1)})`],
    [torch >= 0.25, `batch 1024: best gradlab ≥ 25% of native PyTorch (${percent(torch)})`],
    [matmul >= 0.85, `batch 1024: WebGPU step ≥ 85% of own matmul 1024³, executed GFLOP/s, live (${percent(matmul)})`],
    firstStepTarget(result),
  ];
}

export function firstStepTarget(result: Pick<BenchResult, 'timeToFirstStepMs'>): [boolean, string] {
  const first = median(result.timeToFirstStepMs['gradlab-webgpu'] ?? []);
  return [first <= 300, `WebGPU time to first step ≤ 0.3 s (median ${count(first)} ms)`];
}
