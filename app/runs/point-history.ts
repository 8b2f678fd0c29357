// A run's training points, kept few enough to draw and store however long it trains.
import type { LossPoint } from '../protocol';

/** A chart is no wider than this many pixels; more points than that are not seen. */
export const MAX_POINTS = 2000;

export interface PointHistory {
  points: LossPoint[];
  /** Only steps that are multiples of this are kept (and the latest point); doubled whenever the points grow past MAX_POINTS. */
  grid: number;
}

export const EMPTY_POINTS: PointHistory = { points: [], grid: 1 };

/** The points on the grid, and the last one wherever it is: the chart always reaches the latest step. */
function onGrid(points: readonly LossPoint[], grid: number): LossPoint[] {
  return points.filter((point, i) => point.step % grid === 0 || i === points.length - 1);
}

/**
 * Appends points read back, thinning them evenly by step: when there are too many, every other
 * grid line goes. Thinning by step rather than by count keeps the density even, and a truncation
 * after a restore keeps the same grid.
 */
export function appendPoints(history: PointHistory, incoming: readonly LossPoint[]): PointHistory {
  if (incoming.length === 0) return history;
  let { grid } = history;
  let points = onGrid(history.points.concat(incoming), grid);
  while (points.length > MAX_POINTS) {
    grid *= 2;
    points = onGrid(points, grid);
  }
  return { points, grid };
}

/** The points up to and including `step`: after a restore the later steps are trained again. */
export function pointsUpTo(history: PointHistory, step: number): PointHistory {
  const kept = history.points.filter((point) => point.step <= step);
  return kept.length === history.points.length ? history : { points: kept, grid: history.grid };
}
