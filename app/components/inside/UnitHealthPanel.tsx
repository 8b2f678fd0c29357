import { memo, useMemo } from 'react';
import type { ProbeStats } from '../../../gpu';
import { layerColour } from '../../inside/colours';
import { LEAKY_RELU_SLOPE } from '../../inside/formulas';
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
  return (
    <table className="health-table">
      <caption className="caption">On 1,000 test images, at step {health.step.toLocaleString('en')}</caption>
      <thead>
        <tr>
          <th scope="col">Layer</th>
          <th scope="col">Units</th>
          <th scope="col">Dead</th>
          <th scope="col">Saturated</th>
          <th scope="col">Mean |f′(z)|</th>
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
  const rows = useMemo(() => healthRows(history), [history]);
  const withDead = history.some((h) => h.dead.some((d) => d !== null));
  const lines = useMemo(() => {
    const drawn: StepLine[] = [];
    for (let i = 0; i < layers; i++) {
      if (withDead) drawn.push({ key: `dead${i}`, name: `dead, layer ${i + 1}`, colour: layerColour(i) });
      drawn.push({ key: `saturated${i}`, name: `saturated, layer ${i + 1}`, colour: layerColour(i), dashed: true });
    }
    return drawn;
  }, [layers, withDead]);
  if (rows.length < 2) return <p className="caption">The chart over steps fills in as the run trains.</p>;
  return (
    <figure className="inside-chart">
      <StepChart
        rows={rows}
        lines={lines}
        log={false}
        y={SHARE_AXIS}
        end={end}
        yTick={PERCENT_TICK}
        label={`Share of ${withDead ? 'dead (solid) and ' : ''}saturated (dashed) units per hidden layer over the run’s steps.`}
      />
      <figcaption className="caption">
        {withDead ? 'Solid: dead units; dashed: saturated units' : 'Saturated units'}, per layer, over the steps.
      </figcaption>
    </figure>
  );
});

/** How many of each hidden layer's units still pass a gradient back, now and over the run. */
export function UnitHealthPanel() {
  const run = useSelectedRun();
  const health = useThrottled(run?.health ?? null, INSIDE_REDRAW_MS);
  const history = useThrottled(run?.healthHistory ?? null, INSIDE_REDRAW_MS);
  const hidden = run?.config.hidden.length ?? 0;
  return (
    <article className="inside-panel" data-testid="unit-health" aria-labelledby="health-title">
      <h3 id="health-title">Unit health, per layer</h3>
      <p className="look-for">
        What to look for: a dead share that climbs and stays (ReLU with too large a learning rate), or most units saturated (Sigmoid
        or Tanh with large weights): either way little gradient reaches the layers before.
      </p>
      <dl className="definitions">
        <dt>Dead</dt>
        <dd>ReLU family only: z ≤ 0 on every probe image, so the unit outputs nothing that varies and passes no gradient (Leaky ReLU: only its {LEAKY_RELU_SLOPE} slope).</dd>
        <dt>Saturated</dt>
        <dd>f′(z) below 5 % of f′’s maximum on at least 95 % of the probe images: the unit sits on a flat part of the curve.</dd>
        <dt>Mean |f′(z)|</dt>
        <dd>The average slope over probe images and units: the factor the gradient is multiplied by on its way back through the layer.</dd>
      </dl>
      {hidden === 0 ? (
        <p className="caption">This run has no hidden layers: there are no hidden units to look at.</p>
      ) : health ? (
        <>
          <Table health={health} />
          {history && run && <History history={history} layers={health.layers.length} end={plannedEnd(run, 'step')} />}
        </>
      ) : (
        <p className="caption">{run?.inWorker ? 'Measuring on the probe images…' : 'Its model is not in the worker: nothing to measure.'}</p>
      )}
    </article>
  );
}
