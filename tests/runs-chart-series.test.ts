// What the chart draws of each run, and how a run's points stay few however long it trains.
import { describe, expect, it } from 'vitest';
import { samplesSeen } from '../gpu';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import type { EpochResult, LossPoint } from '../app/protocol';
import { defaultMetric, lossesComparable, pointAtX, seriesFor, type RunHistory } from '../app/runs/chart-series';
import { appendPoints, EMPTY_POINTS, MAX_POINTS, pointsUpTo } from '../app/runs/point-history';
import { smooth } from '../app/runs/smoothing';

const point = (step: number, loss = 2 - step / 1000, accuracy = step / 1000): LossPoint => ({ step, loss, accuracy, seconds: step / 50 });
const epoch = (n: number, step: number): EpochResult => ({ epoch: n, step, testAccuracy: 0.8 + n / 100, testLoss: 0.5 - n / 10, seconds: step / 50 });

/** 469 steps an epoch: 60 000 samples in batches of 128, the last one short. */
const run: RunHistory = {
  config: APP_DEFAULT_CONFIG,
  points: [10, 20, 30, 469, 470].map((step) => point(step)),
  epochs: [epoch(1, 469)],
  stepsPerEpoch: 469,
  trainCount: 60_000,
};

describe('chart series', () => {
  it('put the training loss over steps, smoothed as asked', () => {
    const series = seriesFor(run, 'train-loss', 'step', 0.6);
    expect(series.map((p) => p.x)).toEqual([10, 20, 30, 469, 470]);
    expect(series.map((p) => p.y)).toEqual(smooth(run.points.map((p) => p.loss), 0.6));
    expect(seriesFor(run, 'train-loss', 'step', 0).map((p) => p.y)).toEqual(run.points.map((p) => p.loss));
  });

  it('give accuracies in percent, test figures unsmoothed', () => {
    expect(seriesFor(run, 'train-accuracy', 'step', 0).map((p) => p.y)).toEqual(run.points.map((p) => 100 * p.accuracy));
    expect(seriesFor(run, 'test-accuracy', 'step', 0.9)).toEqual([{ x: 469, y: 100 * run.epochs[0].testAccuracy }]);
    expect(seriesFor(run, 'test-loss', 'epoch', 0.9)).toEqual([{ x: 1, y: run.epochs[0].testLoss }]);
  });

  it('put each point at its epoch, samples seen or training time', () => {
    expect(seriesFor(run, 'train-loss', 'epoch', 0).map((p) => p.x)).toEqual(run.points.map((p) => p.step / 469));
    const samples = seriesFor(run, 'train-loss', 'samples', 0).map((p) => p.x);
    expect(samples).toEqual(run.points.map((p) => samplesSeen(p.step, 128, 60_000)));
    expect(samples.slice(-2), 'an epoch is every sample once, the last batch short').toEqual([60_000, 60_128]);
    expect(seriesFor(run, 'train-loss', 'seconds', 0).map((p) => p.x)).toEqual(run.points.map((p) => p.seconds));
  });

  it('leave out what cannot be drawn: a NaN loss', () => {
    const diverging = { ...run, points: [point(10), point(20, NaN), point(30, Infinity), point(40)] };
    expect(seriesFor(diverging, 'train-loss', 'step', 0.5).map((p) => p.x)).toEqual([10, 40]);
    expect(seriesFor(diverging, 'train-accuracy', 'step', 0.5).map((p) => p.x), 'the accuracy is a number still').toEqual([10, 20, 30, 40]);
  });

  it('say losses cannot be compared across kinds, and choose test accuracy then', () => {
    const mse = { config: { ...APP_DEFAULT_CONFIG, loss: 'mse' as const } };
    expect(lossesComparable([])).toBe(true);
    expect(lossesComparable([run, run])).toBe(true);
    expect(lossesComparable([run, mse])).toBe(false);
    expect(defaultMetric([run])).toBe('train-loss');
    expect(defaultMetric([run, mse])).toBe('test-accuracy');
  });

  it('find the readout’s point: the last at or before the pointer', () => {
    const series = [10, 20, 30].map((x) => ({ x, y: x / 10 }));
    for (let x = 0; x < 40; x += 0.5) expect(pointAtX(series, x)).toBe(series.filter((p) => p.x <= x).at(-1));
    expect(pointAtX([], 5)).toBeUndefined();
  });
});

describe('a run’s points', () => {
  const steps = (history: { points: LossPoint[] }) => history.points.map((p) => p.step);

  it('are all kept while few, and thinned evenly by step beyond MAX_POINTS, the latest always kept', () => {
    let history = EMPTY_POINTS;
    for (let step = 10; step <= 10 * (MAX_POINTS + 1); step += 10) history = appendPoints(history, [point(step)]);
    expect(history.points.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(history.points.length).toBeGreaterThan(MAX_POINTS / 4);
    const gaps = new Set(steps(history).slice(1, -1).map((step, i) => step - steps(history)[i]));
    expect(gaps.size, 'even spacing but for the latest').toBe(1);
    expect(steps(history).at(-1)).toBe(10 * (MAX_POINTS + 1));
    let long = history;
    // As progress reports bring them: ten points a message.
    for (let step = 10 * (MAX_POINTS + 2); step <= 200_000; step += 100) long = appendPoints(long, Array.from({ length: 10 }, (_, i) => point(step + 10 * i)).filter((p) => p.step <= 200_000));
    expect(long.points.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(steps(long).at(-1)).toBe(200_000);
    for (const step of steps(long).slice(0, -1)) expect(step % long.grid).toBe(0);
    expect(new Set(steps(long).slice(1, -1).map((step, i) => step - steps(long)[i])).size).toBe(1);
  });

  it('replace an off-grid latest point by the next one', () => {
    const history = { points: [point(4), point(8), point(10)], grid: 4 };
    expect(steps(appendPoints(history, [point(12), point(14)]))).toEqual([4, 8, 12, 14]);
    expect(appendPoints(history, [])).toBe(history);
  });

  it('go back to a checkpoint’s step, keeping the grid', () => {
    const history = { points: [10, 20, 30, 40].map((step) => point(step)), grid: 2 };
    expect(pointsUpTo(history, 25)).toEqual({ points: history.points.slice(0, 2), grid: 2 });
    expect(pointsUpTo(history, 40)).toBe(history);
  });
});
