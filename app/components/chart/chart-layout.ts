// What the runs chart draws, as plain data: each visible run's series (smoothed, cleaned for the
// scale, decimated) and the axes they are drawn on. Kept apart from React so it can be tested.
import type { LossName } from '../../../gpu';
import { BLOWUP_FACTOR } from '../../divergence';
import { decimate, linearAxis, logAxis, type Axis } from '../../runs/chart-axes';
import type { RunId } from '../../protocol';
import { isAccuracy, seriesFor, xOf, type ChartMetric, type ChartXAxis, type SeriesPoint } from '../../runs/chart-series';
import type { RunRecord } from '../../state/run-record';
import { messages, type Catalogue } from '../../i18n/messages';

/** More points than this a series cost drawing time and show nothing more at chart width. */
export const MAX_DRAWN_POINTS = 200;
/** About this many ticks on each axis. */
const X_TICKS = 6;
const Y_TICKS = 5;

export type XY = SeriesPoint;

export interface DrawnSeries {
  runId: RunId;
  /** Short: only the settings that tell it from the other runs shown (see short-names.ts). */
  name: string;
  color: string;
  /** What its losses are measured in (the y axis names it). */
  loss: LossName;
  /** The metric, smoothed where it is a training metric: the line that is read out. */
  points: XY[];
  /** The raw values under it, faint, where smoothing changes anything; else empty. */
  raw: XY[];
  /** Test metrics have one point per epoch, drawn with dots. */
  perEpoch: boolean;
  /** Each change of the run's learning rate, a vertical mark where it took effect. */
  lrMarks: LrMark[];
}

export interface LrMark {
  x: number;
  step: number;
  /** "lr 0.001 → 0.0001" */
  label: string;
}

/** The run's time at `step`: that of its last point up to it (the worker timed the points, not the changes). */
function secondsAt(points: RunRecord['points'], step: number): number {
  let seconds = 0;
  for (const point of points) {
    if (point.step > step) break;
    seconds = point.seconds;
  }
  return seconds;
}

/** Where each change of the run's learning rate lies on the x axis. */
export function lrMarks(
  run: Pick<RunRecord, 'lrChanges' | 'points' | 'config' | 'epochs' | 'stepsPerEpoch' | 'trainCount'>,
  xAxis: ChartXAxis,
  t: Catalogue = messages(),
): LrMark[] {
  return run.lrChanges.map((change) => ({ x: xOf(run, xAxis, change.step, secondsAt(run.points, change.step)), step: change.step, label: t.chart.lrChange(change.from, change.to) }));
}

export const isPerEpoch = (metric: ChartMetric) => metric === 'test-loss' || metric === 'test-accuracy';

/** Points that can be drawn: finite, and above zero on a log scale; at most MAX_DRAWN_POINTS. */
function drawable(points: readonly XY[], logScale: boolean): XY[] {
  const kept = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!logScale || p.y > 0));
  return decimate(kept, MAX_DRAWN_POINTS);
}

export function drawnSeries(
  run: RunRecord,
  name: string,
  metric: ChartMetric,
  xAxis: ChartXAxis,
  smoothing: number,
  logScale: boolean,
): DrawnSeries {
  const perEpoch = isPerEpoch(metric);
  const smoothed = !perEpoch && smoothing > 0;
  return {
    runId: run.id,
    name,
    color: run.color,
    loss: run.config.loss,
    points: drawable(seriesFor(run, metric, xAxis, perEpoch ? 0 : smoothing), logScale),
    raw: smoothed ? drawable(seriesFor(run, metric, xAxis, 0), logScale) : [],
    perEpoch,
    lrMarks: lrMarks(run, xAxis),
  };
}

/** Where a run's x axis ends once it has trained all its epochs; 0 where that is not known ahead (time). */
export function plannedEnd(run: Pick<RunRecord, 'config' | 'stepsPerEpoch' | 'trainCount'>, xAxis: ChartXAxis): number {
  switch (xAxis) {
    case 'step':
      return run.stepsPerEpoch * run.config.epochs;
    case 'epoch':
      return run.config.epochs;
    case 'samples':
      return run.trainCount * run.config.epochs;
    case 'seconds':
      return 0;
  }
}

/**
 * A loss this many times the highest a run started from is off the chart: one diverged run (its
 * loss in the millions) would otherwise flatten every other curve to the x axis. It is where a run
 * counts as blown up.
 */
export const OFF_CHART_FACTOR = BLOWUP_FACTOR;

export interface ChartAxes {
  xAxis: Axis;
  yAxis: Axis;
  /** Some values are above the y axis: cut off at the top of the plot. */
  clipped: boolean;
}

/**
 * The x axis spans every run from the start to its planned end, so the curves fill it in as they
 * train and its ticks (for which recharts redraws the whole chart) rarely change. The y axis of a
 * loss starts at zero (at the lowest decade on a log scale) and ends above the highest value, but
 * below OFF_CHART_FACTOR times the highest first value; that of an accuracy (in percent) ends at
 * 100 and starts at a round value below the lowest point.
 */
export function chartAxes(series: readonly DrawnSeries[], ends: readonly number[], metric: ChartMetric, logScale: boolean): ChartAxes {
  let lastX = Math.max(1, ...ends);
  let low = Infinity;
  let high = -Infinity;
  let highestStart = -Infinity;
  for (const { points, raw } of series) {
    highestStart = Math.max(highestStart, (raw[0] ?? points[0])?.y ?? -Infinity);
    for (const line of [points, raw]) {
      for (const { x, y } of line) {
        if (x > lastX) lastX = x;
        if (y < low) low = y;
        if (y > high) high = y;
      }
    }
  }
  const xAxis = linearAxis(0, lastX, X_TICKS);
  if (low > high) return { xAxis, yAxis: isAccuracy(metric) ? linearAxis(0, 100, Y_TICKS) : logScale ? logAxis(0.1, 10) : linearAxis(0, 1, Y_TICKS), clipped: false };
  if (isAccuracy(metric)) {
    const bottom = Math.min(low, 99);
    return { xAxis, yAxis: logScale ? logAxis(Math.max(bottom, 0.01), 100) : linearAxis(bottom, 100, Y_TICKS), clipped: false };
  }
  const top = highestStart > 0 ? Math.min(high, OFF_CHART_FACTOR * highestStart) : high;
  const yAxis = logScale ? logAxis(low, top) : linearAxis(0, top, Y_TICKS);
  return { xAxis, yAxis, clipped: high > yAxis.domain[1] };
}
