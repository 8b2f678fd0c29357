import { useMemo } from 'react';
import type { ChartMetric, ChartXAxis } from '../../runs/chart-series';
import type { DrawnSeries } from './chart-layout';
import { formatMetric } from './chart-text';
import { useMessages } from '../../i18n/use-messages';
import { chartXs, valuesAt } from './readout-cursor';

/** A long history is thinned to about this many rows: every nth point, and the last. */
const MAX_ROWS = 60;

/** The rows' x values: all of them when few, else every nth one and the last. */
export function thinnedXs(xs: readonly number[], maxRows = MAX_ROWS): number[] {
  if (xs.length <= maxRows) return [...xs];
  const every = Math.ceil(xs.length / (maxRows - 1));
  const kept = xs.filter((_, i) => i % every === 0);
  if (kept.at(-1) !== xs.at(-1)) kept.push(xs[xs.length - 1]);
  return kept;
}

interface TableProps {
  series: readonly DrawnSeries[];
  metric: ChartMetric;
  xKind: ChartXAxis;
}

/** The chart's lines as a table: a row per x, a column per visible run, the values the readout would show. */
export function ChartTable({ series, metric, xKind }: TableProps) {
  const all = useMemo(() => chartXs(series), [series]);
  const xs = useMemo(() => thinnedXs(all), [all]);
  const t = useMessages();
  const thinned = xs.length < all.length ? t.chart.tableThinned(xs.length, all.length, Math.ceil(all.length / (MAX_ROWS - 1))) : '';
  const caption = `${t.chart.tableCaption(t.chart.metric[metric], t.chart.xAxis[xKind])}${thinned}`;
  return (
    <div className="chart-table-scroll" role="region" aria-label={t.chart.tableRegion} tabIndex={0}>
      <table className="chart-table" data-testid="chart-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.chart.xAxis[xKind]}</th>
            {series.map((s) => (
              <th scope="col" key={s.runId}>
                <span className="run-swatch" style={{ background: s.color }} aria-hidden="true" />
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {xs.map((x) => (
            <tr key={x}>
              <th scope="row" translate="no">{Number(x.toPrecision(6)).toLocaleString('en')}</th>
              {valuesAt(series, x).map(({ series: s, point }) => (
                <td key={s.runId} translate="no">
                  {point ? formatMetric(point.y, metric) : '–'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
