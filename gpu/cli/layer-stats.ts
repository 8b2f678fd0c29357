// `npm run train -- --stats [N]`: the layers' statistics as lines of text, as of an epoch's last
// step (and every N steps): each layer's gradient norm and update ratio, and the hidden layers'
// dead and saturated fractions and mean slope on the probe set.
import type { LayerNorms, NormStats, ProbeStats } from '../stats/types';

/**
 * The --stats flag: alone, statistics at each epoch's end (every: null); with a number N, also
 * every N steps. A message for anything else.
 */
export function parseStatsFlag(value: string | undefined): { every: number | null } | null | string {
  if (value === undefined) return null;
  if (value === 'true') return { every: null };
  const every = Number(value);
  if (!Number.isInteger(every) || every < 1) return `--stats takes no value, or a whole number of steps ≥ 1, got "${value}"`;
  return { every };
}

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const sci = (v: number) => v.toExponential(2);

/** One row per linear layer, input side first; hidden layers also report their health. */
export function layerStatsLines(sizes: readonly number[], norms: NormStats, health: ProbeStats): string[] {
  const header = `step ${norms.step}: layer  shape      ‖∂L/∂W‖   ‖ΔW‖/‖W‖  dead     saturated  mean |f′|`;
  const rows = norms.layers.map((n: LayerNorms, i) => {
    const shape = `${sizes[i]}→${sizes[i + 1]}`.padEnd(9);
    const layer = health.layers[i];
    const inside = layer
      ? `  ${percent(layer.deadFraction).padEnd(7)}  ${percent(layer.saturatedFraction).padEnd(9)}  ${layer.meanAbsDerivative.toFixed(4)}`
      : '';
    return `  ${String(i + 1).padStart(5)}  ${shape}  ${sci(n.gradNorm)}  ${sci(n.updateRatio)}${inside}`;
  });
  return [header, ...rows];
}

/** The same figures for the CLI's closing JSON line. */
export function layerStatsJson(norms: NormStats, health: ProbeStats) {
  return {
    step: norms.step,
    layers: norms.layers.map((n, i) => ({
      gradNorm: n.gradNorm,
      updateRatio: n.updateRatio,
      ...(health.layers[i] && {
        deadFraction: health.layers[i].deadFraction,
        saturatedFraction: health.layers[i].saturatedFraction,
        meanAbsDerivative: health.layers[i].meanAbsDerivative,
      }),
    })),
  };
}
