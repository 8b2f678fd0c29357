import { memo, useEffect, useMemo, useState } from 'react';
import { activationAlphaOf, type ActivationCurve, type ActivationName, type ProbeStats } from '../../../gpu';
import { ACTIVATION_FORMULAS } from '../../inside/formulas';
import { layerColour } from '../../inside/colours';
import { activationScales, formatStat, histogramPath, linePath, shareAtOrBelow, type Box } from '../../inside/plot';
import { messages } from '../../i18n/messages';
import type { BackendKind } from '../../protocol';
import { usePlayground, useSelectedRun } from '../../state/trainer-provider';
import { useThrottled } from '../chart/use-throttled';
import { INSIDE_REDRAW_MS } from './redraw';

/** Tick labels with a true minus sign. */
const minus = (v: number) => String(v).replace('-', '−');

/** Where the kernels ran, in the panel's sentence. */
const BACKEND_WORDS: Record<BackendKind, string> = { webgpu: 'WebGPU', wasm: 'WebAssembly', cpu: 'the CPU (JavaScript)' };

const BOX: Box = { width: 420, height: 240, left: 34, right: 8, top: 8, bottom: 22 };

/** The curve through the engine's own kernels, asked for once per activation (the worker caches it). */
function useActivationCurve(name: ActivationName, alpha: number | undefined): { curve: ActivationCurve | null; error: string | null } {
  const { activationCurve } = usePlayground();
  const key = `${name} ${alpha ?? ''}`;
  const [answer, setAnswer] = useState<{ key: string; curve: ActivationCurve | null; error: string | null } | null>(null);
  useEffect(() => {
    let current = true;
    activationCurve(name, alpha).then(
      (curve) => current && setAnswer({ key, curve, error: null }),
      (error: unknown) => current && setAnswer({ key, curve: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [activationCurve, name, alpha, key]);
  return answer?.key === key ? answer : { curve: null, error: null };
}

interface PlotProps {
  curve: ActivationCurve;
  name: ActivationName;
  health: ProbeStats | null;
}

/** f, f′ and each hidden layer's histogram of z, in one SVG. */
const Plot = memo(function Plot({ curve, name, health }: PlotProps) {
  const scales = useMemo(() => activationScales(curve, BOX), [curve]);
  const layers = health?.layers ?? [];
  const label = `${messages().labels.activation[name]}: f(x) solid and f′(x) dashed for x from −6 to 6${
    layers.length > 0 ? `, over the histogram of each hidden layer’s pre-activations z at step ${health!.step}` : ''
  }.`;
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
    </svg>
  );
});

/** ReLU and Leaky ReLU pass nothing (or their slope) left of 0: the share of z there says how much of a layer is off. */
const CUT_AT_ZERO: readonly ActivationName[] = ['relu', 'leaky_relu'];

function Legend({ health, name }: { health: ProbeStats | null; name: ActivationName }) {
  return (
    <ul className="legend inside-legend">
      <li>
        <span className="line-swatch solid" aria-hidden="true" /> f(x)
      </li>
      <li>
        <span className="line-swatch dashed" aria-hidden="true" /> f′(x)
      </li>
      {health?.layers.map((layer, i) => (
        <li key={i}>
          <span className="block-swatch" style={{ background: layerColour(i) }} aria-hidden="true" />
          z of layer {i + 1} ({layer.units} units)
          {CUT_AT_ZERO.includes(name) && `: ${Math.round(100 * shareAtOrBelow(layer.histogram, 0))} % ≤ 0`}
        </li>
      ))}
    </ul>
  );
}

/** One row per plotted point, as the engine computed it: the figures behind the plot. */
const Values = memo(function Values({ curve }: { curve: ActivationCurve }) {
  return (
    <details className="values">
      <summary>Values</summary>
      <table data-testid="activation-values">
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
  const run = useSelectedRun();
  const name = run?.config.activation ?? 'relu';
  const hidden = run?.config.hidden.length ?? 0;
  const { curve, error } = useActivationCurve(name, run ? activationAlphaOf(run.config) : undefined);
  const health = useThrottled(run?.health ?? null, INSIDE_REDRAW_MS);
  const formula = ACTIVATION_FORMULAS[name];
  return (
    <article className="inside-panel" data-testid="activation-plot" data-activation={name} aria-labelledby="activation-title">
      <h3 id="activation-title">The activation at work: {messages().labels.activation[name]}</h3>
      <p className="look-for">
        What to look for: where the shaded histograms sit on the curve. Units whose z fall where f′ is near 0 (left of 0 for ReLU, the
        flat tails of Sigmoid and Tanh) pass almost no gradient back, and learn slowly or not at all.
      </p>
      <div className="activation-row">
        <div className="activation-figure">
          {curve ? <Plot curve={curve} name={name} health={hidden > 0 ? health : null} /> : <p className="caption">{error ?? 'Computing the curve…'}</p>}
          <Legend health={hidden > 0 ? health : null} name={name} />
        </div>
        <div className="formula">
          <p>
            <code>{formula.f}</code>
          </p>
          <p>
            <code>{formula.df}</code>
          </p>
          <p className="caption">{formula.slope}</p>
          <p className="caption">
            Computed by the engine’s own forward and backward kernels{run?.backend ? ` on ${BACKEND_WORDS[run.backend]}` : ''}: the
            curve drawn is the implementation. The shading is the distribution of each hidden layer’s pre-activations z on 1,000 test
            images{health ? ` at step ${health.step.toLocaleString('en')}` : ''}, each scaled to its tallest bin; values beyond ±6 are counted at the
            ends.
          </p>
          {hidden === 0 && <p className="caption">This run has no hidden layers: no activation is applied anywhere in it.</p>}
        </div>
      </div>
      {curve && <Values curve={curve} />}
    </article>
  );
}
