// The chart's axes and how many points it draws, kept apart from React so they can be tested alone.

/** At most `max` points, evenly strided, always keeping the latest one. */
export function decimate<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return points.slice();
  const stride = Math.ceil(points.length / max);
  const kept = points.filter((_, i) => i % stride === 0);
  if ((points.length - 1) % stride !== 0) kept[kept.length - 1] = points[points.length - 1];
  return kept;
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
