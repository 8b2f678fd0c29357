import { memo, startTransition, useEffect, useId, useMemo, useRef, useState } from 'react';
import { CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { decimate, type LossHistory } from './loss-history';
import type { EpochResult } from './trainer-context';

/** More points than this cost drawing time and show nothing more at chart width. */
const MAX_DRAWN_POINTS = 200;
/**
 * Redrawing the chart costs recharts some 20 ms of main-thread time, and more while training
 * competes for the CPU: the curve follows the data at most this often, so the page stays smooth.
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

const COLORS = { raw: '#7aa2e3', smoothed: '#1f4fa8', testLoss: '#d9730d', accuracy: '#2e8540' };

const formatNumber = (value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(4)) : String(value));

export function LossChart(props: { losses: LossHistory; epochs: EpochResult[] }) {
  const losses = useThrottled(props.losses, REDRAW_INTERVAL_MS);
  const epochs = useThrottled(props.epochs, REDRAW_INTERVAL_MS);
  return <ThrottledLossChart losses={losses} epochs={epochs} />;
}

const ThrottledLossChart = memo(function ThrottledLossChart({ losses, epochs }: { losses: LossHistory; epochs: EpochResult[] }) {
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
        .map((e) => ({ step: e.step, testLoss: e.testLoss, testAccuracy: 100 * e.testAccuracy })),
    [epochs, logScale],
  );

  return (
    <figure className="chart" data-testid="loss-chart" data-points={trainPoints.length} data-epoch-points={epochPoints.length}>
      <ComposedChart responsive style={{ width: '100%', height: 'var(--chart-height)' }} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#dde3ea" />
        <XAxis dataKey="step" type="number" domain={[0, 'dataMax']} allowDecimals={false} tickCount={6} />
        <YAxis
          yAxisId="loss"
          scale={logScale ? 'log' : 'linear'}
          domain={['auto', 'auto']}
          allowDataOverflow
          width={48}
          tickFormatter={(v: number) => String(Number(v.toPrecision(2)))}
        />
        <YAxis yAxisId="accuracy" orientation="right" domain={[0, 100]} unit="%" width={44} />
        <Tooltip formatter={formatNumber} labelFormatter={(step) => `step ${step}`} isAnimationActive={false} />
        <Legend itemSorter={null} />
        <Line
          data={trainPoints}
          yAxisId="loss"
          dataKey="loss"
          name="training loss"
          stroke={COLORS.raw}
          strokeOpacity={0.35}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          data={trainPoints}
          yAxisId="loss"
          dataKey="smoothed"
          name="smoothed"
          stroke={COLORS.smoothed}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line data={epochPoints} yAxisId="loss" dataKey="testLoss" name="test loss" stroke={COLORS.testLoss} isAnimationActive={false} />
        <Line
          data={epochPoints}
          yAxisId="accuracy"
          dataKey="testAccuracy"
          name="test accuracy %"
          stroke={COLORS.accuracy}
          isAnimationActive={false}
        />
      </ComposedChart>
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
