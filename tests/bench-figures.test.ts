// The bench's arithmetic (bench/spread.ts), the figures its report derives (bench/report.ts) and its
// targets (bench/targets.ts).
import { describe, expect, it } from 'vitest';
import { bestGradlab, bestTorch, gradlabOverTorch, ratioOf, reportLines, runnerLabel, stepOverMatmul } from '../bench/report';
import type { BenchOptions, BenchResult, Target } from '../bench/results';
import { alternation, median, ratiosByRepetition, spreadOf, spreadText, stepsToFill } from '../bench/spread';
import { checkedTargets, heldOnEveryRun, targets } from '../bench/targets';
import { executedFlopsPerSample } from '../gpu/train/throughput';

describe('median and spread', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('gives the extremes beside the median, NaN for no figures', () => {
    expect(spreadOf([10, 30, 12])).toEqual({ median: 12, min: 10, max: 30 });
    expect(Object.values(spreadOf([]))).toEqual([NaN, NaN, NaN]);
  });

  it('prints median [min–max], one figure alone, a dash for none', () => {
    expect(spreadText([3, 1, 2], (v) => v.toFixed(1))).toBe('2.0 [1.0–3.0]');
    expect(spreadText([7], String)).toBe('7');
    expect(spreadText(undefined, String)).toBe('—');
  });
});

describe('ratios by repetition', () => {
  it('divides figures of the same round, and leaves out rounds one side lacks', () => {
    expect(ratiosByRepetition([10, 20, 30], [5, 10])).toEqual([2, 2]);
  });
});

describe('executed FLOPs', () => {
  it('counts forward and weight gradient for the first layer, and the input gradient too for the others', () => {
    // 784-128-10: 2·784·128 + 3·128·10 multiply-adds, 2 FLOPs each.
    expect(executedFlopsPerSample([784, 128, 10])).toBe(2 * (2 * 784 * 128 + 3 * 128 * 10));
    expect(executedFlopsPerSample([784, 128, 10]) / (6 * (784 * 128 + 128 * 10))).toBeCloseTo(0.671, 3);
  });

  it('counts a single layer without any input gradient', () => {
    expect(executedFlopsPerSample([4, 3])).toBe(2 * 2 * 12);
  });
});

describe('run lengths and order', () => {
  it('fills the window in whole read-back periods once there are enough steps, and never fewer than 1', () => {
    expect(stepsToFill(1000, 7, 10)).toBe(140);
    expect(stepsToFill(1000, 300, 10)).toBe(3);
    expect(stepsToFill(1000, 5000, 10)).toBe(1);
  });

  it('runs every contender once a repetition, in turn', () => {
    expect(alternation(['a', 'b'], 2).map(({ contender, repetition }) => `${contender}${repetition}`)).toEqual(['a0', 'b0', 'a1', 'b1']);
  });
});

function result(samplesPerSec: BenchResult['samplesPerSec'], extra: Partial<BenchResult> = {}): BenchResult {
  return {
    samplesPerSec,
    flopsPerSample: 1e6,
    matmul1024Gflops: [10, 8, 10],
    threads: 2,
    threadsOf: { 'gradlab-wasm-1': 1, 'gradlab-wasm-n': 2, 'tfjs-wasm-1': 1, 'tfjs-wasm-n': 2, 'pytorch-n': 2, 'pytorch-1': 1 },
    auto: null,
    timeToFirstStepMs: { 'gradlab-webgpu': [250, 400, 280] },
    pytorch: { torch: '1.13', blas: 'openblas-pthread/libblas.so.3', referenceBlas: false },
    torchSamplesPerSec: { 'pytorch-n': { 1024: [40_000, 50_000, 40_000] }, 'pytorch-1': { 1024: [80_000, 80_000, 100_000] } },
    ...extra,
  } as BenchResult;
}

const figures = result({
  'gradlab-webgpu': { live: { 1024: [9000, 8000, 8500] }, strict: { 1024: [8000, 8000, 8000] } },
  'gradlab-wasm-1': { live: { 1024: [12_000, 11_000, 13_000] }, strict: { 1024: [10_000, 10_000, 10_000] } },
  'gradlab-wasm-n': { live: { 1024: [20_000, 21_000, 19_000] }, strict: { 1024: [20_000, 20_000, 20_000] } },
  auto: { live: { 1024: [20_000, 20_000, 20_000] }, strict: { 1024: [19_000, 19_000, 19_000] } },
  'tfjs-wasm-n': { live: { 1024: [10_000, 10_000, 10_000] }, strict: { 1024: [10_000, 10_000, 10_000] } },
  'tfjs-wasm-1': { live: { 1024: [12_000, 12_000, 12_000] }, strict: { 1024: [12_000, 12_000, 12_000] } },
});

