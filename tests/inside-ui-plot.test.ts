import { describe, expect, it } from 'vitest';
import type { ActivationCurve, NormStats } from '../gpu';
import { activationScales, formatDecade, formatStat, healthRows, histogramPath, linePath, normRows, rowsLogAxis, shareAtOrBelow, STEP_CHART_TICKS, stepAxis, thinDecades } from '../app/inside/plot';
import { logAxis } from '../app/runs/chart-axes';

const xs = Array.from({ length: 49 }, (_, i) => -6 + 0.25 * i);
const curve = (f: (x: number) => number, df: (x: number) => number): ActivationCurve => ({ xs, f: xs.map(f), df: xs.map(df) });
const BOX = { width: 360, height: 220, left: 40, right: 10, top: 10, bottom: 30 };

describe('the activation plot', () => {
  it('spans [−6, 6] across the plot area, with 0 and 1 in view', () => {
    const scales = activationScales(curve(Math.tanh, (x) => 1 - Math.tanh(x) ** 2), BOX);
    expect(scales.x(-6)).toBe(BOX.left);
    expect(scales.x(6)).toBe(BOX.width - BOX.right);
    expect(scales.yDomain).toEqual([-1, 1]);
    expect(scales.y(-1)).toBe(BOX.height - BOX.bottom);
    expect(scales.y(1)).toBe(BOX.top);
    expect(scales.xTicks).toEqual([-6, -4, -2, 0, 2, 4, 6]);
  });

  it('reaches ReLU’s 6 at the right edge and sigmoid’s range [0, 1]', () => {
    expect(activationScales(curve((x) => Math.max(0, x), (x) => (x > 0 ? 1 : 0)), BOX).yDomain).toEqual([0, 6]);
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    expect(activationScales(curve(sigmoid, (x) => sigmoid(x) * (1 - sigmoid(x))), BOX).yDomain).toEqual([0, 1]);
  });

  it('keeps a small dip below zero (GELU’s) from taking a quarter of the plot', () => {
    const gelu = (x: number) => (x * (1 + Math.tanh(0.8 * (x + 0.044715 * x ** 3)))) / 2;
    expect(activationScales(curve(gelu, () => 1), BOX).yDomain).toEqual([-1, 6]);
  });

  it('draws a line through the finite points only', () => {
    const scales = activationScales(curve(Math.tanh, () => 1), BOX);
    expect(linePath([0, 1, 2], [0, NaN, 1], scales).match(/[ML]/g)).toEqual(['M', 'L']);
  });

  it('draws a histogram as a step outline with its tallest bin at 85 % of the plot height', () => {
    const scales = activationScales(curve(Math.tanh, () => 1), BOX);
    const path = histogramPath({ edges: [-6, 0, 6], counts: [2, 4] }, scales);
    const ys = [...path.matchAll(/,(-?[\d.]+)/g)].map((m) => Number(m[1]));
    const plotHeight = BOX.height - BOX.bottom - BOX.top;
    expect(Math.min(...ys)).toBeCloseTo(BOX.height - BOX.bottom - 0.85 * plotHeight, 1);
    expect(path.endsWith('Z')).toBe(true);
    expect(histogramPath({ edges: [-6, 0, 6], counts: [0, 0] }, scales)).toBe('');
  });

  it('counts the share of a histogram at or left of an edge', () => {
    expect(shareAtOrBelow({ edges: [-1, 0, 1], counts: [3, 1] }, 0)).toBe(0.75);
    expect(shareAtOrBelow({ edges: [-1, 0, 1], counts: [0, 0] }, 0)).toBe(0);
  });
});

