// The statistics kernels on every backend against float64 formulas written out here: histogram and
// unit counts exact, sums within float32's reach, the activation curve through the op's kernels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accumulateMetrics } from '../gpu/ops/classes';
import { ACTIVATIONS, ACTIVATION_NAMES, activationAttrs, type ActivationName } from '../gpu/ops/activation';
import { Random } from '../gpu/nn/random';
import { activationCurve, maxDerivative } from '../gpu/stats/curve';
import { HISTOGRAM_BINS, NORM_GROUPS, copyInto, countConfusion, layerNorms, unitHealth } from '../gpu/stats/kernels';
import { curvePoints, layerHealth, layerNorms as summarizeNorms, normsLength, probeLayout } from '../gpu/stats/summaries';
import type { Engine } from '../gpu/tensor';
import { VALUE_BACKENDS, engineOn, scaled } from './backends';
import { expectClose } from './helpers';

/** Values as float32 holds them, so that every backend sees the very same inputs. */
const f32 = (values: number[]) => values.map(Math.fround);

/** The bin of v, written independently of the kernels: v + 6 is exact in float64 for a float32 v. */
const binOf = (v: number) => (v < -6 ? 0 : v >= 6 ? HISTOGRAM_BINS - 1 : Math.floor((v + 6) / 0.25));

const df = (name: ActivationName, v: number) => (ACTIVATIONS[name].df as (x: number, a: object) => number)(v, activationAttrs(name));

