import { memo, useMemo } from 'react';
import type { NormStats } from '../../../gpu';
import { layerColour } from '../../inside/colours';
import { formatDecade, formatStat, normRows, rowsLogAxis } from '../../inside/plot';
import type { RunRecord } from '../../state/run-record';
import { useSelectedRun, useVisibleRuns } from '../../state/trainer-provider';
import { plannedEnd } from '../chart/chart-layout';
import { useThrottled } from '../chart/use-throttled';
import { shortNames } from '../short-names';
import { INSIDE_REDRAW_MS } from './redraw';
import { tickLabel } from '../chart/tick-label';
import { StepChart, type StepLine } from './StepChart';

type Field = 'gradNorm' | 'updateRatio';

const FIELD_TEXT: Record<Field, string> = { gradNorm: '‖∂L/∂W‖', updateRatio: '‖ΔW‖ / ‖W‖' };

/** Layer i of n linear layers: the last one makes the logits. */
const layerName = (i: number, n: number) => (i === n - 1 ? `layer ${i + 1} (output)` : `layer ${i + 1}`);

const DECADE_TICK = tickLabel(formatDecade);

const LogChart = memo(function LogChart({ norms, field, runName, end }: { norms: readonly NormStats[]; field: Field; runName: string; end: number }) {
  const rows = useMemo(() => normRows(norms, field), [norms, field]);
  const axis = useMemo(() => rowsLogAxis(rows), [rows]);
  const layers = norms.at(-1)?.layers.length ?? 0;
  const lines = useMemo<StepLine[]>(
    () => Array.from({ length: layers }, (_, i) => ({ key: `layer${i}`, name: layerName(i, layers), colour: layerColour(i) })),
    [layers],
  );
  if (!axis || rows.length < 2) return <p className="caption">{FIELD_TEXT[field]}: the chart fills in as the run trains.</p>;
  return (
    <StepChart
      rows={rows}
      lines={lines}
      log
      y={axis}
      end={end}
      yTick={DECADE_TICK}
      label={`${FIELD_TEXT[field]} per layer over the steps of ${runName}, on a log scale.`}
    />
  );
});

/** The latest figures, written out: what the charts show, for reading and for screen readers. */
function Latest({ stats }: { stats: NormStats }) {
  const n = stats.layers.length;
  return (
    <table className="norms-table">
      <caption className="caption">At step {stats.step.toLocaleString('en')}</caption>
      <thead>
        <tr>
          <th scope="col">Layer</th>
          <th scope="col">{FIELD_TEXT.gradNorm}</th>
          <th scope="col">{FIELD_TEXT.updateRatio}</th>
        </tr>
      </thead>
      <tbody>
        {stats.layers.map((layer, i) => (
          <tr key={i} data-layer={i} data-grad-norm={String(layer.gradNorm)} data-update-ratio={String(layer.updateRatio)}>
            <th scope="row">
              <span className="block-swatch" style={{ background: layerColour(i) }} aria-hidden="true" />
              {layerName(i, n)}
            </th>
            <td>{formatStat(layer.gradNorm)}</td>
            <td>{formatStat(layer.updateRatio)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const RunFlow = memo(function RunFlow({ run, name, several }: { run: RunRecord; name: string; several: boolean }) {
  const norms = useThrottled(run.norms, INSIDE_REDRAW_MS);
  const latest = norms.at(-1);
  const end = plannedEnd(run, 'step');
  return (
    <figure className="flow" data-run-id={run.id} data-step={latest?.step}>
      {several && (
        <figcaption className="flow-name">
          <span className="run-swatch" style={{ background: run.color }} aria-hidden="true" />
          {name}
        </figcaption>
      )}
      {latest ? (
        <>
          <h4>{FIELD_TEXT.gradNorm}, per layer</h4>
          <LogChart norms={norms} field="gradNorm" runName={name} end={end} />
          <h4>{FIELD_TEXT.updateRatio}, per layer</h4>
          <LogChart norms={norms} field="updateRatio" runName={name} end={end} />
          <Latest stats={latest} />
        </>
      ) : (
        <p className="caption">{run.inWorker ? 'The norms come with the next training steps.' : 'Its model is not in the worker: nothing to measure.'}</p>
      )}
    </figure>
  );
});

/** The runs shown: with several visible (a comparison), each of them, side by side; else the selected one. */
function useFlowRuns(): readonly RunRecord[] {
  const selected = useSelectedRun();
  const visible = useVisibleRuns();
  if (!selected) return [];
  return visible.length > 1 && visible.some((run) => run.id === selected.id) ? visible : [selected];
}

/** How large each layer's gradient and update are, layer by layer over the steps: vanishing gradients show as lines far apart. */
export function GradientFlowPanel() {
  const runs = useFlowRuns();
  const names = useMemo(() => shortNames(runs), [runs]);
  return (
    <article className="inside-panel wide" data-testid="gradient-flow" aria-labelledby="flow-title">
      <h3 id="flow-title">Gradient flow</h3>
      <p className="look-for">
        What to look for: in a deep Sigmoid network the first layers’ gradients are orders of magnitude below the last’s (each sigmoid
        multiplies the gradient by 0.25 at most on its way back); with ReLU the lines stay close. An update ratio far above 10⁻³ means
        steps that rewrite the weights; far below, a layer that barely moves.
      </p>
      <dl className="definitions">
        <dt>{FIELD_TEXT.gradNorm}</dt>
        <dd>The size (Frobenius norm) of the loss’s gradient with respect to the layer’s weights, on a training batch.</dd>
        <dt>{FIELD_TEXT.updateRatio}</dt>
        <dd>How much one optimiser step changed the layer’s weights, relative to their size.</dd>
      </dl>
      <div className={runs.length > 1 ? 'flows several' : 'flows'}>
        {runs.map((run, i) => (
          <RunFlow key={run.id} run={run} name={names[i]} several={runs.length > 1} />
        ))}
      </div>
    </article>
  );
}
