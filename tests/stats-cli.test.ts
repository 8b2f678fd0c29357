// `npm run train -- --stats [N]`: the flag and the lines it prints, as pure functions.
import { describe, expect, it } from 'vitest';
import { layerStatsJson, layerStatsLines, parseStatsFlag } from '../gpu/cli/layer-stats';
import { parseArgs } from '../gpu/cli/args';
import type { LayerHealth, NormStats, ProbeStats } from '../gpu/stats/types';

const norms: NormStats = {
  step: 469,
  layers: [
    { gradNorm: 0.405, weightNorm: 30, updateNorm: 0.35, updateRatio: 0.0117 },
    { gradNorm: 0.568, weightNorm: 5, updateNorm: 0.078, updateRatio: 0.0156 },
  ],
};
const layer: LayerHealth = {
  units: 128,
  deadFraction: 0.8828125,
  saturatedFraction: 0.953125,
  meanAbsDerivative: 0.0074,
  histogram: { edges: [], counts: [] },
  unitStates: new Uint8Array(128),
};
const health: ProbeStats = { step: 469, layers: [layer] };

describe('the --stats flag', () => {
  it('alone means each epoch; with a number, every that many steps too; anything else is refused', () => {
    expect(parseStatsFlag(undefined)).toBeNull();
    expect(parseStatsFlag(parseArgs(['--stats']).options.get('stats'))).toEqual({ every: null });
    expect(parseStatsFlag(parseArgs(['--stats', '200']).options.get('stats'))).toEqual({ every: 200 });
    for (const bad of ['0', '-3', '2.5', 'x', '']) expect(parseStatsFlag(bad)).toMatch(/--stats takes no value, or a whole number/);
  });
});

describe('the lines --stats prints', () => {
  it('give every layer its gradient norm and update ratio, and the hidden ones their health', () => {
    const [header, hidden, output] = layerStatsLines([784, 128, 10], norms, health);
    expect(header).toMatch(/^step 469: layer +shape +‖∂L\/∂W‖ +‖ΔW‖\/‖W‖ +dead +saturated +mean \|f′\|$/);
    expect(hidden.split(/\s+/).filter(Boolean)).toEqual(['1', '784→128', '4.05e-1', '1.17e-2', '88.3', '%', '95.3', '%', '0.0074']);
    expect(output.split(/\s+/).filter(Boolean)).toEqual(['2', '128→10', '5.68e-1', '1.56e-2']);
  });

  it('show "—" for the dead units of an activation that has none', () => {
    const [, hidden] = layerStatsLines([784, 128, 10], norms, { step: 469, layers: [{ ...layer, deadFraction: null }] });
    expect(hidden).toContain('—');
  });

  it('and the closing JSON holds the same figures', () => {
    expect(layerStatsJson(norms, health)).toEqual({
      step: 469,
      layers: [
        { gradNorm: 0.405, updateRatio: 0.0117, deadFraction: 0.8828125, saturatedFraction: 0.953125, meanAbsDerivative: 0.0074 },
        { gradNorm: 0.568, updateRatio: 0.0156 },
      ],
    });
  });
});
