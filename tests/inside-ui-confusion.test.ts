import { describe, expect, it } from 'vitest';
import { summariseConfusion, worstConfusions } from '../app/inside/confusion';

/** 100 counts: `diagonal` right per digit, plus the mistakes given. */
function matrix(diagonal: number, mistakes: [number, number, number][] = []): number[] {
  const flat = new Array(100).fill(0);
  for (let d = 0; d < 10; d++) flat[d * 11] = diagonal;
  for (const [a, p, n] of mistakes) flat[a * 10 + p] += n;
  return flat;
}

describe('the confusion matrix', () => {
  it('sums to the number of test images, and its diagonal over the total is the accuracy', () => {
    const summary = summariseConfusion(matrix(990, [[4, 9, 7], [3, 5, 3]]));
    expect(summary.total).toBe(9910);
    expect(summary.correct).toBe(9900);
    expect(summary.accuracy).toBe(9900 / 9910);
  });

  it('colours by row share and gives each digit its accuracy', () => {
    const summary = summariseConfusion(matrix(90, [[4, 9, 10]]));
    expect(summary.shares[4][9]).toBeCloseTo(0.1, 12);
    expect(summary.shares[4][4]).toBeCloseTo(0.9, 12);
    expect(summary.classAccuracy[4]).toBeCloseTo(0.9, 12);
    expect(summary.classAccuracy[0]).toBe(1);
    expect(summary.rowTotals[4]).toBe(100);
  });

  it('says NaN, not 0 %, for a digit with no images, and for an empty matrix', () => {
    const summary = summariseConfusion(new Array(100).fill(0));
    expect(summary.classAccuracy.every(Number.isNaN)).toBe(true);
    expect(summary.accuracy).toBeNaN();
    expect(summary.shares.flat().every((s) => s === 0)).toBe(true);
  });

  it('lists the worst confusions, largest first', () => {
    const summary = summariseConfusion(matrix(90, [[4, 9, 10], [7, 2, 12], [3, 5, 1]]));
    expect(worstConfusions(summary, 2)).toEqual([
      { actual: 7, predicted: 2, count: 12 },
      { actual: 4, predicted: 9, count: 10 },
    ]);
  });

  it('refuses anything but 100 counts', () => {
    expect(() => summariseConfusion([1, 2, 3])).toThrow(/100/);
  });
});
