// The trainer's statistics on every backend, against the same figures computed here on the host
// from what the device holds: norms of a step, probe health, first-layer weights, one input's
// losses, the confusion counts. Asking for them changes no trained value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, activationAttrs, type ActivationName } from '../gpu/ops/activation';
import { gatherBatch } from '../gpu/ops/gather';
import { maxDerivative } from '../gpu/stats/curve';
import { HISTOGRAM_BINS, binOf } from '../gpu/stats/kernels';
import { PROBE_SIZE } from '../gpu/stats/types';
import type { Engine, Tensor } from '../gpu/tensor';
import { DEFAULT_CONFIG, INPUT_SIZE, NORMALIZATIONS, type TrainConfig } from '../gpu/train/config';
import { Trainer } from '../gpu/train/trainer';
import { BACKENDS, engineOn } from './backends';
import { expectClose } from './helpers';
import { syntheticData, syntheticSet } from './synthetic';

const config: TrainConfig = { ...DEFAULT_CONFIG, hidden: [24, 12], batchSize: 32, lossEvery: 1000, optimizer: 'adam', lr: 0.01 };
const TEST_COUNT = 1100;
const sq = (values: ArrayLike<number>) => Math.sqrt(Array.from(values).reduce((s, v) => s + v * v, 0));

describe.each(BACKENDS)('trainer statistics on $name', (backend) => {
  let engine: Engine;
  beforeAll(async () => {
    // No stand-ins: a recount's forward pass runs the very kernels the probe's does.
    engine = await engineOn(backend, { standIns: false });
  });
  afterAll(() => engine.backend.destroy());
  const trainer = (overrides: Partial<TrainConfig> = {}, testCount = 60) =>
    new Trainer(engine, syntheticData(engine, 200, testCount), { ...config, ...overrides });

  it('norms: on the requested step only, ‖∂L/∂W‖, ‖W‖ and ‖ΔW‖ of every layer as the host computes them', async () => {
    const t = trainer();
    await t.trainStep().loss;
    const before = await t.checkpoint();
    t.requestNorms();
    const step = t.trainStep();
    expect(step.norms).not.toBeNull();
    const grads = await Promise.all(t.model.layers.map((l) => l.weight.grad!.read()));
    const after = await t.checkpoint();
    const norms = (await step.norms)!;
    expect(norms.step).toBe(2);
    expect(norms.layers).toHaveLength(3);
    norms.layers.forEach((n, i) => {
      const w = after.parameters[2 * i];
      const update = sq(w.map((v, j) => v - before.parameters[2 * i][j]));
      expectClose([n.gradNorm, n.weightNorm, n.updateNorm, n.updateRatio], [sq(grads[i]), sq(w), update, update / sq(w)], 1e-9, 1e-5, `layer ${i}`);
    });
    expect(t.trainStep().norms).toBeNull();
    t.dispose();
  });

  it('asking for every statistic at every step trains exactly as asking for none', async () => {
    const [watched, plain] = [trainer(), trainer()];
    const losses: [number[], number[]] = [[], []];
    for (let i = 0; i < 8; i++) {
      watched.requestNorms();
      const a = watched.trainStep({ readLoss: true });
      void watched.probe();
      void watched.firstLayerWeights();
      const b = plain.trainStep({ readLoss: true });
      losses[0].push((await a.loss)!);
      losses[1].push((await b.loss)!);
      await a.norms;
    }
    expect(losses[0]).toEqual(losses[1]);
    const [x, y] = await Promise.all([watched.checkpoint(), plain.checkpoint()]);
    expect(x.parameters).toEqual(y.parameters);
    expect(await watched.evaluate()).toEqual(await plain.evaluate());
    watched.dispose();
    plain.dispose();
  });

  it.each(['relu', 'sigmoid'] as const)('%s probe: the first 1000 test images, counted as the host counts the layers’ z', async (activation) => {
    const t = trainer({ activation }, TEST_COUNT);
    for (let i = 0; i < 3; i++) t.trainStep();
    const stats = await t.probe();
    expect(stats.step).toBe(3);
    const zs = await preActivations(t, PROBE_SIZE);
    const saturation = 0.05 * maxDerivative(activation);
    stats.layers.forEach((layer, i) => {
      const units = config.hidden[i];
      const z = zs[i];
      const want = new Array<number>(HISTOGRAM_BINS).fill(0);
      for (const v of z) want[binOf(v)]++;
      expect(layer.histogram.counts).toEqual(want);
      expect(layer.units).toBe(units);
      let dead = 0;
      let saturated = 0;
      let near = 0;
      let absSum = 0;
      for (let u = 0; u < units; u++) {
        const column = Array.from({ length: PROBE_SIZE }, (_, r) => z[r * units + u]);
        const slopes = column.map((v) => slope(activation, v));
        if (column.every((v) => v <= 0)) dead++;
        if (slopes.filter((d) => d < saturation).length >= 0.95 * PROBE_SIZE) saturated++;
        near += slopes.some((d) => Math.abs(d - saturation) < 1e-5 * saturation) ? 1 : 0;
        absSum += slopes.reduce((s, d) => s + Math.abs(d), 0);
      }
      expect(layer.deadFraction).toBe(activation === 'relu' ? dead / units : null);
      expect(Math.abs(layer.saturatedFraction * units - saturated)).toBeLessThanOrEqual(near);
      expect(layer.meanAbsDerivative).toBeCloseTo(absSum / (PROBE_SIZE * units), 5);
    });
    t.dispose();
  });

  it('first-layer weights: the first rows of layer 0 and their biases; null without hidden layers', async () => {
    const t = trainer();
    t.trainStep();
    const weights = (await t.firstLayerWeights(5))!;
    const { parameters } = await t.checkpoint();
    expect(weights).toMatchObject({ step: 1, units: 5, inputs: INPUT_SIZE });
    expect(weights.weights).toEqual(parameters[0].subarray(0, 5 * INPUT_SIZE));
    expect(weights.bias).toEqual(parameters[1].subarray(0, 5));
    expect((await t.firstLayerWeights())!.units).toBe(24);
    await expect(t.firstLayerWeights(0)).rejects.toThrow(/whole number/);
    const linear = trainer({ hidden: [] });
    expect(await linear.firstLayerWeights()).toBeNull();
    expect(await linear.probe()).toEqual({ step: 0, layers: [] });
    t.dispose();
    linear.dispose();
  });

  it('inspect: the prediction’s probabilities, layer 0, and each loss with its gradient as the formulas give them', async () => {
    const t = trainer({ loss: 'bce' });
    t.trainStep();
    const pixels = Float32Array.from({ length: INPUT_SIZE }, (_, i) => ((i * 7) % 13) / 13);
    const seen = await t.inspect({ pixels }, 3);
    expect(seen.probabilities).toEqual(Array.from(await t.predict(pixels)));
    expect(seen.target).toBe(3);
    const { parameters } = await t.checkpoint();
    const norm = NORMALIZATIONS[config.normalize];
    const x = Array.from(pixels, (v) => Math.fround((v - norm.mean) / norm.std));
    const z = Array.from({ length: 24 }, (_, u) => parameters[1][u] + x.reduce((s, v, j) => s + v * parameters[0][u * INPUT_SIZE + j], 0));
    expectClose(seen.firstLayer!.z, z, 1e-4, 1e-4, 'z');
    expectClose(seen.firstLayer!.a, z.map((v) => Math.max(v, 0)), 1e-4, 1e-4, 'a');
    const want = lossFormulas(seen.logits, 3);
    for (const name of ['cross-entropy', 'mse', 'bce'] as const) {
      expectClose([seen.losses[name].value], [want[name].value], 1e-6, 1e-5, `${name} value`);
      expectClose(seen.losses[name].gradient, want[name].gradient, 1e-6, 1e-4, `${name} gradient`);
    }
    // A test image: its label is the target unless one is given.
    const labels = syntheticSet(60, 2).labels;
    expect((await t.inspect({ testIndex: 17 }, null)).target).toBe(labels[17]);
    expect((await t.inspect({ testIndex: 17 }, 4)).target).toBe(4);
    const drawn = await t.inspect({ pixels }, null);
    expect(drawn.target).toBe(drawn.logits.indexOf(Math.max(...drawn.logits)));
    await expect(t.inspect({ testIndex: 60 }, null)).rejects.toThrow(/0 to 59/);
    await expect(t.inspect({ pixels }, 10)).rejects.toThrow(/class from 0 to 9/);
    t.dispose();
  });

  it('evaluate: the confusion counts sum to the test set, their diagonal to the accuracy, the predictions to the counts', async () => {
    const t = trainer({}, 250);
    for (let i = 0; i < 4; i++) t.trainStep();
    const { accuracy, confusion, predicted } = await t.evaluate();
    expect(confusion.reduce((a, b) => a + b, 0)).toBe(250);
    const diagonal = confusion.filter((_, i) => i % 11 === 0).reduce((a, b) => a + b, 0);
    expect(diagonal / 250).toBe(accuracy);
    const labels = syntheticSet(250, 2).labels;
    const recount = new Array<number>(100).fill(0);
    predicted.forEach((p, i) => recount[labels[i] * 10 + p]++);
    expect(recount).toEqual(confusion);
    // A second evaluation starts from zero.
    expect((await t.evaluate()).confusion).toEqual(confusion);
    t.dispose();
  });
});

