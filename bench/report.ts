// The bench's printed report, from its machine-readable result: one table per batch size, the
// ratios the targets use, times to first step. Pure: lines of text.
import { GRADLAB_RUNNERS, MODES, RUNNERS, SLOW_RUNNERS, SLOW_WINDOW_SHARE, TORCH_RUNNERS, type BenchResult, type Mode, type Runner, type TorchRunner } from './results';
import { median, ratiosByRepetition, spreadText } from './spread';

export const count = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
export const times = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');
export const percent = (v: number) => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : '—');
const fixed = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');

/** The runner's name as printed, without the thread count its label adds. */
const FAMILY: Partial<Record<Runner | TorchRunner, string>> = {
  'gradlab-wasm-1': 'gradlab-wasm',
  'gradlab-wasm-n': 'gradlab-wasm',
  'tfjs-wasm-1': 'tfjs-wasm',
  'tfjs-wasm-n': 'tfjs-wasm',
  'pytorch-1': 'PyTorch native',
  'pytorch-n': 'PyTorch native',
};

/** The row's name with the threads it ran on, where it runs on the CPU. */
export function runnerLabel(runner: Runner | TorchRunner, result: Pick<BenchResult, 'threadsOf' | 'auto'>): string {
  if (runner === 'auto') return `Auto (took ${result.auto?.adapter ?? 'nothing'})`;
  const threads = result.threadsOf[runner];
  const name = FAMILY[runner] ?? runner;
  return threads === undefined ? name : `${name} (${threads} thread${threads === 1 ? '' : 's'})`;
}

const figuresOf = (result: BenchResult, runner: Runner, mode: Mode, batch: number) => result.samplesPerSec[runner]?.[mode]?.[batch] ?? [];
export const torchFiguresOf = (result: BenchResult, runner: TorchRunner, batch: number) => result.torchSamplesPerSec[runner]?.[batch] ?? [];

/** Per-repetition ratios of two runners measured in the same rounds. */
export function ratioOf(result: BenchResult, over: Runner, under: Runner, mode: Mode, batch: number): number[] {
  return ratiosByRepetition(figuresOf(result, over, mode, batch), figuresOf(result, under, mode, batch));
}

/** The candidate of the highest median, or null where none has a figure. */
function fastest<R>(candidates: readonly R[], figures: (candidate: R) => number[]): R | null {
  let best: R | null = null;
  for (const candidate of candidates) {
    const here = median(figures(candidate));
    if (Number.isFinite(here) && (best === null || here > median(figures(best)))) best = candidate;
  }
  return best;
}

/** The gradlab runner of the highest median samples/s at this batch (live mode). */
export function bestGradlab(result: BenchResult, batch: number): Runner | null {
  return fastest(GRADLAB_RUNNERS, (runner) => figuresOf(result, runner, 'live', batch));
}

/** The PyTorch row of the highest median samples/s at this batch: native PyTorch at its best. */
export function bestTorch(result: BenchResult, batch: number): TorchRunner | null {
  return fastest(TORCH_RUNNERS, (runner) => torchFiguresOf(result, runner, batch));
}

/** The best gradlab runner ÷ the best PyTorch row, repetition by repetition (both from the same rounds). */
export function gradlabOverTorch(result: BenchResult, mode: Mode, batch: number): number[] {
  const [gradlab, torch] = [bestGradlab(result, batch), bestTorch(result, batch)];
  return gradlab && torch ? ratiosByRepetition(figuresOf(result, gradlab, mode, batch), torchFiguresOf(result, torch, batch)) : [];
}

/** WebGPU step's executed GFLOP/s ÷ the 1024³ matmul's, round by round (the matmul takes its turn in the batch-1024 rounds). */
export function stepOverMatmul(result: BenchResult, mode: Mode, batch: number): number[] {
  const stepGflops = figuresOf(result, 'gradlab-webgpu', mode, batch).map((v) => (v * result.flopsPerSample) / 1e9);
  return ratiosByRepetition(stepGflops, result.matmul1024Gflops);
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((text, i) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join('   ').trimEnd());
}

/** Marks the PyTorch rows, whose one figure stands in both modes. */
const TORCH_MARK = '*';

