import './chart-plot.css';
import { memo, useId, useMemo, useRef } from 'react';
import { CartesianGrid, ComposedChart, usePlotArea, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import type { Axis } from '../../runs/chart-axes';
import { isAccuracy, type ChartMetric, type ChartXAxis } from '../../runs/chart-series';
import { PlotAxisTitles, TITLE_LINE, TITLE_ROOM } from './AxisTitles';
import type { DrawnSeries, XY } from './chart-layout';
import { ChartReadout } from './ChartReadout';
import { formatTick, yAxisTitle } from './chart-text';
import { layoutLrLabels } from './lr-label-layout';
import { useMessages } from '../../i18n/use-messages';
import { tickLabel } from './tick-label';

// recharts lays the chart out (size, axes, ticks, grid) and gives the scales; the series are drawn
// here, with those scales, as plain SVG paths. A change to a recharts series re-renders the whole
// chart in one task that can't be sliced (15–35 ms of main-thread time a run), a change to a path is
// one attribute. recharts copies its children's props into an internal store, and a prop that is a
// new object or function on every render makes it update that store and render the chart again, so
// every prop it gets is a constant or memoised. Where recharts would measure text in the DOM (to thin
// out tick labels, to size its legend) the chart says what it wants instead: all ticks of a few nice
// values, and a plain list as legend.


const X_TICK = tickLabel(formatTick);
const LOSS_TICK = tickLabel(formatTick);
const PERCENT_TICK = tickLabel((v) => `${formatTick(v)}%`);
const CHART_STYLE = { width: '100%', height: 'var(--chart-height)' };
// Room for a y title in two lines: a long one on a phone's short chart.
const CHART_MARGIN = { top: 8, right: 12, ...TITLE_ROOM, left: TITLE_ROOM.left + TITLE_LINE };
/**
 * Every axis shows all the ticks given, and its domain is the one given ("data overflow" allowed:
 * recharts has no series of its own to fit it to).
 */
const AS_GIVEN = { allowDataOverflow: true, interval: 0 } as const;

function pathOf(points: readonly XY[], toX: (x: number) => number | undefined, toY: (y: number) => number | undefined): [number, number][] {
  return points.map((p) => [toX(p.x) ?? NaN, toY(p.y) ?? NaN] as [number, number]).filter(([x, y]) => Number.isFinite(x + y));
}

const toD = (drawn: readonly [number, number][]) => drawn.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');

/** The plot area, outside which nothing is drawn: values above the y axis are cut off at its top. */
function PlotClip({ id }: { id: string }) {
  const area = usePlotArea();
  if (!area) return null;
  return (
    <defs>
      <clipPath id={id}>
        <rect x={area.x} y={area.y - 2} width={area.width + 2} height={area.height + 4} />
      </clipPath>
    </defs>
  );
}

/** One run's line: thin raw values under the smoothed ones, and a dot on each per-epoch point. */
const Series = memo(function Series({ series, clipId }: { series: DrawnSeries; clipId: string }) {
  const toX = useXAxisScale();
  const toY = useYAxisScale('value');
  if (!toX || !toY) return null;
  const drawn = pathOf(series.points, toX, toY);
  return (
    <g className="series" data-run-id={series.runId} data-points={drawn.length} stroke={series.color} fill="none" clipPath={`url(#${clipId})`}>
      {series.raw.length > 0 && <path className="raw" d={toD(pathOf(series.raw, toX, toY))} strokeWidth={1} />}
      <path d={toD(drawn)} strokeWidth={2} />
      {series.perEpoch && drawn.map(([x, y], i) => <circle key={i} cx={x} cy={y} r={3} fill="#fff" strokeWidth={1.5} />)}
    </g>
  );
});

/** The labels' text lines: 14 px apart from 12 px below the plot's top, as many as the plot's upper half holds. */
const LR_LINE = 14;
const lrLanes = (plotHeight: number) => Math.max(1, Math.floor(plotHeight / 2 / LR_LINE));

/**
 * Each change of a run's learning rate: a dashed vertical line in its colour at the step it took
 * effect, labelled where the label overlaps no other (see layoutLrLabels); a label with no room is
 * the line's tooltip only.
 */
const LrMarks = memo(function LrMarks({ series }: { series: readonly DrawnSeries[] }) {
  const area = usePlotArea();
  const toX = useXAxisScale();
  if (!area || !toX) return null;
  const marks = series.flatMap((s) =>
    s.lrMarks.flatMap((mark, i) => {
      const x = toX(mark.x);
      return x === undefined || !Number.isFinite(x) ? [] : [{ key: `${s.runId}-${i}`, series: s, mark, x }];
    }),
  );
  const places = layoutLrLabels(
    marks.map(({ x, mark }) => ({ x, label: mark.label })),
    area.x,
    area.x + area.width,
    lrLanes(area.height),
  );
  return (
    <g className="lr-marks">
      {marks.map(({ key, series: s, mark, x }, i) => {
        const place = places[i];
        return (
          <g key={key} data-testid="lr-mark" data-run-id={s.runId} data-step={mark.step}>
            <title>{mark.label}</title>
            <line x1={x} x2={x} y1={area.y} y2={area.y + area.height} stroke={s.color} strokeDasharray="4 3" strokeWidth={1.5} />
            {place && (
              <text x={place.x} y={area.y + 12 + LR_LINE * place.lane} textAnchor={place.anchor} fill={s.color} className="lr-mark-label">
                {mark.label}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
});

/**
 * The previous axis while the ticks are the same: recharts re-registers an axis whose props are new
 * objects, and every part of the chart renders again.
 */
function useSameWhileEqual(axis: Axis): Axis {
  const previous = useRef(axis);
  if (previous.current.ticks.join() !== axis.ticks.join()) previous.current = axis;
  return previous.current;
}

export interface PlotProps {
  series: readonly DrawnSeries[];
  xAxis: Axis;
  yAxis: Axis;
  metric: ChartMetric;
  xKind: ChartXAxis;
  logScale: boolean;
}

export const ChartPlot = memo(function ChartPlot({ series, xAxis, yAxis, metric, xKind, logScale }: PlotProps) {
  const clipId = useId();
  const t = useMessages();
  const xShown = useSameWhileEqual(xAxis);
  const yShown = useSameWhileEqual(yAxis);
  const xWords = t.chart.xAxisTitle[xKind];
  const yWords = yAxisTitle(metric, series.map((s) => s.loss), t);
  const xTitle = useMemo(() => ({ words: xWords }), [xWords]);
  const yTitle = useMemo(() => ({ words: yWords }), [yWords]);
  return (
    <ComposedChart responsive style={CHART_STYLE} margin={CHART_MARGIN}>
      <CartesianGrid strokeDasharray="3 3" stroke="#dde3ea" vertical={false} />
      {/* Without a dataKey recharts makes no x scale, even with the domain given. */}
      <XAxis dataKey="x" type="number" domain={xShown.domain} ticks={xShown.ticks} tick={X_TICK} {...AS_GIVEN} />
      <YAxis
        yAxisId="value"
        scale={logScale ? 'log' : 'linear'}
        domain={yShown.domain}
        ticks={yShown.ticks}
        width={52}
        tick={isAccuracy(metric) ? PERCENT_TICK : LOSS_TICK}
        {...AS_GIVEN}
      />
      <PlotClip id={clipId} />
      <PlotAxisTitles x={xTitle} y={yTitle} twoLines />
      {series.map((s) => (
        <Series key={s.runId} series={s} clipId={clipId} />
      ))}
      <LrMarks series={series} />
      <ChartReadout series={series} metric={metric} xAxis={xKind} clipId={clipId} />
    </ComposedChart>
  );
});