describe.each(VALUE_BACKENDS)('statistics kernels on $name', (backend) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await engineOn(backend);
  });
  afterAll(() => engine.backend.destroy());

  // 130 units: two full workgroups of 64 and a partial one; every bin edge and both ends of the range.
  const rows = 37;
  const units = 130;
  const random = new Random(3);
  const edges = curvePoints();
  const z = f32(Array.from({ length: rows * units }, (_, i) => (i < edges.length ? edges[i] : i % 11 === 0 ? random.uniform(-9, 9) : random.uniform(-6.5, 6.5))));
  z[units] = -1e-7; // just left of 0: the bin below, and not positive
  z[units + 1] = 0; // 0 itself is not positive
  z[units + 2] = 5.9999995; // the last bin from inside, 6 (an edge above) from outside

  it.each(ACTIVATION_NAMES)('%s: the histogram and the positives exactly, saturation and Σ|f′| as the formulas give them', async (name) => {
    const saturation = 0.05 * maxDerivative(name);
    const { slots, length } = probeLayout([units]);
    const out = engine.tensor([length + 5]);
    const zt = engine.tensor([rows, units], z);
    unitHealth(out, zt, { activation: name, attrs: activationAttrs(name), saturation, histOffset: slots[0].histOffset + 5, unitOffset: slots[0].unitOffset + 5 });
    const raw = (await out.read()).subarray(5);
    const health = layerHealth(raw, slots[0], rows, true);
    const want = new Array<number>(HISTOGRAM_BINS).fill(0);
    for (const v of z) want[binOf(v)]++;
    expect(health.histogram.counts).toEqual(want);
    expect(health.histogram.edges).toEqual(edges);
    for (let u = 0; u < units; u++) {
      const column = Array.from({ length: rows }, (_, r) => z[r * units + u]);
      const base = slots[0].unitOffset + 3 * u;
      expect(raw[base]).toBe(column.filter((v) => v > 0).length);
      const slopes = column.map((v) => df(name, v));
      // float32 and WGSL's exp may put a slope within a hair of the threshold on its other side.
      const near = slopes.filter((d) => Math.abs(d - saturation) <= 1e-5 * saturation).length;
      expect(Math.abs(raw[base + 1] - slopes.filter((d) => d < saturation).length)).toBeLessThanOrEqual(near);
      expectClose([raw[base + 2]], [slopes.reduce((s, d) => s + Math.abs(d), 0)], ...tolerance(rows), `Σ|f′| of unit ${u}`);
    }
    engine.dispose(out);
    engine.dispose(zt);
  });

  /** Sums of `n` terms: the backend's tolerance, widened by the terms' count for float32. */
  function tolerance(n: number): [number, number] {
    const { abs, rel } = scaled(backend.tolerance, n);
    return [abs, rel];
  }

  it('layer norms: the partial sums add up to ‖grad‖², ‖W‖² and ‖W − W_before‖²', async () => {
    const n = 5003;
    const gen = new Random(9);
    const values = () => f32(Array.from({ length: n }, () => gen.uniform(-1, 1)));
    const [grad, weight] = [values(), values()];
    const prev = weight.map((w, i) => Math.fround(w - (i % 3) * 1e-3 * gen.uniform(-1, 1)));
    const tensors = [grad, weight, [0, 0, 0, ...prev]].map((v) => engine.tensor([v.length], v));
    const out = engine.tensor([normsLength(2)]);
    layerNorms(out, 3 * NORM_GROUPS, tensors[0], tensors[1], tensors[2], 3);
    const [, norms] = summarizeNorms(await out.read(), 2);
    const sq = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    const update = sq(weight.map((w, i) => w - prev[i]));
    expectClose([norms.gradNorm, norms.weightNorm, norms.updateNorm], [sq(grad), sq(weight), update], 1e-12, 1e-5, 'norms');
    expect(norms.updateRatio).toBeCloseTo(update / sq(weight), 6);
    for (const t of [...tensors, out]) engine.dispose(t);
  });

  it('confusion: counts by the accuracy’s argmax (the first of a tie), predictions in place, diagonal = hits', async () => {
    const count = 300;
    const gen = new Random(4);
    const scores = f32(Array.from({ length: count * 10 }, (_, i) => (i % 10 < 3 && i < 300 ? 1 : Math.floor(gen.uniform(0, 4)))));
    const labels = Array.from({ length: count }, () => Math.floor(gen.uniform(0, 10)));
    const s = engine.tensor([count, 10], scores);
    const y = engine.tensor([count], labels, { dtype: 'u32' });
    const out = engine.tensor([100 + 1000], new Uint32Array(1100), { dtype: 'u32' });
    const totals = engine.tensor([2], [0, 0]);
    const one = engine.tensor([], [1]);
    countConfusion(out, s, y, 700);
    accumulateMetrics(totals, s, y, one);
    const [raw, [, hits]] = await Promise.all([out.read(), totals.read()]);
    const want = new Array<number>(100).fill(0);
    for (let r = 0; r < count; r++) {
      const row = scores.slice(r * 10, r * 10 + 10);
      const best = row.indexOf(Math.max(...row));
      want[labels[r] * 10 + best]++;
      expect(raw[100 + 700 + r]).toBe(best);
    }
    expect(Array.from(raw.subarray(0, 100))).toEqual(want);
    expect([0, 11, 22, 33, 44, 55, 66, 77, 88, 99].reduce((sum, i) => sum + raw[i], 0)).toBe(hits);
    for (const t of [s, y, out, totals, one]) engine.dispose(t);
  });

  it('copyInto copies exactly, at offsets', async () => {
    const x = engine.tensor([6], f32([1.1, 2.2, 3.3, 4.4, 5.5, 6.6]));
    const out = engine.tensor([5], [9, 9, 9, 9, 9]);
    copyInto(out, 1, x, 3, 2);
    expect(Array.from(await out.read())).toEqual([9, ...f32([3.3, 4.4, 5.5]), 9]);
    engine.dispose(x);
    engine.dispose(out);
  });

  it.each(ACTIVATION_NAMES)('%s: the curve over [−6, 6] is the op’s f and f′', async (name) => {
    const curve = await activationCurve(engine, name);
    expect(curve.xs).toEqual(edges);
    const attrs = activationAttrs(name);
    const f = ACTIVATIONS[name].f as (x: number, a: object) => number;
    expectClose(curve.f, curve.xs.map((x) => f(x, attrs)), backend.tolerance.abs, backend.tolerance.rel, `${name} f`);
    expectClose(curve.df, curve.xs.map((x) => df(name, x)), backend.tolerance.abs, backend.tolerance.rel, `${name} f′`);
  });

  it('tanh plots f(0) = 0 and f′(0) = 1 exactly', async () => {
    const curve = await activationCurve(engine, 'tanh');
    const zero = curve.xs.indexOf(0);
    expect([curve.f[zero], curve.df[zero]]).toEqual([0, 1]);
  });
});

