// The geometry of the activation plot (an SVG of f, f′ and each hidden layer's histogram of z),
// and the axes of the small charts over steps: linear ticks, log ticks, and their rows.
import type { ActivationCurve, Histogram, NormStats } from '../../gpu';
import { linearAxis, logAxis, type Axis } from '../runs/chart-axes';
import type { HealthEntry } from '../runs/inside-history';

export interface Box {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PlotScales {
  x: (v: number) => number;
  y: (v: number) => number;
  xTicks: number[];
  yTicks: number[];
  yDomain: [number, number];
  /** The plot area's bottom and top, in SVG units. */
  base: number;
  top: number;
}

/** The scales of the activation plot: x over the curve's own range, y over f and f′ with 0 and 1 in view. */
export function activationScales(curve: ActivationCurve, box: Box): PlotScales {
  const values = [...curve.f, ...curve.df, 0, 1].filter(Number.isFinite);
  const { ticks: yTicks, domain: yDomain } = linearAxis(Math.min(...values), Math.max(...values), 8);
  const xMin = curve.xs[0];
  const xMax = curve.xs.at(-1)!;
  const plotWidth = box.width - box.left - box.right;
  const base = box.height - box.bottom;
  const plotHeight = base - box.top;
  const xTicks = linearAxis(xMin, xMax, 6).ticks.filter((v) => v >= xMin && v <= xMax);
  return {
    x: (v) => box.left + ((v - xMin) / (xMax - xMin)) * plotWidth,
    y: (v) => base - ((v - yDomain[0]) / (yDomain[1] - yDomain[0])) * plotHeight,
    xTicks,
    yTicks,
    yDomain,
    base,
    top: box.top,
  };
}

/** An SVG path through the finite points (x, y). */
export function linePath(xs: readonly number[], ys: readonly number[], scales: PlotScales): string {
  const parts: string[] = [];
  xs.forEach((x, i) => {
    if (!Number.isFinite(ys[i])) return;
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${scales.x(x).toFixed(1)},${scales.y(ys[i]).toFixed(1)}`);
  });
  return parts.join('');
}

/** Each histogram is drawn scaled to its tallest bin: this share of the plot's height. */
export const HISTOGRAM_HEIGHT = 0.85;

/** A histogram as a closed step outline on the plot's baseline, its tallest bin HISTOGRAM_HEIGHT of the plot high. */
export function histogramPath(histogram: Histogram, scales: PlotScales): string {
  const tallest = Math.max(0, ...histogram.counts);
  if (tallest === 0) return '';
  const height = (scales.base - scales.top) * HISTOGRAM_HEIGHT;
  const top = (count: number) => (scales.base - (count / tallest) * height).toFixed(1);
  const parts = [`M${scales.x(histogram.edges[0]).toFixed(1)},${scales.base.toFixed(1)}`];
  histogram.counts.forEach((count, i) => {
    parts.push(`L${scales.x(histogram.edges[i]).toFixed(1)},${top(count)}`, `L${scales.x(histogram.edges[i + 1]).toFixed(1)},${top(count)}`);
  });
  parts.push(`L${scales.x(histogram.edges.at(-1)!).toFixed(1)},${scales.base.toFixed(1)}Z`);
  return parts.join('');
}

/** The share of a histogram's values at or left of `x` (an edge): how many z lie where ReLU passes nothing, say. */
export function shareAtOrBelow(histogram: Histogram, x: number): number {
  const total = histogram.counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let below = 0;
  histogram.counts.forEach((count, i) => {
    if (histogram.edges[i + 1] <= x + 1e-9) below += count;
  });
  return below / total;
}

/**
 * The steps axis of a chart over `rows`: from 0 to the step the run will end at (`end`), or past it
 * (a run trained on), so that it stays put while the run trains.
 */
export function stepAxis(rows: readonly { step?: number | null }[], end: number): Axis {
  const last = rows.at(-1)?.step ?? 0;
  return linearAxis(0, Math.max(end, last, 1), 5);
}

/** One row per step: `layer<i>` for each layer, null where the value cannot be drawn on a log axis. */
export type StepRow = { step: number } & Record<`layer${number}`, number | null>;

export function normRows(norms: readonly NormStats[], field: 'gradNorm' | 'updateRatio'): StepRow[] {
  return norms.map(({ step, layers }) => {
    const row: StepRow = { step };
    layers.forEach((layer, i) => {
      const v = layer[field];
      row[`layer${i}`] = Number.isFinite(v) && v > 0 ? v : null;
    });
    return row;
  });
}

/** The most ticks a small chart's y axis holds with its labels apart (its plot is about 130 px high). */
export const STEP_CHART_TICKS = 7;

const EVERY = [1, 2, 3, 5, 10, 20, 50, 100];

/**
 * A log axis with at most `most` ticks: every decade, or every 2nd, 3rd, 5th, 10th… (on the multiples
 * of that, so 1 stays a tick), for a run whose gradients span 10⁻⁹ to 10⁹. The domain stays as it is.
 */
export function thinDecades(axis: Axis, most: number): Axis {
  const exponents = axis.ticks.map((v) => Math.round(Math.log10(v)));
  const every = EVERY.find((k) => exponents.filter((e) => e % k === 0).length <= most) ?? EVERY[EVERY.length - 1];
  return { domain: axis.domain, ticks: axis.ticks.filter((_, i) => exponents[i] % every === 0) };
}

/** A log axis over the rows' values: whole powers of ten around them (one decade at least), ticks thinned; null with none to draw. */
export function rowsLogAxis(rows: readonly StepRow[]): Axis | null {
  let min = Infinity;
  let max = -Infinity;
  for (const row of rows) {
    for (const [key, v] of Object.entries(row)) {
      if (key === 'step' || v === null) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return Number.isFinite(min) ? thinDecades(logAxis(min, max), STEP_CHART_TICKS) : null;
}

/** The unit-health chart's rows: `dead<i>` (null when the activation has no dead units) and `saturated<i>` per hidden layer. */
export function healthRows(history: readonly HealthEntry[]) {
  return history.map(({ step, dead, saturated }) => {
    const row: Record<string, number | null> = { step };
    dead.forEach((d, i) => (row[`dead${i}`] = d));
    saturated.forEach((s, i) => (row[`saturated${i}`] = s));
    return row;
  });
}

/** A figure as the inside panels write it: three significant digits, powers of ten for the very small or large. */
export function formatStat(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(3)));
  const [mantissa, exponent] = v.toExponential(2).split('e');
  return `${mantissa}×10${superscript(Number(exponent))}`;
}

/** A log axis's tick, a whole power of ten: 0.01 and 100 as they are, beyond those 10⁻⁴ and 10⁵. */
export function formatDecade(v: number): string {
  const exponent = Math.round(Math.log10(v));
  if (!(v > 0) || Math.abs(v / 10 ** exponent - 1) > 1e-9 || (exponent >= -3 && exponent <= 4)) return formatStat(v);
  return `10${superscript(exponent)}`;
}

const superscript = (n: number) => [...String(n)].map((c) => SUPERSCRIPTS[c]).join('');

const SUPERSCRIPTS: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