describe('the report’s figures', () => {
  it('takes ratios round by round', () => {
    expect(ratioOf(figures, 'gradlab-wasm-n', 'tfjs-wasm-n', 'live', 1024)).toEqual([2, 2.1, 1.9]);
  });

  it('finds the fastest gradlab runner, and PyTorch at its best, by their medians', () => {
    expect(bestGradlab(figures, 1024)).toBe('gradlab-wasm-n');
    expect(bestGradlab(figures, 64)).toBeNull();
    expect(bestTorch(figures, 1024)).toBe('pytorch-1');
    expect(bestTorch(figures, 64)).toBeNull();
  });

  it('sets the best gradlab runner against the best PyTorch row, round by round', () => {
    expect(gradlabOverTorch(figures, 'live', 1024)).toEqual([0.25, 21_000 / 80_000, 0.19]);
    expect(gradlabOverTorch(figures, 'live', 64)).toEqual([]);
  });

  it('sets the WebGPU step’s executed GFLOP/s against the matmul’s of the same round', () => {
    expect(stepOverMatmul(figures, 'live', 1024)).toEqual([0.9, 1, 0.85]);
  });

  it('prints each CPU row with the threads it ran on', () => {
    expect(runnerLabel('tfjs-wasm-n', figures)).toBe('tfjs-wasm (2 threads)');
    expect(runnerLabel('tfjs-wasm-1', figures)).toBe('tfjs-wasm (1 thread)');
    expect(runnerLabel('pytorch-n', figures)).toBe('PyTorch native (2 threads)');
    expect(runnerLabel('gradlab-webgpu', figures)).toBe('gradlab-webgpu');
    expect(runnerLabel('auto', { ...figures, auto: { kind: 'wasm', adapter: 'WebAssembly SIMD (1 thread)', reason: '' } })).toBe(
      'Auto (took WebAssembly SIMD (1 thread))',
    );
  });

  it('prints PyTorch’s one figure in both columns, marked, beside the browser’s rows', () => {
    const printed: BenchResult = { ...figures, userAgent: 'HeadlessChrome/156.0', date: '', loadAverage: [1, 1], repetitions: 3, windowMs: 2000, gradlabAllCompiledMs: [] };
    const lines = reportLines(printed, [1024]);
    const row = (label: string) => lines.find((line) => line.startsWith(label))?.split(/\s{3,}/);
    expect(row('PyTorch native (1 thread)*')).toEqual(['PyTorch native (1 thread)*', '80,000 [80,000–100,000]', '80,000 [80,000–100,000]']);
    expect(row('tfjs-wasm (2 threads)')).toEqual(['tfjs-wasm (2 threads)', '10,000 [10,000–10,000]', '10,000 [10,000–10,000]']);
    expect(row('best gradlab (gradlab-wasm (2 threads)) ÷ PyTorch native (1 thread)')?.[1]).toBe('25% [19%–26%]');
  });
});

describe('the targets', () => {
  const met = (checks: Target[]) => Object.fromEntries(checks.map(({ name, met: ok }) => [name, ok]));

  it('checks each on the medians, each wasm row against TF.js wasm at its own thread count', () => {
    expect(met(targets(figures, [1024]))).toEqual({
      'Auto ≥ 2× tfjs-wasm (either thread count) at every batch, live and strict': false,
      'wasm 2 threads ≥ tfjs-wasm 2 threads at every batch': true,
      'wasm 1 thread ≥ 0.8× tfjs-wasm 1 thread at every batch': true,
      'batch 1024: best gradlab ≥ 25% of native PyTorch at its best, live': true,
      'batch 1024: WebGPU step ≥ 85% of own matmul 1024³, executed GFLOP/s, live': true,
      'WebGPU time to first step ≤ 0.3 s': true,
    });
  });

  it('misses the PyTorch target where there are no PyTorch rows, and says so in its figure', () => {
    const [, , , torch] = targets(result(figures.samplesPerSec, { pytorch: { missing: 'no torch' }, torchSamplesPerSec: {} }), [1024]);
    expect(torch.met).toBe(false);
    expect(torch.figure).toContain('—');
  });

  it('misses the PyTorch target against PyTorch on the reference BLAS, however far ahead gradlab is', () => {
    const pytorch = { torch: '1.13', blas: 'blas/libblas.so.3.11.0', referenceBlas: true };
    const [, , , torch] = targets({ ...figures, pytorch }, [1024]);
    expect(torch.met).toBe(false);
    expect(torch.figure).toContain('reference BLAS');
    const printed: BenchResult = { ...figures, pytorch, userAgent: 'HeadlessChrome/156.0', date: '', loadAverage: [1, 1], repetitions: 3, windowMs: 2000, gradlabAllCompiledMs: [] };
    expect(reportLines(printed, [1024]).join('\n')).toContain('libopenblas0-pthread');
  });

  it('checks only the rows the options measured', () => {
    const options = { raceOnly: false, statsOnly: false, noRace: false, batchSizes: [1024] } as BenchOptions;
    expect(checkedTargets(figures, options)).toHaveLength(8);
    expect(checkedTargets(figures, { ...options, noRace: true })).toHaveLength(6);
    expect(checkedTargets(figures, { ...options, raceOnly: true }).map((t) => t.name)).toEqual([expect.stringMatching(/^race:/)]);
    expect(checkedTargets(figures, { ...options, profileOnly: true })).toEqual([]);
  });

  it('holds a target only where every run met it', () => {
    const run = (a: boolean, b: boolean): Target[] => [
      { name: 'a', met: a, figure: '' },
      { name: 'b', met: b, figure: '' },
    ];
    expect(heldOnEveryRun([run(true, true), run(true, false)])).toEqual([
      { name: 'a', met: true },
      { name: 'b', met: false },
    ]);
    expect(heldOnEveryRun([run(true, true), [{ name: 'b', met: true, figure: '' }]])).toEqual([
      { name: 'a', met: false },
      { name: 'b', met: true },
    ]);
    expect(heldOnEveryRun([])).toEqual([]);
  });
});
