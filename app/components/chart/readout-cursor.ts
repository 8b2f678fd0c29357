// Where the chart's readout is, shared by the plot (pointer, touch) and the chart around it
// (keyboard, the announced values), and what it reads there.
import { createContext, useContext, useMemo, useState, type KeyboardEvent } from 'react';
import { pointAtX, type ChartMetric, type ChartXAxis } from '../../runs/chart-series';
import type { DrawnSeries } from './chart-layout';
import { formatMetric, formatX } from './chart-text';
import { messages, type Catalogue } from '../../i18n/messages';

export interface ReadoutCursor {
  /** The x the readout is at, in the axis' units; null: no readout. */
  x: number | null;
  setX: (x: number | null) => void;
}

export const ReadoutCursorContext = createContext<ReadoutCursor>({ x: null, setX: () => undefined });

export const useReadoutCursor = (): ReadoutCursor => useContext(ReadoutCursorContext);

/** Every x at which some visible run has a point, in order: the stops of the keyboard's readout. */
export function chartXs(series: readonly DrawnSeries[]): number[] {
  return [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
}

/**
 * A readout asked for by a key while the chart has no point drawn yet: it shows at the newest point
 * as soon as there is one. The chart draws what it is given in a transition, so it can lag a run's
 * first steps by a redraw or more; a key pressed then must not be lost.
 */
export const NEWEST = 'newest';

/**
 * Arrow keys a point back or on, Page Up/Down ten, Home and End to the ends: the readout's next x,
 * NEWEST where no point is drawn yet, or undefined for another key.
 */
export function keyedX(xs: readonly number[], x: number | null, key: string): number | typeof NEWEST | undefined {
  const last = xs.length - 1;
  // Where no readout is shown yet, the first key starts it at the newest point.
  const at = x === null ? last : Math.max(0, xs.findLastIndex((v) => v <= x));
  const moves: Record<string, number> = {
    ArrowRight: at + 1,
    ArrowUp: at + 1,
    ArrowLeft: at - 1,
    ArrowDown: at - 1,
    PageUp: at + 10,
    PageDown: at - 10,
    Home: 0,
    End: last,
  };
  const to = moves[key];
  if (to === undefined) return undefined;
  if (xs.length === 0) return NEWEST;
  return xs[x === null && key.startsWith('Arrow') ? last : Math.min(last, Math.max(0, to))];
}

/** Each visible run's value at `x` (the last point at or before it). */
export function valuesAt(series: readonly DrawnSeries[], x: number) {
  return series.map((s) => ({ series: s, point: pointAtX(s.points, x) }));
}

/** The readout as one sentence: "step 1,200: ReLU 0.345; Sigmoid 1.21". */
export function readoutText(series: readonly DrawnSeries[], x: number, metric: ChartMetric, xAxis: ChartXAxis, t: Catalogue = messages()): string {
  const values = valuesAt(series, x).map(({ series: s, point }) => `${s.name} ${point ? formatMetric(point.y, metric) : t.chart.noValueYet}`);
  return `${formatX(x, xAxis, t)}: ${values.join('; ')}`;
}

/**
 * The readout's place for a chart of `series`: `cursor` for the plot's pointer, `onKeyDown` for the
 * keys (see keyedX), and `onBlur`, which takes the readout away with the focus.
 */
export function useReadout(series: readonly DrawnSeries[]) {
  const [wanted, setWanted] = useState<number | typeof NEWEST | null>(null);
  const xs = useMemo(() => chartXs(series), [series]);
  const x = wanted === NEWEST ? (xs.at(-1) ?? null) : wanted;
  const cursor = useMemo(() => ({ x, setX: setWanted }), [x]);
  const onKeyDown = (event: KeyboardEvent) => {
    const next = keyedX(xs, x, event.key);
    if (next === undefined) return;
    event.preventDefault();
    setWanted(next);
  };
  return { cursor, onKeyDown, onBlur: () => setWanted(null) };
}
