import { memo, useMemo, useRef } from 'react';
import { CartesianGrid, ComposedChart, useXAxisScale, useYAxisScale, XAxis, YAxis, type BaseTickContentProps } from 'recharts';
import { useMessages } from '../../i18n/use-messages';
import { stepAxis } from '../../inside/plot';
import type { Axis } from '../../runs/chart-axes';
import { PlotAxisTitles, TITLE_ROOM, type AxisTitle } from '../chart/AxisTitles';
import { formatTick } from '../chart/chart-text';
import { tickLabel } from '../chart/tick-label';

export interface StepLine {
  /** The rows' field the line draws. */
  key: string;
  name: string;
  colour: string;
  dashed?: boolean;
}

export type StepRows = readonly Record<string, number | null>[];

interface StepChartProps {
  rows: StepRows;
  lines: readonly StepLine[];
  log: boolean;
  /** The y axis: whole decades on a log scale. */
  y: Axis;
  /** The step the run will end at, so that the x axis stays put as it trains. */
  end: number;
  /** A constant (module-level) function: a new one would make recharts lay the chart out again. */
  yTick: (props: BaseTickContentProps) => React.ReactElement;
  /** What the chart shows, for whoever cannot see it (its figures are also written beside it). */
  label: string;
  /** The y axis' title with its unit (constant or memoised; the x axis is always the steps). */
  yTitle: AxisTitle;
}

// As in the runs chart (ChartPlot.tsx): recharts lays out the axes and gives the scales, the lines
// are plain SVG paths drawn with them. Every prop recharts sees stays the same object while its
// value does, so a new row costs a path's `d`, not a layout of the whole chart.

const X_TICK = tickLabel(formatTick);
const CHART_STYLE = { width: '100%', height: 'var(--step-chart-height)' };
const CHART_MARGIN = { top: 6, right: 12, ...TITLE_ROOM };
/**
 * Room for the longest y tick the small charts write, five characters: a decade of float32's whole
 * range ("10⁻⁴⁵", "10³⁸", see formatDecade) or "100%"; thinDecades keeps a wide range's ticks apart.
 */
const Y_AXIS_WIDTH = 44;
const AS_GIVEN = { allowDataOverflow: true, interval: 0 } as const;

function useSameWhileEqual(axis: Axis): Axis {
  const previous = useRef(axis);
  if (previous.current.ticks.join() !== axis.ticks.join() || previous.current.domain.join() !== axis.domain.join()) previous.current = axis;
  return previous.current;
}

const StepPath = memo(function StepPath({ rows, line }: { rows: StepRows; line: StepLine }) {
  const toX = useXAxisScale();
  const toY = useYAxisScale('value');
  if (!toX || !toY) return null;
  const parts: string[] = [];
  for (const row of rows) {
    const v = row[line.key];
    if (v === null || v === undefined) continue; // joined across: a gap is a value a log axis cannot show
    const x = toX(row.step ?? NaN);
    const y = toY(v);
    if (x === undefined || y === undefined || !Number.isFinite(x + y)) continue;
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return <path d={parts.join('')} fill="none" stroke={line.colour} strokeWidth={2} strokeDasharray={line.dashed ? '5 3' : undefined} />;
});

/** A small chart of per-layer values over training steps. */
export const StepChart = memo(function StepChart({ rows, lines, log, y, end, yTick, label, yTitle }: StepChartProps) {
  const x = useSameWhileEqual(useMemo(() => stepAxis(rows, end), [rows, end]));
  const yShown = useSameWhileEqual(y);
  const stepWords = useMessages().chart.xAxisTitle.step;
  const xTitle = useMemo(() => ({ words: stepWords }), [stepWords]);
  return (
    <div className="step-chart" role="img" aria-label={label}>
      <ComposedChart responsive style={CHART_STYLE} margin={CHART_MARGIN} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#dde3ea" vertical={false} />
        <XAxis dataKey="x" type="number" domain={x.domain} ticks={x.ticks} tick={X_TICK} {...AS_GIVEN} />
        <YAxis yAxisId="value" scale={log ? 'log' : 'linear'} domain={yShown.domain} ticks={yShown.ticks} width={Y_AXIS_WIDTH} tick={yTick} {...AS_GIVEN} />
        <PlotAxisTitles x={xTitle} y={yTitle} />
        {lines.map((line) => (
          <StepPath key={line.key} rows={rows} line={line} />
        ))}
      </ComposedChart>
    </div>
  );
});
