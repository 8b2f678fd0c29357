import { memo, useEffect, useMemo, useState } from 'react';
import { activationAlphaOf, type ActivationCurve, type ActivationName, type ProbeStats } from '../../../gpu';
import { ACTIVATION_FORMULAS } from '../../inside/formulas';
import { layerColour } from '../../inside/colours';
import { activationScales, formatStat, histogramPath, linePath, shareAtOrBelow, type Box } from '../../inside/plot';
import { useMessages } from '../../i18n/use-messages';
import { saidOf, word, type Said } from '../../i18n/said';
import { usePlayground, useSelectedRun } from '../../state/trainer-provider';
import { AxisTitles, AxisTitleText } from '../chart/AxisTitles';
import { useThrottled } from '../chart/use-throttled';
import { INSIDE_REDRAW_MS } from './redraw';

/** Tick labels with a true minus sign. */
const minus = (v: number) => String(v).replace('-', '−');

// Room for the titles: the y axis' left of its ticks, the x axis' under them, the histograms' at the right.
const BOX: Box = { width: 420, height: 260, left: 48, right: 26, top: 8, bottom: 40 };
const AREA = { x: BOX.left, y: BOX.top, width: BOX.width - BOX.left - BOX.right, height: BOX.height - BOX.top - BOX.bottom };
const TITLE_PLACES = { below: 32, left: 12 };
const Y_TITLE = { formula: 'f(x), f′(x)' };

