import { describe, expect, it } from 'vitest';
import { BLOWUP_FACTOR, DivergenceWatch } from '../app/divergence';
import { appendLosses, EMPTY_HISTORY, linearAxis, logAxis, pointAt, truncateLosses } from '../app/loss-history';

const watched = (losses: number[]) => {
  const watch = new DivergenceWatch();
  return losses.map((loss) => watch.observe(loss));
};

describe('divergence', () => {
  it('is NaN or an infinite loss at once', () => {
    expect(watched([2.3, NaN])).toEqual([null, 'the training loss became NaN']);
    expect(watched([Infinity])).toEqual(['the training loss became Infinity']);
  });

  it('is a loss beyond a million at once, said in the message', () => {
    expect(watched([2.3, 12_500_000])[1]).toBe('the training loss reached 1.25e+7');
  });

  it('is a loss that stays far above the untrained model’s (what SGD at learning rate 50 does on MNIST)', () => {
    // Losses read back every ten steps of that run: millions first, then stuck around 20.
    const seen = watched([2.32, 23.6, 19.3, 16.2]);
    expect(seen.slice(0, 2)).toEqual([null, null]);
    expect(seen[2]).toBe(`the training loss stayed above ${BLOWUP_FACTOR}× the untrained model's 2.32 (last 19.3)`);
  });

  it('is not one bad batch, nor a run that learns', () => {
    expect(watched([2.3, 11, 2.1, 1.2, 0.6, 0.3, 0.05, 0.9])).toEqual(Array(8).fill(null));
  });

  it('trusts no checkpoint while a blow-up may be starting, and forgets it after a rollback', () => {
    const watch = new DivergenceWatch();
    watch.observe(2.3);
    watch.observe(30);
    expect(watch.calm).toBe(false);
    watch.forgetRecent();
    expect(watch.calm).toBe(true);
    expect(watch.observe(30)).toBeNull();
  });
});

describe('loss history after a restore', () => {
  const history = appendLosses(EMPTY_HISTORY, [1, 2, 3, 4, 5].map((step) => ({ step: step * 10, loss: 6 - step })));

  it('keeps the points up to the checkpoint, smoothed as if the later ones never came', () => {
    const truncated = truncateLosses(history, 30);
    expect(truncated).toEqual(appendLosses(EMPTY_HISTORY, [10, 20, 30].map((step) => ({ step, loss: 6 - step / 10 }))));
  });

  it('is unchanged when nothing came after the checkpoint', () => {
    expect(truncateLosses(history, 50)).toBe(history);
  });
});

describe('chart axes', () => {
  it('put about the asked number of ticks at round values, covering the data', () => {
    expect(linearAxis(0, 937, 6)).toEqual({ domain: [0, 1000], ticks: [0, 200, 400, 600, 800, 1000] });
    expect(linearAxis(0.083, 2.41, 5)).toEqual({ domain: [0, 2.5], ticks: [0, 0.5, 1, 1.5, 2, 2.5] });
    expect(linearAxis(0.31, 0.37, 5).ticks).toEqual([0.3, 0.32, 0.34, 0.36, 0.38]);
    expect(linearAxis(0, 100, 5).ticks).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('give a flat series some room', () => {
    const { domain, ticks } = linearAxis(2, 2, 5);
    expect(domain[0]).toBeLessThan(2);
    expect(domain[1]).toBeGreaterThan(2);
    expect(ticks.length).toBeGreaterThan(1);
  });

  it('on a log scale, span whole decades', () => {
    expect(logAxis(0.03, 2.3)).toEqual({ domain: [0.01, 10], ticks: [0.01, 0.1, 1, 10] });
    expect(logAxis(0.5, 0.6).ticks).toEqual([0.1, 1]);
  });
});

describe('the chart readout', () => {
  const points = [10, 20, 30, 40, 50].map((step) => ({ step }));

  it('finds the last point at or before the pointer’s step', () => {
    expect(pointAt(points, 30)).toEqual({ step: 30 });
    expect(pointAt(points, 39.9)).toEqual({ step: 30 });
    expect(pointAt(points, 1e9)).toEqual({ step: 50 });
    expect(pointAt(points, 10)).toEqual({ step: 10 });
    for (let step = 10; step < 60; step++) expect(pointAt(points, step)?.step).toBe(points.filter((p) => p.step <= step).at(-1)?.step);
  });

  it('finds nothing before the first point, or in no points', () => {
    expect(pointAt(points, 9)).toBeUndefined();
    expect(pointAt([], 100)).toBeUndefined();
  });
});
