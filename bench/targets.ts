// The targets, each checked on one run's medians, and whether each held on every run of
// `npm run bench -- --runs N` (done when they hold on two consecutive runs). Pure.
import { gradlabOverTorch, percent, ratioOf, stepOverMatmul, count, times } from './report';
import { MODES, type BenchOptions, type BenchResult, type RaceResult, type Runner, type StatsCostResult, type Target } from './results';
import { median, ratiosByRepetition } from './spread';

const target = (name: string, met: boolean, figure: string): Target => ({ name, met, figure });

/** The lowest median, over both modes and every batch, of `over` ÷ each of `unders`: NaN for none. */
function worstMedian(result: BenchResult, over: Runner, unders: readonly Runner[], batchSizes: readonly number[]): number {
  const medians = unders.flatMap((under) => MODES.flatMap((m) => batchSizes.map((b) => median(ratioOf(result, over, under, m, b)))));
  return medians.length ? Math.min(...medians) : NaN;
}

/** The training targets: Auto and wasm against TF.js wasm (each at its own thread count), PyTorch, the WebGPU step. */
export function targets(result: BenchResult, batchSizes: readonly number[]): Target[] {
  const auto = worstMedian(result, 'auto', ['tfjs-wasm-n', 'tfjs-wasm-1'], batchSizes);
  const wasmN = worstMedian(result, 'gradlab-wasm-n', ['tfjs-wasm-n'], batchSizes);
  const wasm1 = worstMedian(result, 'gradlab-wasm-1', ['tfjs-wasm-1'], batchSizes);
  const torch = median(gradlabOverTorch(result, 'live', 1024));
  const matmul = median(stepOverMatmul(result, 'live', 1024));
  const n = result.threads;
  return [
    target('Auto ≥ 2× tfjs-wasm (either thread count) at every batch, live and strict', auto >= 2, `worst median ${times(auto)}`),
    target(`wasm ${n} threads ≥ tfjs-wasm ${n} threads at every batch`, wasmN >= 1, `worst median ${times(wasmN)}`),
    target('wasm 1 thread ≥ 0.8× tfjs-wasm 1 thread at every batch', wasm1 >= 0.8, `worst median ${times(wasm1)}`),
    torchTarget(result, torch),
    target('batch 1024: WebGPU step ≥ 85% of own matmul 1024³, executed GFLOP/s, live', matmul >= 0.85, `median ${percent(matmul)}`),
    firstStepTarget(result),
  ];
}

/** Against PyTorch on the reference BLAS the ratio says nothing: that row is missed, whatever it reads. */
function torchTarget(result: BenchResult, ratio: number): Target {
  const name = 'batch 1024: best gradlab ≥ 25% of native PyTorch at its best, live';
  if ('referenceBlas' in result.pytorch && result.pytorch.referenceBlas) return target(name, false, `median ${percent(ratio)}, but PyTorch ran on the reference BLAS`);
  return target(name, ratio >= 0.25, `median ${percent(ratio)}`);
}

function firstStepTarget(result: BenchResult): Target {
  const first = median(result.timeToFirstStepMs['gradlab-webgpu'] ?? []);
  return target('WebGPU time to first step ≤ 0.3 s', first <= 300, `median ${count(first)} ms`);
}

/** A result saved before the race existed has none. */
export function raceRatios(race: RaceResult | undefined): number[] {
  return race ? ratiosByRepetition(race.togetherSamplesPerSec, race.aloneSamplesPerSec) : [];
}

/** The watched run's samples/s over the plain run's, repetition by repetition. */
export function statsRatios(stats: StatsCostResult | undefined): number[] {
  return stats ? ratiosByRepetition(stats.watchedSamplesPerSec, stats.plainSamplesPerSec) : [];
}

function raceTarget(race: RaceResult | undefined): Target {
  const ratio = median(raceRatios(race));
  return target(`race: ${race?.activations.length ?? '?'} runs together ≥ 85% of one alone's samples/s`, ratio >= 0.85, `median ${percent(ratio)}`);
}

function statsTarget(stats: StatsCostResult | undefined): Target {
  const ratio = median(statsRatios(stats));
  return target('layer statistics sampled: ≥ 90% of the samples/s without', ratio >= 0.9, `median ${percent(ratio)}`);
}

/** The targets this run's options measure. */
export function checkedTargets(result: BenchResult, { raceOnly, statsOnly, firstStepOnly, profileOnly, noRace, batchSizes }: BenchOptions): Target[] {
  if (profileOnly) return [];
  if (raceOnly) return [raceTarget(result.race)];
  if (firstStepOnly) return [firstStepTarget(result)];
  if (statsOnly) return [statsTarget(result.statsCost)];
  return [...targets(result, batchSizes), ...(noRace ? [] : [raceTarget(result.race), statsTarget(result.statsCost)])];
}

/** Each target the first run checked, met only where every run checked and met it. */
export function heldOnEveryRun(runs: readonly (readonly Target[])[]): { name: string; met: boolean }[] {
  return (runs[0] ?? []).map(({ name }) => ({ name, met: runs.every((checks) => checks.some((t) => t.name === name && t.met)) }));
}