/** The curve through the engine's own kernels, asked for once per activation (the worker caches it). */
function useActivationCurve(name: ActivationName, alpha: number | undefined): { curve: ActivationCurve | null; error: string | null } {
  const { activationCurve } = usePlayground();
  const t = useMessages();
  const key = `${name} ${alpha ?? ''}`;
  const [answer, setAnswer] = useState<{ key: string; curve: ActivationCurve | null; error: Said | null } | null>(null);
  useEffect(() => {
    let current = true;
    activationCurve(name, alpha).then(
      (curve) => current && setAnswer({ key, curve, error: null }),
      (error: unknown) => current && setAnswer({ key, curve: null, error: saidOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [activationCurve, name, alpha, key]);
  return answer?.key === key ? { curve: answer.curve, error: answer.error === null ? null : word(answer.error, t) } : { curve: null, error: null };
}

interface PlotProps {
  curve: ActivationCurve;
  name: ActivationName;
  health: ProbeStats | null;
}

/** f, f′ and each hidden layer's histogram of z, in one SVG. */
const Plot = memo(function Plot({ curve, name, health }: PlotProps) {
  const t = useMessages();
  const scales = useMemo(() => activationScales(curve, BOX), [curve]);
  const layers = health?.layers ?? [];
  const shown = t.labels.activation[name];
  const label = health && layers.length > 0 ? t.inside.activation.plotLabelWithLayers(shown, health.step) : t.inside.activation.plotLabel(shown);
  return (
    <svg className="activation-svg" viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={label}>
      {layers.map((layer, i) => (
        <path key={i} d={histogramPath(layer.histogram, scales)} fill={layerColour(i)} fillOpacity={0.12} stroke={layerColour(i)} strokeWidth={1} />
      ))}
      {scales.yTicks.map((v) => (
        <g key={`y${v}`}>
          <line x1={BOX.left} x2={BOX.width - BOX.right} y1={scales.y(v)} y2={scales.y(v)} className={v === 0 ? 'axis' : 'grid'} />
          <text x={BOX.left - 4} y={scales.y(v)} dy="0.32em" textAnchor="end" className="tick">
            {minus(v)}
          </text>
        </g>
      ))}
      {scales.xTicks.map((v) => (
        <g key={`x${v}`}>
          <line x1={scales.x(v)} x2={scales.x(v)} y1={scales.top} y2={scales.base} className={v === 0 ? 'axis' : 'grid'} />
          <text x={scales.x(v)} y={scales.base + 14} textAnchor="middle" className="tick">
            {minus(v)}
          </text>
        </g>
      ))}
      <path d={linePath(curve.xs, curve.f, scales)} className="curve-f" />
      <path d={linePath(curve.xs, curve.df, scales)} className="curve-df" />
      <AxisTitles area={AREA} x={{ formula: 'x', words: t.inside.activation.xTitle }} y={Y_TITLE} {...TITLE_PLACES} />
      {layers.length > 0 && (
        <g className="axis-titles">
          <AxisTitleText title={{ words: t.inside.activation.histogramTitle }} x={BOX.width - 14} y={AREA.y + AREA.height / 2} turn={90} testId="histogram-title" />
        </g>
      )}
    </svg>
  );
});

/** ReLU and Leaky ReLU pass nothing (or their slope) left of 0: the share of z there says how much of a layer is off. */
const CUT_AT_ZERO: readonly ActivationName[] = ['relu', 'leaky_relu'];

function Legend({ health, name }: { health: ProbeStats | null; name: ActivationName }) {
  const t = useMessages();
  return (
    <ul className="legend inside-legend">
      <li translate="no">
        <span className="line-swatch solid" aria-hidden="true" /> f(x)
      </li>
      <li translate="no">
        <span className="line-swatch dashed" aria-hidden="true" /> f′(x)
      </li>
      {health?.layers.map((layer, i) => (
        <li key={i}>
          <span className="block-swatch" style={{ background: layerColour(i) }} aria-hidden="true" />
          {t.inside.activation.layerZ(i + 1, layer.units)}
          {CUT_AT_ZERO.includes(name) && t.inside.activation.atOrBelowZero(Math.round(100 * shareAtOrBelow(layer.histogram, 0)))}
        </li>
      ))}
    </ul>
  );
}

/** One row per plotted point, as the engine computed it: the figures behind the plot. */
const Values = memo(function Values({ curve }: { curve: ActivationCurve }) {
  const t = useMessages();
  return (
    <details className="values">
      <summary>{t.inside.activation.values}</summary>
      <table data-testid="activation-values" translate="no">
        <thead>
          <tr>
            <th scope="col">x</th>
            <th scope="col">f(x)</th>
            <th scope="col">f′(x)</th>
          </tr>
        </thead>
        <tbody>
          {curve.xs.map((x, i) => (
            <tr key={x} data-x={String(x)} data-f={String(curve.f[i])} data-df={String(curve.df[i])}>
              <td>{x}</td>
              <td>{formatStat(curve.f[i])}</td>
              <td>{formatStat(curve.df[i])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
});

/** The run's activation as its backend computes it, with where each hidden layer's units sit on it. */
export function ActivationPanel() {
  const t = useMessages();
  const words = t.inside.activation;
  const run = useSelectedRun();
  const name = run?.config.activation ?? 'relu';
  const hidden = run?.config.hidden.length ?? 0;
  const { curve, error } = useActivationCurve(name, run ? activationAlphaOf(run.config) : undefined);
  const health = useThrottled(run?.health ?? null, INSIDE_REDRAW_MS);
  const formula = ACTIVATION_FORMULAS[name];
  return (
    <article className="inside-panel" data-testid="activation-plot" data-activation={name} aria-labelledby="activation-title">
      <h3 id="activation-title">{words.title(t.labels.activation[name])}</h3>
      <p className="look-for">{words.lookFor}</p>
      <div className="activation-row">
        <div className="activation-figure">
          {curve ? <Plot curve={curve} name={name} health={hidden > 0 ? health : null} /> : <p className="caption">{error ?? words.computing}</p>}
          <Legend health={hidden > 0 ? health : null} name={name} />
        </div>
        <div className="formula">
          <p translate="no">
            <code>{formula.f}</code>
          </p>
          <p translate="no">
            <code>{formula.df}</code>
          </p>
          <p className="caption">{words.slope[name]}</p>
          <p className="caption">{words.computedBy(run?.backend ? words.backend[run.backend] : null, health?.step ?? null)}</p>
          {hidden === 0 && <p className="caption">{words.noHidden}</p>}
        </div>
      </div>
      {curve && <Values curve={curve} />}
    </article>
  );
}
