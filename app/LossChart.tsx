import { memo, startTransition, useEffect, useId, useMemo, useRef, useState, type PointerEvent } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  usePlotArea,
  useXAxisInverseScale,
  useXAxisScale,
  useYAxisScale,
  XAxis,
  YAxis,
  type BaseTickContentProps,
} from 'recharts';
import { decimate, linearAxis, logAxis, pointAt, type Axis, type LossHistory, type SmoothedPoint } from './loss-history';
import type { EpochResult } from './state/trainer-state';

/** More points than this cost drawing time and show nothing more at chart width. */
const MAX_DRAWN_POINTS = 200;
/** The curve follows the data at most this often. */
const REDRAW_INTERVAL_MS = 500;

/** `value`, but changing at most once per `intervalMs`; the latest value always shows in the end. */
function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastShown = useRef(0);
  useEffect(() => {
    const wait = lastShown.current + intervalMs - performance.now();
    const timer = setTimeout(() => {
      lastShown.current = performance.now();
      // A transition lets React render the chart in slices between other work.
      startTransition(() => setShown(value));
    }, Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return shown;
}

// recharts lays the chart out (size, axes, ticks, grid) and gives the scales; the series are drawn
// here, with those scales, as plain SVG paths. A change to a recharts series re-renders the whole
// chart in one task that can't be sliced (15–35 ms of main-thread time here, in a redraw every
// second), a change to a path is one attribute. recharts copies its children's props into an
// internal store, and a prop that is a new object or function on every render makes it update that
// store and render the chart again, so every prop it gets is a constant or memoised. Where recharts
// would measure text in the DOM (to thin out tick labels, to size its legend) the chart says what it
// wants instead: all ticks of a few nice values, and a plain list as legend.
const formatTick = (v: number) => String(Number(v.toPrecision(2)));
const formatValue = (v: number) => String(Number(v.toPrecision(4)));

const VERTICAL_SHIFT = { start: '0.71em', middle: '0.32em', end: '0' };

/** A tick label as a plain <text>: recharts' own measures every word of it to wrap lines. */
function tickLabel(format: (v: number) => string) {
  return function TickLabel({ x, y, textAnchor, verticalAnchor, payload }: BaseTickContentProps) {
    return (
      <text x={x} y={y} dy={VERTICAL_SHIFT[verticalAnchor]} textAnchor={textAnchor} className="tick">
        {format(Number(payload.value))}
      </text>
    );
  };
}

const STEP_TICK = tickLabel(String);
const LOSS_TICK = tickLabel(formatTick);
const PERCENT_TICK = tickLabel((v) => `${v}%`);
const CHART_STYLE = { width: '100%', height: 'var(--chart-height)' };
const CHART_MARGIN = { top: 8, right: 8, bottom: 8, left: 0 };
const PERCENT_AXIS = linearAxis(0, 100, 5);
/**
 * Every axis shows all the ticks given, and its domain is the one given ("data overflow" allowed:
 * recharts has no series of its own to fit it to).
 */
const AS_GIVEN = { allowDataOverflow: true, interval: 0 } as const;
/** About this many ticks on the step and loss axes. */
const STEP_TICKS = 6;
const LOSS_TICKS = 5;

/** A point of any series: the step, and the values of those series it has. */
type ChartPoint = { step: number } & Partial<Record<SeriesKey, number>>;
type EpochPoint = { step: number; epoch: number; testLoss: number; testAccuracy: number };
type SeriesKey = (typeof SERIES)[number]['key'];

/** The lines drawn: per training step (faint raw, bold smoothed) or per epoch (with dots). */
const SERIES = [
  { key: 'loss', name: 'training loss', color: '#7aa2e3', opacity: 0.35, width: 1, axis: 'loss', perEpoch: false },
  { key: 'smoothed', name: 'smoothed', color: '#1f4fa8', opacity: 1, width: 2, axis: 'loss', perEpoch: false },
  { key: 'testLoss', name: 'test loss', color: '#d9730d', opacity: 1, width: 1, axis: 'loss', perEpoch: true },
  { key: 'testAccuracy', name: 'test accuracy %', color: '#2e8540', opacity: 1, width: 1, axis: 'accuracy', perEpoch: true },
] as const;

const colorOf = (key: SeriesKey) => SERIES.find((series) => series.key === key)?.color;

function Legend() {
  return (
    <ul className="legend">
      {SERIES.map(({ name, color, opacity }) => (
        <li key={name}>
          <span className="swatch" style={{ background: color, opacity }} />
          {name}
        </li>
      ))}
    </ul>
  );
}

/** One series as a line through its points (and a dot on each, for the per-epoch ones). */
function Series({ points, series }: { points: readonly ChartPoint[]; series: (typeof SERIES)[number] }) {
  const { key, color, opacity, width, axis, perEpoch } = series;
  const toX = useXAxisScale();
  const toY = useYAxisScale(axis);
  if (!toX || !toY) return null;
  const drawn = points.map((p) => [toX(p.step) ?? NaN, toY(p[key]) ?? NaN]).filter(([x, y]) => Number.isFinite(x + y));
  const path = drawn.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
  return (
    <g className="series" data-series={key} stroke={color} strokeOpacity={opacity} strokeWidth={width} fill="none">
      <path d={path} />
      {perEpoch && drawn.map(([x, y], i) => <circle key={i} cx={x} cy={y} r={3} fill="#fff" />)}
    </g>
  );
}

const READOUT_WIDTH = 190;
const READOUT_LINE_HEIGHT = 16;

/**
 * While the pointer is over the plot: a guide at its step and the values there, those of the last
 * drawn training point at or before it and the test results of the last epoch evaluated by then.
 */
function Readout({ train, epochs }: { train: readonly SmoothedPoint[]; epochs: readonly EpochPoint[] }) {
  const [pointerStep, setPointerStep] = useState<number | null>(null);
  const area = usePlotArea();
  const toX = useXAxisScale();
  const toStep = useXAxisInverseScale();
  const toY = useYAxisScale('loss');
  if (!area || !toX || !toStep || !toY) return null;

  const follow = (event: PointerEvent<SVGRectElement>) =>
    setPointerStep(Number(toStep(area.x + event.clientX - event.currentTarget.getBoundingClientRect().left)));
  const point = pointerStep === null ? undefined : pointAt(train, pointerStep);
  const epoch = point && pointAt(epochs, point.step);
  const x = point && toX(point.step);
  const lines = point
    ? [
        `step ${point.step.toLocaleString('en')}`,
        `training loss ${formatValue(point.loss)}`,
        `smoothed ${formatValue(point.smoothed)}`,
        ...(epoch ? [`epoch ${epoch.epoch}: test loss ${formatValue(epoch.testLoss)}`, `test accuracy ${epoch.testAccuracy.toFixed(2)} %`] : []),
      ]
    : [];
  const boxX = x === undefined ? 0 : x + 8 + READOUT_WIDTH > area.x + area.width ? x - 8 - READOUT_WIDTH : x + 8;
  return (
    <g className="readout">
      <rect
        x={area.x}
        y={area.y}
        width={area.width}
        height={area.height}
        fill="transparent"
        onPointerMove={follow}
        onPointerLeave={() => setPointerStep(null)}
      />
      {point && x !== undefined && (
        <g pointerEvents="none" data-testid="chart-readout">
          <line x1={x} x2={x} y1={area.y} y2={area.y + area.height} className="guide" />
          <circle cx={x} cy={toY(point.smoothed)} r={3.5} fill={colorOf('smoothed')} />
          <rect x={boxX} y={area.y + 4} width={READOUT_WIDTH} height={lines.length * READOUT_LINE_HEIGHT + 8} rx={4} className="readout-box" />
          <text x={boxX + 8} y={area.y + 4} className="readout-text">
            {lines.map((line) => (
              <tspan key={line} x={boxX + 8} dy={READOUT_LINE_HEIGHT}>
                {line}
              </tspan>
            ))}
          </text>
        </g>
      )}
    </g>
  );
}

/**
 * The step axis spans the whole run from the start and the loss axis starts at zero (at the lowest
 * decade on a log scale), so the curve fills them in as training goes and their ticks, which
 * recharts redraws the whole chart for, change only when a loss beyond the top comes in.
 */
function axes(
  train: SmoothedPoint[],
  test: EpochPoint[],
  totalSteps: number,
  logScale: boolean,
): { stepAxis: Axis; lossAxis: Axis } {
  const lastStep = Math.max(train.at(-1)?.step ?? 0, test.at(-1)?.step ?? 0, totalSteps, 1);
  const losses = [...train.flatMap((p) => [p.loss, p.smoothed]), ...test.map((p) => p.testLoss)];
  const high = losses.length > 0 ? Math.max(...losses) : 1;
  return {
    stepAxis: linearAxis(0, lastStep, STEP_TICKS),
    lossAxis: logScale ? logAxis(losses.length > 0 ? Math.min(...losses) : 0.1, high) : linearAxis(0, high, LOSS_TICKS),
  };
}

/**
 * The previous axis while the ticks are the same: recharts re-registers an axis whose props are new
 * objects, and every part of the chart renders again.
 */
function useSameWhileEqual(axis: Axis): Axis {
  const previous = useRef(axis);
  if (previous.current.ticks.join() !== axis.ticks.join()) previous.current = axis;
  return previous.current;
}

interface ChartData {
  losses: LossHistory;
  epochs: EpochResult[];
  /** Steps in the whole run: where the step axis ends. */
  totalSteps: number;
}

export function LossChart({ losses, epochs, totalSteps }: ChartData) {
  // One throttled value for everything drawn, so that new losses, a new epoch or a new run cost one
  // redraw, rendered in a transition.
  const data = useMemo(() => ({ losses, epochs, totalSteps }), [losses, epochs, totalSteps]);
  return <ThrottledLossChart {...useThrottled(data, REDRAW_INTERVAL_MS)} />;
}

const ThrottledLossChart = memo(function ThrottledLossChart({ losses, epochs, totalSteps }: ChartData) {
  const [logScale, setLogScale] = useState(false);
  const toggleId = useId();

  const trainPoints = useMemo(() => {
    // A log axis has no place for zero; appendLosses already dropped NaN and infinities.
    const drawable = logScale ? losses.points.filter((p) => p.loss > 0 && p.smoothed > 0) : losses.points;
    return decimate(drawable, MAX_DRAWN_POINTS);
  }, [losses, logScale]);

  const epochPoints = useMemo(
    () =>
      epochs
        .filter((e) => Number.isFinite(e.testLoss) && Number.isFinite(e.testAccuracy) && (!logScale || e.testLoss > 0))
        .map((e) => ({ step: e.step, epoch: e.epoch, testLoss: e.testLoss, testAccuracy: 100 * e.testAccuracy })),
    [epochs, logScale],
  );

  const computed = useMemo(
    () => axes(trainPoints, epochPoints, totalSteps, logScale),
    [trainPoints, epochPoints, totalSteps, logScale],
  );
  const stepAxis = useSameWhileEqual(computed.stepAxis);
  const lossAxis = useSameWhileEqual(computed.lossAxis);

  return (
    <figure className="chart" data-testid="loss-chart" data-points={trainPoints.length} data-epoch-points={epochPoints.length}>
      <ComposedChart responsive style={CHART_STYLE} margin={CHART_MARGIN}>
        <CartesianGrid strokeDasharray="3 3" stroke="#dde3ea" vertical={false} />
        {/* Without a dataKey recharts makes no x scale, even with the domain given. */}
        <XAxis dataKey="step" type="number" domain={stepAxis.domain} ticks={stepAxis.ticks} tick={STEP_TICK} {...AS_GIVEN} />
        <YAxis
          yAxisId="loss"
          scale={logScale ? 'log' : 'linear'}
          domain={lossAxis.domain}
          ticks={lossAxis.ticks}
          width={48}
          tick={LOSS_TICK}
          {...AS_GIVEN}
        />
        <YAxis
          yAxisId="accuracy"
          orientation="right"
          domain={PERCENT_AXIS.domain}
          ticks={PERCENT_AXIS.ticks}
          width={44}
          tick={PERCENT_TICK}
          {...AS_GIVEN}
        />
        {SERIES.map((series) => (
          <Series key={series.key} points={series.perEpoch ? epochPoints : trainPoints} series={series} />
        ))}
        <Readout train={trainPoints} epochs={epochPoints} />
      </ComposedChart>
      <Legend />
      <figcaption>
        <span>Training loss per step (faint: raw; dark: moving average), test loss and accuracy after each epoch. Point at it to read the values.</span>
        <span className="toggle">
          <input id={toggleId} type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
          <label htmlFor={toggleId}>Log scale</label>
        </span>
      </figcaption>
    </figure>
  );
});