describe('maxDerivative', () => {
  it('is 1 for the ReLU family and tanh, 1/4 for the sigmoid, the hump of GELU and SiLU', () => {
    for (const name of ['relu', 'leaky_relu', 'tanh', 'elu', 'softplus'] as const) expect(maxDerivative(name)).toBeCloseTo(1, 12);
    expect(maxDerivative('sigmoid')).toBeCloseTo(0.25, 12);
    // GELU′′ = φ(x)(2 − x²): the top at √2, Φ(√2) + √2·φ(√2).
    const phi = Math.exp(-1) / Math.sqrt(2 * Math.PI);
    expect(maxDerivative('gelu')).toBeCloseTo(0.5 * (1 + 0.8427007929497149) + Math.SQRT2 * phi, 10);
    expect(maxDerivative('silu')).toBeCloseTo(1.0998, 4);
    expect(maxDerivative('gelu_tanh')).toBeCloseTo(maxDerivative('gelu'), 3);
  });

  it('follows the attributes: a leaky slope or an ELU alpha above 1', () => {
    expect(maxDerivative('leaky_relu', { alpha: 2 })).toBeCloseTo(2, 12);
    expect(maxDerivative('elu', { alpha: 1.5 })).toBeCloseTo(1.5, 3);
  });
});

describe('summaries', () => {
  it('lays the probe buffer out as per-workgroup histograms, then per-unit triples, layer after layer', () => {
    expect(probeLayout([130, 10])).toEqual({
      slots: [
        { units: 130, histOffset: 0, unitOffset: 3 * HISTOGRAM_BINS },
        { units: 10, histOffset: 3 * HISTOGRAM_BINS + 390, unitOffset: 4 * HISTOGRAM_BINS + 390 },
      ],
      length: 4 * HISTOGRAM_BINS + 420,
    });
  });

  it('dead wins over saturated; saturation needs 95 % of the rows; dead only where it applies', () => {
    const { slots } = probeLayout([4]);
    const raw = new Array<number>(HISTOGRAM_BINS).fill(0);
    raw[24] = 80;
    // positives, saturated rows, Σ|f′| for 4 units over 20 rows.
    raw.push(0, 20, 0, 3, 19, 2, 5, 18, 4, 20, 0, 14);
    const health = layerHealth(raw, slots[0], 20, true);
    expect(Array.from(health.unitStates)).toEqual([1, 2, 0, 0]);
    expect([health.deadFraction, health.saturatedFraction, health.meanAbsDerivative]).toEqual([0.25, 0.5, 20 / 80]);
    expect(health.histogram.counts[24]).toBe(80);
    const smooth = layerHealth(raw, slots[0], 20, false);
    expect(smooth.deadFraction).toBeNull();
    expect(Array.from(smooth.unitStates)).toEqual([2, 2, 0, 0]);
  });

  it('an update of zero weights is an infinite ratio, no update of them none', () => {
    const raw = new Array<number>(normsLength(2)).fill(0);
    raw[2] = 4; // layer 0: ‖ΔW‖² = 4, ‖W‖ = 0
    raw[3 * NORM_GROUPS + 1] = 9; // layer 1: ‖W‖² = 9, no update
    expect(summarizeNorms(raw, 2).map((n) => n.updateRatio)).toEqual([Infinity, 0]);
  });
});
