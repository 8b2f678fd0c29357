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
