import { memo, startTransition, useEffect, useId, useMemo, useRef, useState } from 'react';
import { CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis, type BaseTickContentProps } from 'recharts';
import { decimate, linearAxis, logAxis, type Axis, type LossHistory, type SmoothedPoint } from './loss-history';
import type { EpochResult } from './trainer-context';

/** More points than this cost drawing time and show nothing more at chart width. */
const MAX_DRAWN_POINTS = 200;
/**
 * A redraw costs recharts some 15–35 ms of main-thread time here, in one task (it renders its
 * store's updates synchronously): the curve follows the data at most this often.
 */
const REDRAW_INTERVAL_MS = 1000;

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

// recharts copies its children's props into an internal store, and a prop that is a new object or
// function on every render makes it update that store and render the chart a second time. So every
// prop below is a constant or memoised. Where recharts would measure text in the DOM on every redraw
// (to thin out tick labels, to size its legend) the chart says what it wants instead: all ticks of a
// few nice values, and a plain list as legend.
const formatNumber = (value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(4)) : String(value));
const formatStep = (step: unknown) => `step ${String(step)}`;
const formatTick = (v: number) => String(Number(v.toPrecision(2)));

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
/** About this many ticks on the step and loss axes. */
const STEP_TICKS = 6;
const LOSS_TICKS = 5;

/** The lines drawn: per training step (faint raw, bold smoothed) or per epoch (with dots). */
const SERIES = [
  { key: 'loss', name: 'training loss', color: '#7aa2e3', opacity: 0.35, width: 1, axis: 'loss', perEpoch: false },
  { key: 'smoothed', name: 'smoothed', color: '#1f4fa8', opacity: 1, width: 2, axis: 'loss', perEpoch: false },
  { key: 'testLoss', name: 'test loss', color: '#d9730d', opacity: 1, width: 1, axis: 'loss', perEpoch: true },
  { key: 'testAccuracy', name: 'test accuracy %', color: '#2e8540', opacity: 1, width: 1, axis: 'accuracy', perEpoch: true },
] as const;

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

/**
 * The step axis spans the whole run from the start, so the curve fills it in as training goes and
 * the axis itself never has to be redrawn; the loss axis spans every loss drawn.
 */
function axes(
  train: SmoothedPoint[],
  test: { step: number; testLoss: number }[],
  totalSteps: number,
  logScale: boolean,
): { stepAxis: Axis; lossAxis: Axis } {
  const lastStep = Math.max(train.at(-1)?.step ?? 0, test.at(-1)?.step ?? 0, totalSteps, 1);
  const losses = [...train.flatMap((p) => [p.loss, p.smoothed]), ...test.map((p) => p.testLoss)];
  const [low, high] = losses.length > 0 ? [Math.min(...losses), Math.max(...losses)] : [logScale ? 0.1 : 0, 1];
  return {
    stepAxis: linearAxis(0, lastStep, STEP_TICKS),
    lossAxis: logScale ? logAxis(low, high) : linearAxis(low, high, LOSS_TICKS),
  };
}

/**
 * The previous axis while the ticks are the same: recharts re-registers an axis whose props are new
 * objects, and every part of the chart renders again; round ticks stay the same for many redraws.
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
  // One throttled value for both series, so that new losses and a new epoch cost one redraw.
  const data = useMemo(() => ({ losses, epochs }), [losses, epochs]);
  const shown = useThrottled(data, REDRAW_INTERVAL_MS);
  return <ThrottledLossChart losses={shown.losses} epochs={shown.epochs} totalSteps={totalSteps} />;
}

const ThrottledLossChart = memo(function ThrottledLossChart({ losses, epochs, totalSteps }: ChartData) {
  const [logScale, setLogScale] = useState(false);
  // The tooltip is mounted only while the pointer is over the chart: kept mounted, it would add its
  // share to every redraw during training, when nobody points at the chart.
  const [pointing, setPointing] = useState(false);
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
        .map((e) => ({ step: e.step, testLoss: e.testLoss, testAccuracy: 100 * e.testAccuracy })),
    [epochs, logScale],
  );

  const computed = useMemo(
    () => axes(trainPoints, epochPoints, totalSteps, logScale),
    [trainPoints, epochPoints, totalSteps, logScale],
  );
  const stepAxis = useSameWhileEqual(computed.stepAxis);
  const lossAxis = useSameWhileEqual(computed.lossAxis);

  return (
    <figure
      className="chart"
      data-testid="loss-chart"
      data-points={trainPoints.length}
      data-epoch-points={epochPoints.length}
      onPointerEnter={() => setPointing(true)}
      onPointerLeave={() => setPointing(false)}
    >
      <ComposedChart responsive style={CHART_STYLE} margin={CHART_MARGIN}>
        <CartesianGrid strokeDasharray="3 3" stroke="#dde3ea" vertical={false} />
        <XAxis dataKey="step" type="number" domain={stepAxis.domain} ticks={stepAxis.ticks} interval={0} tick={STEP_TICK} />
        <YAxis
          yAxisId="loss"
          scale={logScale ? 'log' : 'linear'}
          domain={lossAxis.domain}
          ticks={lossAxis.ticks}
          allowDataOverflow
          width={48}
          interval={0}
          tick={LOSS_TICK}
        />
        <YAxis
          yAxisId="accuracy"
          orientation="right"
          domain={PERCENT_AXIS.domain}
          ticks={PERCENT_AXIS.ticks}
          width={44}
          interval={0}
          tick={PERCENT_TICK}
        />
        {pointing && <Tooltip formatter={formatNumber} labelFormatter={formatStep} isAnimationActive={false} />}
        {SERIES.map(({ key, name, color, opacity, width, axis, perEpoch }) => (
          <Line
            key={key}
            data={perEpoch ? epochPoints : trainPoints}
            yAxisId={axis}
            dataKey={key}
            name={name}
            stroke={color}
            strokeOpacity={opacity}
            strokeWidth={width}
            dot={perEpoch}
            isAnimationActive={false}
          />
        ))}
      </ComposedChart>
      <Legend />
      <figcaption>
        <span>Training loss per step (faint: raw; dark: moving average), test loss and accuracy after each epoch.</span>
        <span className="toggle">
          <input id={toggleId} type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
          <label htmlFor={toggleId}>Log scale</label>
        </span>
      </figcaption>
    </figure>
  );
});
