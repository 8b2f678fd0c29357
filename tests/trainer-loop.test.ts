// The one training loop (Trainer.steps) and the strip's batched prediction, on every backend;
// samplesSeen, the rows such a loop has trained after a number of steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CONFIG, samplesSeen, type TrainConfig } from '../gpu/train/config';
import { Trainer } from '../gpu/train/trainer';
import { Engine } from '../gpu/tensor';
import { BACKENDS } from './backends';
import { syntheticData, syntheticSet } from './synthetic';

const config: TrainConfig = { ...DEFAULT_CONFIG, hidden: [16], batchSize: 32, epochs: 2, lossEvery: 3 };

describe.each(BACKENDS)('Trainer on $name', (backend) => {
  // One device for the suite: its pipelines compile once.
  let engine: Engine;
  beforeAll(async () => {
    engine = new Engine(await backend.create());
  });
  afterAll(() => engine.backend.destroy());

  const trainer = async (trainCount: number) => new Trainer(engine, syntheticData(engine, trainCount, 40), config);

  it('steps through every epoch, counting the rows actually trained (a short last batch too)', async () => {
    const t = await trainer(100); // 32 + 32 + 32 + 4 rows an epoch
    const seen = [];
    const losses = [];
    let rows = 0;
    for await (const step of t.steps()) {
      seen.push({ step: step.step, epoch: step.epoch, rows: step.rows, read: step.loss !== null, end: step.epochEnded });
      if (step.loss) losses.push(step.loss);
      rows += step.rows;
      expect(samplesSeen(step.step, config.batchSize, 100)).toBe(rows);
    }
    expect((await Promise.all(losses)).every(Number.isFinite)).toBe(true);
    expect(seen.map((s) => s.rows)).toEqual([32, 32, 32, 4, 32, 32, 32, 4]);
    expect(seen.filter((s) => s.end).map((s) => s.step)).toEqual([4, 8]);
    expect(seen.map((s) => s.epoch)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    // The first loss (the untrained model's), every third, and each epoch's last are read back.
    expect(seen.filter((s) => s.read).map((s) => s.step)).toEqual([1, 3, 4, 6, 8]);
    expect(t.throughput.rows).toBe(200);
    expect(t.finished).toBe(true);
    t.dispose();
  });

  it('submits no step once keepGoing says no', async () => {
    const t = await trainer(100);
    let allowed = 3;
    const steps = [];
    const losses = [];
    for await (const step of t.steps(() => allowed-- > 0)) {
      steps.push(step.step);
      if (step.loss) losses.push(step.loss);
    }
    await Promise.all(losses);
    expect(steps).toEqual([1, 2, 3]);
    expect(t.step).toBe(3);
    t.dispose();
  });

  it("predicts the strip's test images as one batch, as one image at a time would", async () => {
    const t = await trainer(64);
    for await (const step of t.steps()) {
      await step.loss;
      if (step.step === 2) break;
    }
    const indices = [0, 7, 39];
    const batch = await t.predictTest(indices);
    expect(batch.length).toBe(indices.length * 10);
    // The same images (the test split syntheticData uploads), one at a time.
    const { images } = syntheticSet(40, 2);
    for (const [row, index] of indices.entries()) {
      const single = await t.predict(Float32Array.from(images.subarray(index * 784, (index + 1) * 784), (v) => v / 255));
      for (let c = 0; c < 10; c++) expect(batch[row * 10 + c]).toBeCloseTo(single[c], 5);
    }
    await expect(t.predictTest([40])).rejects.toThrow('test image indices must be whole numbers from 0 to 39');
    t.dispose();
  });

  it('gives probabilities as the loss defines them: a softmax for cross-entropy and MSE, ten sigmoids for BCE', async () => {
    const data = syntheticData(engine, 64, 40);
    // The same seed and shapes: the same untrained model, so the same logits z under each loss.
    const [ce, mse, bce] = (['cross-entropy', 'mse', 'bce'] as const).map((loss) => new Trainer(engine, data, { ...config, loss }));
    const pixels = Float32Array.from({ length: 784 }, (_, i) => (i % 7) / 7);
    const [softmaxed, alsoSoftmaxed, sigmoids] = await Promise.all([ce, mse, bce].map((t) => t.predict(pixels)));
    expect(Array.from(alsoSoftmaxed)).toEqual(Array.from(softmaxed));
    const sum = (values: Float32Array) => values.reduce((a, b) => a + b, 0);
    expect(sum(softmaxed)).toBeCloseTo(1, 5);
    // Ten independent sigmoids σ(z): z = ln(p / (1 − p)), and softmax(z) is the cross-entropy run's answer.
    const logits = Array.from(sigmoids, (p) => Math.log(p / (1 - p)));
    const exps = logits.map((z) => Math.exp(z - Math.max(...logits)));
    exps.forEach((e, c) => expect(e / exps.reduce((a, b) => a + b, 0)).toBeCloseTo(softmaxed[c], 4));
    expect(Math.abs(sum(sigmoids) - 1)).toBeGreaterThan(0.5);
    const strip = await bce.predictTest([0, 1]);
    for (const p of strip) expect(p > 0 && p < 1).toBe(true);
    expect(sum(strip.subarray(0, 10))).not.toBeCloseTo(1, 2);
    for (const t of [ce, mse, bce]) t.dispose();
  });
});

describe('samplesSeen', () => {
  it('counts full batches, and each epoch\'s short last one as what was left', () => {
    // 100 samples in batches of 32: 32, 32, 32, 4 an epoch.
    expect([0, 1, 3, 4, 5, 8, 9].map((step) => samplesSeen(step, 32, 100))).toEqual([0, 32, 96, 100, 132, 200, 232]);
    expect(samplesSeen(7, 10, 50)).toBe(70); // batches that divide the set: no short batch
    expect(samplesSeen(3, 500, 60)).toBe(180); // a batch larger than the set: one step an epoch
  });

  it('equals the rows of the batches that many steps trained, step by step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 40 }), (batchSize, trainCount, steps) => {
        let rows = 0;
        let position = 0;
        for (let i = 0; i < steps; i++) {
          const batch = Math.min(batchSize, trainCount - position);
          rows += batch;
          position = position + batch >= trainCount ? 0 : position + batch;
        }
        expect(samplesSeen(steps, batchSize, trainCount)).toBe(rows);
      }),
    );
  });
});