describe('the axes of the charts over steps', () => {
  it('puts a log axis on whole decades around the values, leaving out what a log axis cannot show', () => {
    const norms: NormStats[] = [
      { step: 10, layers: [{ gradNorm: 0.0016, weightNorm: 1, updateNorm: 1, updateRatio: 0.001 }, { gradNorm: 0.3, weightNorm: 1, updateNorm: 1, updateRatio: 0 }] },
      { step: 20, layers: [{ gradNorm: NaN, weightNorm: 1, updateNorm: 1, updateRatio: 0.002 }, { gradNorm: 0.25, weightNorm: 1, updateNorm: 1, updateRatio: 0.01 }] },
    ];
    const rows = normRows(norms, 'gradNorm');
    expect(rows).toEqual([
      { step: 10, layer0: 0.0016, layer1: 0.3 },
      { step: 20, layer0: null, layer1: 0.25 },
    ]);
    expect(rowsLogAxis(rows)).toEqual({ domain: [0.001, 1], ticks: [0.001, 0.01, 0.1, 1] });
    expect(normRows(norms, 'updateRatio')[0].layer1).toBeNull();
    expect(rowsLogAxis([{ step: 1, layer0: 0.5 }])).toEqual({ domain: [0.1, 1], ticks: [0.1, 1] });
    expect(rowsLogAxis([{ step: 1, layer0: null }])).toBeNull();
  });

  it('gives the unit-health chart one row per step, dead null where the activation has none', () => {
    expect(healthRows([{ step: 5, dead: [null], saturated: [0.25], meanAbs: [0.1] }])).toEqual([{ step: 5, dead0: null, saturated0: 0.25 }]);
  });

  it('writes figures with three significant digits, and powers of ten with superscripts', () => {
    expect(formatStat(0.30412)).toBe('0.304');
    expect(formatStat(1.18)).toBe('1.18');
    expect(formatStat(0.00016)).toBe('1.60×10⁻⁴');
    expect(formatStat(0)).toBe('0');
    expect(formatStat(NaN)).toBe('NaN');
  });

  it('writes a log axis’s decades short: 0.001 as it is, 10⁻⁴ beyond', () => {
    expect(formatDecade(0.001)).toBe('0.001');
    expect(formatDecade(1e-4)).toBe('10⁻⁴');
    expect(formatDecade(1e-12)).toBe('10⁻¹²');
    expect(formatDecade(1e5)).toBe('10⁵');
    expect(formatDecade(10)).toBe('10');
    expect(formatDecade(0.3)).toBe('0.3');
  });
});

describe('a log axis over a run that blew up', () => {
  it('keeps at most the ticks a small chart holds, on multiples of a step of decades, 1 among them', () => {
    const exponents = (ticks: number[]) => ticks.map((v) => Math.round(Math.log10(v)));
    expect(exponents(thinDecades(logAxis(1e-9, 1e9), 7).ticks)).toEqual([-9, -6, -3, 0, 3, 6, 9]);
    expect(thinDecades(logAxis(1e-9, 1e9), 7).domain).toEqual([1e-9, 1e9]);
    expect(exponents(thinDecades(logAxis(1e-3, 1e4), 7).ticks)).toEqual([-2, 0, 2, 4]);
    expect(thinDecades(logAxis(1e-3, 10), 7)).toEqual(logAxis(1e-3, 10));
  });

  it('gives the gradient-flow chart short, few ticks from 10⁻⁹ to 10⁹ and across float32’s whole range', () => {
    for (const [low, high] of [[1e-9, 1e9], [3e-7, 2e9], [1.4e-45, 3.4e38], [0.5, 0.7]]) {
      const axis = rowsLogAxis([{ step: 1, layer0: low }, { step: 2, layer0: high }])!;
      expect(axis.ticks.length, `${low} to ${high}`).toBeLessThanOrEqual(STEP_CHART_TICKS);
      expect(axis.ticks.length).toBeGreaterThan(0);
      expect(axis.domain[0]).toBeLessThanOrEqual(low);
      expect(axis.domain[1]).toBeGreaterThanOrEqual(high);
      // The y axis has room for five characters (StepChart's Y_AXIS_WIDTH).
      for (const tick of axis.ticks) expect(formatDecade(tick).length, formatDecade(tick)).toBeLessThanOrEqual(5);
    }
  });
});

describe('the steps axis', () => {
  it('runs from 0 to the step the run will end at, and stays put as it trains', () => {
    expect(stepAxis([{ step: 10 }, { step: 250 }], 469)).toEqual({ domain: [0, 500], ticks: [0, 100, 200, 300, 400, 500] });
    expect(stepAxis([{ step: 10 }, { step: 390 }], 469)).toEqual(stepAxis([{ step: 10 }], 469));
  });

  it('reaches past the planned end for a run trained on beyond it', () => {
    expect(stepAxis([{ step: 1200 }], 469).domain[1]).toBeGreaterThanOrEqual(1200);
  });
});
