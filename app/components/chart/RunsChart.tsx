import './chart.css';
import { memo, useId, useMemo, useState } from 'react';
import { useMessages } from '../../i18n/use-messages';
import type { ChartMetric, ChartXAxis } from '../../runs/chart-series';
import type { RunRecord } from '../../state/run-record';
import { useChartSettings, useVisibleRuns } from '../../state/trainer-provider';
import { shortNames } from '../short-names';
import { chartAxes, drawnSeries, isPerEpoch, plannedEnd } from './chart-layout';
import { ChartControls } from './ChartControls';
import { ChartNotes } from './ChartNotes';
import { ChartPlot } from './ChartPlot';
import { ChartTable } from './ChartTable';
import { DownloadButtons } from './DownloadButtons';
import { useThrottled } from './use-throttled';
import { useLossesComparable } from './use-losses-comparable';
import { readoutText, ReadoutCursorContext, useReadout } from './readout-cursor';

/** The curves follow the data at most this often. */
const REDRAW_INTERVAL_MS = 500;

interface Drawn {
  runs: readonly RunRecord[];
  metric: ChartMetric;
  xKind: ChartXAxis;
  smoothing: number;
  logScale: boolean;
}

/** One line when the visible runs' losses are on different scales. */
function ComparabilityNote() {
  const runs = useVisibleRuns();
  const comparable = useLossesComparable();
  const t = useMessages();
  if (comparable) return null;
  const losses = [...new Set(runs.map((run) => t.labels.lossShort[run.config.loss]))].join(', ');
  return (
    <p className="chart-note" data-testid="chart-note">
      {t.chart.notComparable(losses)}
    </p>
  );
}

function Legend({ runs }: { runs: readonly { runId: string; name: string; color: string }[] }) {
  return (
    <ul className="legend">
      {runs.map(({ runId, name, color }) => (
        <li key={runId}>
          <span className="run-swatch" style={{ background: color }} aria-hidden="true" />
          {name}
        </li>
      ))}
    </ul>
  );
}

/** Everything drawn comes from one throttled value: new points, runs or settings cost one redraw. */
const ThrottledChart = memo(function ThrottledChart({ runs, metric, xKind, smoothing, logScale }: Drawn) {
  const t = useMessages();
  // The names and the learning-rate marks are words: a new language draws the series again.
  const series = useMemo(() => {
    const names = shortNames(runs, t);
    return runs.map((run, i) => drawnSeries(run, names[i], metric, xKind, smoothing, logScale));
  }, [runs, metric, xKind, smoothing, logScale, t]);
  const { xAxis, yAxis, clipped } = useMemo(
    () => chartAxes(series, runs.map((run) => plannedEnd(run, xKind)), metric, logScale),
    [series, runs, xKind, metric, logScale],
  );
  const points = series.reduce((sum, s) => sum + s.points.length, 0);
  const what = isPerEpoch(metric) ? t.chart.afterEachEpoch : smoothing > 0 ? t.chart.perStepSmoothed(smoothing.toFixed(2)) : t.chart.perStep;
  const { cursor, onKeyDown, onBlur } = useReadout(series);
  const [asTable, setAsTable] = useState(false);
  const keysId = useId();
  const metricName = t.chart.metric[metric];
  const against = t.chart.against(t.chart.xAxis[xKind]);
  const name = series.length === 0 ? t.chart.nameEmpty(metricName, against) : t.chart.nameOfRuns(metricName, series.length, against);

  return (
    <figure className="chart" data-testid="loss-chart" data-runs={series.length} data-points={points} data-metric={metric}>
      <ChartControls />
      <ComparabilityNote />
      {clipped && (
        <p className="chart-note" data-testid="chart-clipped">
          {t.chart.clipped}
        </p>
      )}
      <div
        className="chart-plot"
        id="chart"
        tabIndex={0}
        role="application"
        aria-roledescription={t.chart.roleDescription}
        aria-label={name}
        aria-describedby={keysId}
        data-testid="chart-plot"
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      >
        <ReadoutCursorContext.Provider value={cursor}>
          <ChartPlot series={series} xAxis={xAxis} yAxis={yAxis} metric={metric} xKind={xKind} logScale={logScale} />
        </ReadoutCursorContext.Provider>
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="chart-announcement">
        {cursor.x === null ? '' : readoutText(series, cursor.x, metric, xKind, t)}
      </p>
      <Legend runs={series} />
      {asTable && <ChartTable series={series} metric={metric} xKind={xKind} />}
      <figcaption>
        <span id={keysId}>{t.chart.caption(metricName, what, against)}</span>
        <span className="chart-actions">
          <button type="button" aria-expanded={asTable} data-testid="chart-table-toggle" onClick={() => setAsTable(!asTable)}>
            {asTable ? t.chart.hideTable : t.chart.showTable}
          </button>
          <DownloadButtons />
        </span>
      </figcaption>
      <ChartNotes />
    </figure>
  );
});

/** Every visible run on one chart, in its colour. */
export function RunsChart() {
  const runs = useVisibleRuns();
  // The metric comes as the chart applies it: until the user picks one, one the runs compare by.
  const { metric, xAxis, smoothing, logScale } = useChartSettings();
  const drawn = useMemo(() => ({ runs, metric, xKind: xAxis, smoothing, logScale }), [runs, metric, xAxis, smoothing, logScale]);
  return <ThrottledChart {...useThrottled(drawn, REDRAW_INTERVAL_MS)} />;
}
