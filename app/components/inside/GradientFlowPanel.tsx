import { memo, useMemo } from 'react';
import type { NormStats } from '../../../gpu';
import { useMessages } from '../../i18n/use-messages';
import type { Catalogue } from '../../i18n/messages';
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

/** The figures' names: formulas, written the same in every language. */
const FIELD_TEXT: Record<Field, string> = { gradNorm: '‖∂L/∂W‖', updateRatio: '‖ΔW‖ / ‖W‖' };

/** Layer i of n linear layers: the last one makes the logits. */
const layerName = (t: Catalogue, i: number, n: number) => (i === n - 1 ? t.inside.flow.outputLayer(i + 1) : t.inside.flow.layer(i + 1));

const DECADE_TICK = tickLabel(formatDecade);

const LogChart = memo(function LogChart({ norms, field, runName, end }: { norms: readonly NormStats[]; field: Field; runName: string; end: number }) {
  const t = useMessages();
  const rows = useMemo(() => normRows(norms, field), [norms, field]);
  const axis = useMemo(() => rowsLogAxis(rows), [rows]);
  const layers = norms.at(-1)?.layers.length ?? 0;
  const lines = useMemo<StepLine[]>(
    () => Array.from({ length: layers }, (_, i) => ({ key: `layer${i}`, name: layerName(t, i, layers), colour: layerColour(i) })),
    [layers, t],
  );
  const yTitle = useMemo(() => ({ formula: FIELD_TEXT[field], words: t.inside.flow.logScale }), [field, t]);
  if (!axis || rows.length < 2) return <p className="caption">{t.inside.flow.fillsIn(FIELD_TEXT[field])}</p>;
  return (
    <StepChart
      rows={rows}
      lines={lines}
      log
      y={axis}
      end={end}
      yTick={DECADE_TICK}
      label={t.inside.flow.chartLabel(FIELD_TEXT[field], runName)}
      yTitle={yTitle}
    />
  );
});

/** The latest figures, written out: what the charts show, for reading and for screen readers. */
function Latest({ stats }: { stats: NormStats }) {
  const t = useMessages();
  const n = stats.layers.length;
  return (
    <table className="norms-table">
      <caption className="caption">{t.inside.flow.atStep(stats.step)}</caption>
      <thead>
        <tr>
          <th scope="col">{t.inside.flow.layerHead}</th>
          <th scope="col" translate="no">{FIELD_TEXT.gradNorm}</th>
          <th scope="col" translate="no">{FIELD_TEXT.updateRatio}</th>
        </tr>
      </thead>
      <tbody>
        {stats.layers.map((layer, i) => (
          <tr key={i} data-layer={i} data-grad-norm={String(layer.gradNorm)} data-update-ratio={String(layer.updateRatio)}>
            <th scope="row">
              <span className="block-swatch" style={{ background: layerColour(i) }} aria-hidden="true" />
              {layerName(t, i, n)}
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
  const t = useMessages();
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
          <h4>{t.inside.flow.perLayer(FIELD_TEXT.gradNorm)}</h4>
          <LogChart norms={norms} field="gradNorm" runName={name} end={end} />
          <h4>{t.inside.flow.perLayer(FIELD_TEXT.updateRatio)}</h4>
          <LogChart norms={norms} field="updateRatio" runName={name} end={end} />
          <Latest stats={latest} />
        </>
      ) : (
        <p className="caption">{run.inWorker ? t.inside.flow.comesNext : t.inside.notInWorker}</p>
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
  const t = useMessages();
  const words = t.inside.flow;
  const runs = useFlowRuns();
  const names = useMemo(() => shortNames(runs), [runs]);
  return (
    <article className="inside-panel wide" data-testid="gradient-flow" aria-labelledby="flow-title">
      <h3 id="flow-title">{words.title}</h3>
      <p className="look-for">{words.lookFor}</p>
      <dl className="definitions">
        <dt translate="no">{FIELD_TEXT.gradNorm}</dt>
        <dd>{words.gradNormMeans}</dd>
        <dt translate="no">{FIELD_TEXT.updateRatio}</dt>
        <dd>{words.updateRatioMeans}</dd>
      </dl>
      <div className={runs.length > 1 ? 'flows several' : 'flows'}>
        {runs.map((run, i) => (
          <RunFlow key={run.id} run={run} name={names[i]} several={runs.length > 1} />
        ))}
      </div>
    </article>
  );
}
