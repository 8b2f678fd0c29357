// The chart's smoothing: an exponential moving average debiased at the start, as TensorBoard's.
import { describe, expect, it } from 'vitest';
import { MAX_SMOOTHING, smooth } from '../app/runs/smoothing';

describe('smoothing', () => {
  it('is the debiased moving average: s_n = a_n / (1 − wⁿ), a_n = w·a_(n−1) + (1 − w)·x_n', () => {
    const w = 0.6;
    const [x1, x2, x3] = [2, 1, 4];
    const a1 = (1 - w) * x1;
    const a2 = w * a1 + (1 - w) * x2;
    const a3 = w * a2 + (1 - w) * x3;
    const expected = [a1 / (1 - w), a2 / (1 - w ** 2), a3 / (1 - w ** 3)];
    smooth([x1, x2, x3], w).forEach((value, i) => expect(value).toBeCloseTo(expected[i], 12));
  });

  it('starts at the first value, not near zero, however heavy', () => {
    expect(smooth([5, 5, 5], 0.99)).toEqual([5, 5, 5].map(() => expect.closeTo(5, 10)));
    expect(smooth([3], 0.9)[0]).toBeCloseTo(3, 12);
  });

  it('is the raw values at weight 0, and clamps a weight out of range', () => {
    const values = [0.3, 2.5, 1, 7];
    expect(smooth(values, 0)).toEqual(values);
    expect(smooth(values, -1)).toEqual(values);
    expect(smooth(values, NaN)).toEqual(values);
    expect(smooth(values, 5)).toEqual(smooth(values, MAX_SMOOTHING));
    expect(smooth(values, 5)).not.toEqual(values);
  });

  it('keeps a value that is not finite as NaN, out of the average', () => {
    const w = 0.5;
    const withGaps = smooth([1, NaN, 3, Infinity, -Infinity, 5], w);
    const without = smooth([1, 3, 5], w);
    expect(withGaps.map(Number.isNaN)).toEqual([false, true, false, true, true, false]);
    expect([withGaps[0], withGaps[2], withGaps[5]]).toEqual(without);
  });

  it('gives as many values as it was given', () => {
    expect(smooth([], 0.6)).toEqual([]);
    expect(smooth(Array.from({ length: 500 }, (_, i) => Math.sin(i)), 0.95)).toHaveLength(500);
  });
});
