import { useId } from 'react';
import type { ChartMetric, ChartXAxis } from '../../runs/chart-series';
import { useChartSettings, usePlayground } from '../../state/trainer-provider';
import { useMessages } from '../../i18n/use-messages';
import { METRICS, X_AXES } from './chart-text';

/** What the chart shows: the metric, its smoothing, the x axis and the y scale. */
export function ChartControls() {
  const settings = useChartSettings();
  const t = useMessages();
  const { setChartSettings } = usePlayground();
  const ids = { metric: useId(), smoothing: useId(), xAxis: useId(), log: useId() };

  return (
    <div className="chart-controls">
      <span className="control">
        <label htmlFor={ids.metric}>{t.chart.controls.metric}</label>
        <select
          id={ids.metric}
          value={settings.metric}
          onChange={(e) => setChartSettings({ metric: e.target.value as ChartMetric })}
        >
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {t.chart.metric[m]}
            </option>
          ))}
        </select>
      </span>
      <span className="control">
        <label htmlFor={ids.smoothing}>{t.chart.controls.smoothing}</label>
        <input
          id={ids.smoothing}
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={settings.smoothing}
          aria-valuetext={settings.smoothing.toFixed(2)}
          onChange={(e) => setChartSettings({ smoothing: Number(e.target.value) })}
        />
        <output htmlFor={ids.smoothing} className="smoothing-value">
          {settings.smoothing.toFixed(2)}
        </output>
      </span>
      <span className="control">
        <label htmlFor={ids.xAxis}>{t.chart.controls.xAxis}</label>
        <select id={ids.xAxis} value={settings.xAxis} onChange={(e) => setChartSettings({ xAxis: e.target.value as ChartXAxis })}>
          {X_AXES.map((x) => (
            <option key={x} value={x}>
              {t.chart.xAxis[x]}
            </option>
          ))}
        </select>
      </span>
      <span className="control toggle">
        <input id={ids.log} type="checkbox" checked={settings.logScale} onChange={(e) => setChartSettings({ logScale: e.target.checked })} />
        <label htmlFor={ids.log}>{t.chart.controls.logScale}</label>
      </span>
    </div>
  );
}
