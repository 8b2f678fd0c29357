import { memo, useMemo } from 'react';
import type { ProbeStats } from '../../../gpu';
import { layerColour } from '../../inside/colours';
import { useMessages } from '../../i18n/use-messages';
import { formatStat, healthRows } from '../../inside/plot';
import type { RunRecord } from '../../state/run-record';
import { useSelectedRun } from '../../state/trainer-provider';
import { plannedEnd } from '../chart/chart-layout';
import { useThrottled } from '../chart/use-throttled';
import { formatPercent } from '../format';
import { INSIDE_REDRAW_MS } from './redraw';
import { tickLabel } from '../chart/tick-label';
import { StepChart, type StepLine } from './StepChart';

const SHARE_AXIS = { domain: [0, 1] as [number, number], ticks: [0, 0.25, 0.5, 0.75, 1] };
const PERCENT_TICK = tickLabel((v) => `${Math.round(100 * v)}%`);

const Table = memo(function Table({ health }: { health: ProbeStats }) {
  const t = useMessages().inside.health;
  return (
    <table className="health-table">
      <caption className="caption">{t.caption(health.step)}</caption>
      <thead>
        <tr>
          <th scope="col">{t.layer}</th>
          <th scope="col">{t.units}</th>
          <th scope="col">{t.dead}</th>
          <th scope="col">{t.saturated}</th>
          <th scope="col">{t.meanDerivative}</th>
        </tr>
      </thead>
      <tbody>
        {health.layers.map((layer, i) => (
          <tr
            key={i}
            data-layer={i}
            data-dead={layer.deadFraction === null ? '—' : String(layer.deadFraction)}
            data-saturated={String(layer.saturatedFraction)}
            data-mean-derivative={String(layer.meanAbsDerivative)}
          >
            <th scope="row">
              <span className="block-swatch" style={{ background: layerColour(i) }} aria-hidden="true" />
              {i + 1}
            </th>
            <td>{layer.units}</td>
            <td>{layer.deadFraction === null ? '—' : formatPercent(layer.deadFraction)}</td>
            <td>{formatPercent(layer.saturatedFraction)}</td>
            <td>{formatStat(layer.meanAbsDerivative)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

const History = memo(function History({ history, layers, end }: { history: RunRecord['healthHistory']; layers: number; end: number }) {
  const t = useMessages().inside.health;
  const rows = useMemo(() => healthRows(history), [history]);
  const withDead = history.some((h) => h.dead.some((d) => d !== null));
  const lines = useMemo(() => {
    const drawn: StepLine[] = [];
    for (let i = 0; i < layers; i++) {
      if (withDead) drawn.push({ key: `dead${i}`, name: t.deadLine(i + 1), colour: layerColour(i) });
      drawn.push({ key: `saturated${i}`, name: t.saturatedLine(i + 1), colour: layerColour(i), dashed: true });
    }
    return drawn;
  }, [layers, withDead, t]);
  const yTitle = useMemo(() => ({ words: t.yTitle }), [t]);
  if (rows.length < 2) return <p className="caption">{t.fillsIn}</p>;
  return (
    <figure className="inside-chart">
      <StepChart
        rows={rows}
        lines={lines}
        log={false}
        y={SHARE_AXIS}
        end={end}
        yTick={PERCENT_TICK}
        label={withDead ? t.chartLabel : t.chartLabelNoDead}
        yTitle={yTitle}
      />
      <figcaption className="caption">{withDead ? t.chartCaption : t.chartCaptionNoDead}</figcaption>
    </figure>
  );
});

/** How many of each hidden layer's units still pass a gradient back, now and over the run. */
export function UnitHealthPanel() {
  const t = useMessages();
  const words = t.inside.health;
  const run = useSelectedRun();
  const health = useThrottled(run?.health ?? null, INSIDE_REDRAW_MS);
  const history = useThrottled(run?.healthHistory ?? null, INSIDE_REDRAW_MS);
  const hidden = run?.config.hidden.length ?? 0;
  return (
    <article className="inside-panel" data-testid="unit-health" aria-labelledby="health-title">
      <h3 id="health-title">{words.title}</h3>
      <p className="look-for">{words.lookFor}</p>
      <dl className="definitions">
        <dt>{words.dead}</dt>
        <dd>{words.deadMeans}</dd>
        <dt>{words.saturated}</dt>
        <dd>{words.saturatedMeans}</dd>
        <dt>{words.meanDerivative}</dt>
        <dd>{words.meanDerivativeMeans}</dd>
      </dl>
      {hidden === 0 ? (
        <p className="caption">{words.noHidden}</p>
      ) : health ? (
        <>
          <Table health={health} />
          {history && run && <History history={history} layers={health.layers.length} end={plannedEnd(run, 'step')} />}
        </>
      ) : (
        <p className="caption">{run?.inWorker ? words.measuring : t.inside.notInWorker}</p>
      )}
    </article>
  );
}