function batchTable(result: BenchResult, batch: number): string[] {
  const rows: string[][] = [[`batch ${batch}, samples/s`, ...MODES.map((m) => `${m}: median [min–max]`)]];
  const label = (runner: Runner | TorchRunner) => runnerLabel(runner, result);
  // Auto's choice is on its own row and above the tables: ratio labels stay short.
  const short = (runner: Runner) => (runner === 'auto' ? 'Auto' : label(runner));
  for (const runner of RUNNERS) {
    if (result.samplesPerSec[runner]) rows.push([label(runner), ...MODES.map((m) => spreadText(figuresOf(result, runner, m, batch), count))]);
  }
  for (const runner of TORCH_RUNNERS) {
    const torch = torchFiguresOf(result, runner, batch);
    if (torch.length) rows.push([`${label(runner)}${TORCH_MARK}`, ...MODES.map(() => spreadText(torch, count))]);
  }
  const ratio = (over: Runner, under: Runner) =>
    rows.push([`${short(over)} ÷ ${label(under)}`, ...MODES.map((m) => spreadText(ratioOf(result, over, under, m, batch), times))]);
  ratio('auto', 'tfjs-wasm-n');
  ratio('auto', 'tfjs-wasm-1');
  ratio('gradlab-wasm-n', 'tfjs-wasm-n');
  ratio('gradlab-wasm-1', 'tfjs-wasm-1');
  ratio('gradlab-webgpu', 'tfjs-webgpu');
  const [gradlab, torch] = [bestGradlab(result, batch), bestTorch(result, batch)];
  if (gradlab && torch) rows.push([`best gradlab (${short(gradlab)}) ÷ ${label(torch)}`, ...MODES.map((m) => spreadText(gradlabOverTorch(result, m, batch), percent))]);
  rows.push(['webgpu step, executed GFLOP/s', ...MODES.map((m) => spreadText(figuresOf(result, 'gradlab-webgpu', m, batch).map((v) => (v * result.flopsPerSample) / 1e9), fixed))]);
  rows.push(['  ÷ own matmul 1024³', ...MODES.map((m) => spreadText(stepOverMatmul(result, m, batch), percent))]);
  return table(rows);
}

/** The times to first step, median [min–max] over the repetitions. */
export function firstStepLines(result: Pick<BenchResult, 'timeToFirstStepMs' | 'gradlabAllCompiledMs' | 'repetitions'>): string[] {
  return [
    'time to first step (model creation → first step done, on a backend that has compiled nothing), ms:',
    ...Object.entries(result.timeToFirstStepMs).map(
      ([runner, ms]) => `  ${runner.padEnd(16)} ${spreadText(ms, count)}${ms.length < result.repetitions ? ' (timed once: seconds a try, no target rests on it)' : ''}`,
    ),
    `  gradlab-webgpu until every kernel is compiled: ${spreadText(result.gradlabAllCompiledMs, count)}`,
  ];
}

export function reportLines(result: BenchResult, batchSizes: readonly number[]): string[] {
  const lines: string[] = [];
  const browser = result.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? result.userAgent;
  lines.push(`${result.date}; adapter: ${result.adapter}; ${browser}; cross-origin isolated: ${result.crossOriginIsolated}`);
  lines.push(`load average (1 min) at start and end: ${result.loadAverage.join(', ')} on ${result.cores} cores`);
  lines.push(`data: ${result.data}; TF.js wasm: ${result.wasmBuild} build; gradlab wasm: ${result.relaxedSimd ? 'relaxed' : 'plain'} SIMD`);
  if (result.auto) {
    const trial = result.auto.trial ? ` (trial: WebGPU ${result.auto.trial.webgpuMs.toFixed(1)} ms a step, wasm ${result.auto.trial.wasmMs.toFixed(1)} ms)` : '';
    lines.push(`Auto took ${result.auto.adapter}: ${result.auto.reason}${trial}`);
  }
  lines.push(`pytorch: ${'missing' in result.pytorch ? `no rows: ${result.pytorch.missing}` : `torch ${result.pytorch.torch} (BLAS: ${result.pytorch.blas}${result.pytorch.referenceBlas ? '; the reference BLAS, ~25× slower than OpenBLAS: apt-get install libopenblas0-pthread' : ''})`}`);
  lines.push(
    `each figure: ${result.repetitions} repetitions of ~${result.windowMs} ms after warm-up, every row taking its turn in each (A B C … A B C …);`,
    `  ${SLOW_RUNNERS.join(', ')} (up to seconds a step): ~${result.windowMs * SLOW_WINDOW_SHARE} ms after one warm-up step;`,
    `  rows actually trained (an epoch's last batch is short); loss read every 10 steps, live: not awaited, strict: awaited;`,
    `  ${TORCH_MARK} native PyTorch takes its turn in the same rounds; its loss read (.item()) is synchronous: one figure, both columns;`,
    `  ratios: median [min–max] of the repetitions' ratios, each of two figures from the same round;`,
    `  GFLOP/s: samples/s × ${result.flopsPerSample} executed FLOPs a sample (forward, weight gradients, the second layer's input gradient)`,
    '',
  );
  for (const batch of batchSizes) lines.push(...batchTable(result, batch), '');
  lines.push(...firstStepLines(result));
  lines.push(
    `gradlab matmul 1024³ (its turn in each batch-1024 round): ${spreadText(result.matmul1024Gflops, fixed)} GFLOP/s; dispatches a WebGPU step (batch 1024): ${result.gradlabDispatchesPerStep}, submissions ${result.gradlabSubmissionsPerStep}`,
  );
  return lines;
}
