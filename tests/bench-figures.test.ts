// The bench's arithmetic (bench/spread.ts) and the figures its report derives (bench/report.ts).
import { describe, expect, it } from 'vitest';
import { bestGradlab, ratioOf, spreadText, stepOverMatmul, targets } from '../bench/report';
import type { BenchResult } from '../bench/results';
import { alternation, median, ratiosByRepetition, spreadOf, stepsToFill } from '../bench/spread';
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
  it('fills the window in whole read-back periods once there are enough steps, and never fewer than 2', () => {
    expect(stepsToFill(1000, 7, 10)).toBe(140);
    expect(stepsToFill(1000, 300, 10)).toBe(3);
    expect(stepsToFill(1000, 5000, 10)).toBe(2);
  });

  it('runs every contender once a repetition, in turn', () => {
    expect(alternation(['a', 'b'], 2).map(({ contender, repetition }) => `${contender}${repetition}`)).toEqual(['a0', 'b0', 'a1', 'b1']);
  });
});

function result(samplesPerSec: BenchResult['samplesPerSec'], extra: Partial<BenchResult> = {}): BenchResult {
  return {
    samplesPerSec,
    flopsPerSample: 1e6,
    matmul1024Gflops: 10,
    threads: 2,
    timeToFirstStepMs: { 'gradlab-webgpu': [250, 400, 280] },
    pytorch: { torch: '1.13', blas: 'generic', threads: 2, samplesPerSec: { 1024: [40_000, 40_000, 40_000] } },
    ...extra,
  } as BenchResult;
}

describe('the report’s figures', () => {
  const figures = result({
    'gradlab-webgpu': { live: { 1024: [9000, 8000, 8500] }, strict: { 1024: [8000, 8000, 8000] } },
    'gradlab-wasm-1': { live: { 1024: [12_000, 11_000, 13_000] }, strict: { 1024: [10_000, 10_000, 10_000] } },
    'gradlab-wasm-n': { live: { 1024: [20_000, 21_000, 19_000] }, strict: { 1024: [20_000, 20_000, 20_000] } },
    auto: { live: { 1024: [20_000, 20_000, 20_000] }, strict: { 1024: [19_000, 19_000, 19_000] } },
    'tfjs-wasm': { live: { 1024: [10_000, 10_000, 10_000] }, strict: { 1024: [10_000, 10_000, 10_000] } },
  });

  it('takes ratios round by round', () => {
    expect(ratioOf(figures, 'gradlab-wasm-n', 'tfjs-wasm', 'live', 1024)).toEqual([2, 2.1, 1.9]);
  });

  it('finds the fastest gradlab runner by its median', () => {
    expect(bestGradlab(figures, 1024)).toBe('gradlab-wasm-n');
    expect(bestGradlab(figures, 64)).toBeNull();
  });

  it('sets the WebGPU step’s executed GFLOP/s against the matmul’s', () => {
    expect(stepOverMatmul(figures, 'live', 1024)).toEqual([0.9, 0.8, 0.85]);
  });

  it('checks each target on the medians', () => {
    const met = Object.fromEntries(targets(figures, [1024]).map(([ok, text]) => [text.split(' (')[0], ok]));
    expect(met).toEqual({
      'Auto ≥ 2× tfjs-wasm at every batch, live and strict': false,
      'wasm 2 threads ≥ tfjs-wasm at every batch': true,
      'wasm 1 thread ≥ 0.8× tfjs-wasm at every batch': true,
      'batch 1024: best gradlab ≥ 25% of native PyTorch': true,
      'batch 1024: WebGPU step ≥ 85% of own matmul 1024³, executed GFLOP/s, live': true,
      'WebGPU time to first step ≤ 0.3 s': true,
    });
  });

  it('misses the PyTorch target where there is no PyTorch row', () => {
    const [, , , [ok, text]] = targets(result(figures.samplesPerSec, { pytorch: { missing: 'no torch' } }), [1024]);
    expect(ok).toBe(false);
    expect(text).toContain('—');
  });
});