function slope(name: ActivationName, v: number): number {
  return (ACTIVATIONS[name].df as (x: number, a: object) => number)(v, activationAttrs(name));
}

/** Each hidden layer's z on the first `rows` test images, through the same gather and forward pass. */
async function preActivations(t: Trainer, rows: number): Promise<Float32Array[]> {
  const { engine, data } = t;
  const order = engine.tensor([rows], Uint32Array.from({ length: rows }, (_, i) => i), { dtype: 'u32' });
  const start = engine.tensor([1], [0], { dtype: 'u32' });
  const reads = engine.tidy(() => {
    const { x } = gatherBatch(data.test.images, data.test.labels, order, start, rows, INPUT_SIZE, NORMALIZATIONS[t.config.normalize]);
    const zs: Promise<Float32Array>[] = [];
    t.model.forward(x, (_, z: Tensor) => zs.push(z.read().then((v) => Float32Array.from(v))));
    return zs;
  });
  const zs = await Promise.all(reads);
  engine.dispose(order);
  engine.dispose(start);
  return zs;
}

/** The three losses and their gradients with respect to the logits, in float64. */
function lossFormulas(logits: number[], target: number) {
  const m = Math.max(...logits);
  const lse = m + Math.log(logits.reduce((s, z) => s + Math.exp(z - m), 0));
  const p = logits.map((z) => Math.exp(z - lse));
  const y = logits.map((_, c) => (c === target ? 1 : 0));
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  const dp = p.map((v, c) => (2 * (v - y[c])) / 10);
  const dot = dp.reduce((s, g, c) => s + g * p[c], 0);
  return {
    'cross-entropy': { value: lse - logits[target], gradient: p.map((v, c) => v - y[c]) },
    mse: { value: p.reduce((s, v, c) => s + (v - y[c]) ** 2, 0) / 10, gradient: p.map((v, c) => v * (dp[c] - dot)) },
    bce: {
      value: logits.reduce((s, z, c) => s + Math.max(z, 0) - z * y[c] + Math.log1p(Math.exp(-Math.abs(z))), 0) / 10,
      gradient: logits.map((z, c) => (sigmoid(z) - y[c]) / 10),
    },
  };
}
