// What the loss chart draws, kept apart from React so it can be tested and reasoned about alone.
import type { LossPoint } from './protocol';

export interface SmoothedPoint extends LossPoint {
  smoothed: number;
}

export interface LossHistory {
  points: SmoothedPoint[];
  /** The running average before bias correction, and how many points went into it. */
  average: number;
  count: number;
}

export const EMPTY_HISTORY: LossHistory = { points: [], average: 0, count: 0 };

const SMOOTHING = 0.95;

/**
 * Appends losses with an exponential moving average, bias-corrected like TensorBoard's so the line
 * does not start at zero. A NaN or infinite loss (a diverged run) is left out: it cannot be drawn
 * and would poison the average.
 */
export function appendLosses(history: LossHistory, incoming: readonly LossPoint[]): LossHistory {
  let { average, count } = history;
  const added: SmoothedPoint[] = [];
  for (const point of incoming) {
    if (!Number.isFinite(point.loss)) continue;
    average = SMOOTHING * average + (1 - SMOOTHING) * point.loss;
    count++;
    added.push({ ...point, smoothed: average / (1 - SMOOTHING ** count) });
  }
  return added.length === 0 ? history : { points: history.points.concat(added), average, count };
}

/**
 * The history up to and including `step`: after a restore from a checkpoint the later steps are
 * trained again, so their first losses go (the smoothing is recomputed without them).
 */
export function truncateLosses(history: LossHistory, step: number): LossHistory {
  const kept = history.points.filter((p) => p.step <= step);
  return kept.length === history.points.length ? history : appendLosses(EMPTY_HISTORY, kept);
}

/** At most `max` points, evenly strided, always keeping the latest one. */
export function decimate<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return points.slice();
  const stride = Math.ceil(points.length / max);
  const kept = points.filter((_, i) => i % stride === 0);
  if ((points.length - 1) % stride !== 0) kept[kept.length - 1] = points[points.length - 1];
  return kept;
}

/**
 * The last of `points` (sorted by step) at or before `step`, if any: a binary search, since the
 * chart asks on every pointer move.
 */
export function pointAt<T extends { step: number }>(points: readonly T[], step: number): T | undefined {
  let low = -1;
  let high = points.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (points[middle].step <= step) low = middle;
    else high = middle - 1;
  }
  return low >= 0 ? points[low] : undefined;
}

export interface Axis {
  domain: [number, number];
  ticks: number[];
}

/**
 * A linear axis over [min, max] with about `count` ticks at round values (steps of 1, 2 or 5 times
 * a power of ten), the domain widened to the ticks either side. The chart hands these to recharts,
 * whose own nice-number search does arbitrary-precision arithmetic on every redraw.
 */
export function linearAxis(min: number, max: number, count: number): Axis {
  if (!(max > min)) return linearAxis(min - 0.5, min + 0.5, count);
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const first = Math.floor(min / step);
  const last = Math.ceil(max / step);
  // Rounded to the step's decimals, so 0.30000000000000004 reads 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toFixed(decimals)));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}

/** A log axis over [min, max] (both > 0), ticks at the powers of ten, the domain whole decades. */
export function logAxis(min: number, max: number): Axis {
  const first = Math.floor(Math.log10(min));
  const last = Math.max(first + 1, Math.ceil(Math.log10(max)));
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => 10 ** (first + i));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}
