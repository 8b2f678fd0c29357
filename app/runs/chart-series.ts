// What the chart draws of a run: one metric against one x axis, as plain {x, y} points.
import { samplesSeen, type TrainConfig } from '../../gpu';
import type { EpochResult, LossPoint } from '../protocol';
import { smooth } from './smoothing';

export type ChartMetric = 'train-loss' | 'train-accuracy' | 'test-loss' | 'test-accuracy';
export type ChartXAxis = 'step' | 'epoch' | 'samples' | 'seconds';

/** What a series is made from: a run's history and the figures its x axes need. */
export interface RunHistory {
  config: TrainConfig;
  points: readonly LossPoint[];
  epochs: readonly EpochResult[];
  stepsPerEpoch: number;
  trainCount: number;
}

export interface SeriesPoint {
  x: number;
  y: number;
}

export const isAccuracy = (metric: ChartMetric) => metric === 'train-accuracy' || metric === 'test-accuracy';

/** Where a step lies on the x axis; a point's time comes with it, as the worker measured it. */
export function xOf(run: RunHistory, xAxis: ChartXAxis, step: number, seconds: number): number {
  switch (xAxis) {
    case 'step':
      return step;
    case 'epoch':
      return run.stepsPerEpoch > 0 ? step / run.stepsPerEpoch : 0;
    case 'samples':
      return run.trainCount > 0 ? samplesSeen(step, run.config.batchSize, run.trainCount) : step * run.config.batchSize;
    case 'seconds':
      return seconds;
  }
}

/**
 * The run's `metric` over `xAxis`, accuracies in percent. Training figures, one batch each, are
 * smoothed with `smoothing`; test figures, each over the whole test set once an epoch, are not.
 * Points whose value is not a number (a diverged step) are left out: they cannot be drawn.
 */
export function seriesFor(run: RunHistory, metric: ChartMetric, xAxis: ChartXAxis, smoothing: number): SeriesPoint[] {
  const scale = isAccuracy(metric) ? 100 : 1;
  const source: readonly (LossPoint | EpochResult)[] = metric === 'train-loss' || metric === 'train-accuracy' ? run.points : run.epochs;
  const raw = source.map((point) => scale * valueOf(point, metric));
  const values = metric === 'train-loss' || metric === 'train-accuracy' ? smooth(raw, smoothing) : raw;
  const series: SeriesPoint[] = [];
  source.forEach((point, i) => {
    if (Number.isFinite(values[i])) series.push({ x: xOf(run, xAxis, point.step, point.seconds), y: values[i] });
  });
  return series;
}

function valueOf(point: LossPoint | EpochResult, metric: ChartMetric): number {
  if ('loss' in point) return metric === 'train-loss' ? point.loss : point.accuracy;
  return metric === 'test-loss' ? point.testLoss : point.testAccuracy;
}

/** Losses of different kinds are on different scales (MSE on softmax is ~50× below cross-entropy). */
export const lossesComparable = (runs: readonly { config: TrainConfig }[]) => new Set(runs.map((run) => run.config.loss)).size <= 1;

/** Training loss, unless the runs' losses cannot be compared: then test accuracy, which can. */
export const defaultMetric = (runs: readonly { config: TrainConfig }[]): ChartMetric => (lossesComparable(runs) ? 'train-loss' : 'test-accuracy');

/** The last point of `series` (sorted by x) at or before `x`: what the readout shows as the pointer moves. */
export function pointAtX(series: readonly SeriesPoint[], x: number): SeriesPoint | undefined {
  let low = -1;
  let high = series.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (series[middle].x <= x) low = middle;
    else high = middle - 1;
  }
  return low >= 0 ? series[low] : undefined;
}
