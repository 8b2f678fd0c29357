import { describe, expect, it } from 'vitest';
import { thinnedXs } from '../app/components/chart/ChartTable';
import { chartXs, keyedX, NEWEST, readoutText } from '../app/components/chart/readout-cursor';
import type { DrawnSeries } from '../app/components/chart/chart-layout';

const series = (runId: string, name: string, points: [number, number][]): DrawnSeries => ({
  runId,
  name,
  color: '#000',
  loss: 'cross-entropy',
  points: points.map(([x, y]) => ({ x, y })),
  raw: [],
  perEpoch: false,
  lrMarks: [],
});

const a = series('a', 'ReLU', [[1, 2.3], [3, 1.5], [5, 0.75]]);
const b = series('b', 'Tanh', [[2, 2.1], [3, 1.25]]);

describe('the keyboard readout', () => {
  it('stops at every x of every run, once, in order', () => {
    expect(chartXs([a, b])).toEqual([1, 2, 3, 5]);
  });

  it('moves point by point, ten at a time, and to the ends, never past them', () => {
    const xs = [1, 2, 3, 5];
    expect(keyedX(xs, 2, 'ArrowRight')).toBe(3);
    expect(keyedX(xs, 2, 'ArrowLeft')).toBe(1);
    expect(keyedX(xs, 1, 'ArrowLeft')).toBe(1);
    expect(keyedX(xs, 5, 'ArrowRight')).toBe(5);
    expect(keyedX(xs, 2, 'PageUp')).toBe(5);
    expect(keyedX(xs, 3, 'Home')).toBe(1);
    expect(keyedX(xs, 1, 'End')).toBe(5);
    // An x between points (where a pointer left it) counts as the point before it.
    expect(keyedX(xs, 4, 'ArrowRight')).toBe(5);
  });

  it('starts at the newest point, and leaves other keys alone', () => {
    expect(keyedX([1, 2, 3], null, 'ArrowLeft')).toBe(3);
    expect(keyedX([1, 2, 3], null, 'Home')).toBe(1);
    expect(keyedX([1, 2, 3], 2, 'Tab')).toBeUndefined();
    expect(keyedX([], null, 'Tab')).toBeUndefined();
  });

  it('keeps a key pressed before the chart has drawn a point: the readout waits for the newest one', () => {
    // The chart draws in a transition and can lag the run: a key then is not lost (issue 16).
    expect(keyedX([], null, 'ArrowLeft')).toBe(NEWEST);
    expect(keyedX([], null, 'End')).toBe(NEWEST);
  });

  it('reads every run at x as one sentence, a run without a point yet included', () => {
    expect(readoutText([a, b], 1, 'train-loss', 'step')).toBe('step 1: ReLU 2.3; Tanh no value yet');
    expect(readoutText([a, b], 4, 'train-loss', 'step')).toBe('step 4: ReLU 1.5; Tanh 1.25');
  });
});

describe('the chart as a table', () => {
  it('keeps every row of a short history', () => {
    expect(thinnedXs([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it('thins a long history to every nth point and the last', () => {
    const xs = Array.from({ length: 1001 }, (_, i) => i);
    const rows = thinnedXs(xs, 60);
    expect(rows.length).toBeLessThanOrEqual(61);
    expect(rows[0]).toBe(0);
    expect(rows.at(-1)).toBe(1000);
    const gaps = new Set(rows.slice(1, -1).map((x, i) => x - rows[i]));
    expect(gaps.size).toBe(1);
  });
});
