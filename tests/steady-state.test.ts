// A repeated training step must reuse everything: no pipeline, buffer or bind group is created,
// on every backend (those without pipelines or bind groups count none).
import { describe, expect, it } from 'vitest';
import type { Counters } from '../gpu/backend';
import type { Engine } from '../gpu/tensor';
import { Trainer } from '../gpu/train/trainer';
import { DEFAULT_CONFIG, LOSS_NAMES, type TrainConfig } from '../gpu/train/config';
import { syntheticData } from './synthetic';
import { BACKENDS, engineOn } from './backends';
import { webgpuEngine } from './helpers';

/** No pipeline, buffer or bind group made; what a step releases it takes back the next, so the pool and the caches keep their size. */
function expectNothingCreated(before: Counters, after: Counters): void {
  expect(after.pipelinesCompiled - before.pipelinesCompiled).toBe(0);
  expect(after.buffersCreated - before.buffersCreated).toBe(0);
  expect(after.bindGroupsCreated - before.bindGroupsCreated).toBe(0);
  expect(after.bytesHeld).toBe(before.bytesHeld);
  expect(after.pooledBuffers).toBe(before.pooledBuffers);
  expect(after.cachedBindGroups).toBe(before.cachedBindGroups);
  expect(after.cachedUniforms).toBe(before.cachedUniforms);
}

describe.each(BACKENDS)('steady state on $name', (backend) => {
  for (const loss of LOSS_NAMES) {
    it(`a second identical ${loss} step, its loss and accuracy read back, creates nothing and submits at most once`, async () => {
      await expectSteadySecondStep(await engineOn(backend), { loss });
    });
  }

  // The default's Adam above; these update the flat parameters with one and no state buffer, and
  // run other activations in the matmuls' epilogues.
  for (const [optimizer, activation] of [['sgd', 'gelu'], ['momentum', 'leaky_relu']] as const) {
    it(`a second identical step with ${optimizer} and ${activation} creates nothing and submits at most once`, async () => {
      await expectSteadySecondStep(await engineOn(backend), { optimizer, activation });
    });
  }

  it('a third identical step with its norms asked for, and a probe and the first-layer weights read, creates nothing', async () => {
    const engine = await engineOn(backend);
    const trainer = new Trainer(engine, syntheticData(engine, 512, 100), { ...DEFAULT_CONFIG, hidden: [32, 16], batchSize: 64, lossEvery: 1000 });
    // As the worker samples them: the norms of a step, then the probe and the weights while it runs.
    const watchedStep = async () => {
      trainer.requestNorms();
      const { loss, norms } = trainer.trainStep({ readLoss: true });
      const figures = await Promise.all([loss, norms, trainer.probe(), trainer.firstLayerWeights()]);
      await engine.backend.idle();
      return figures;
    };
    await watchedStep();
    await engine.backend.compiled();
    await watchedStep();
    const before = engine.backend.counters();
    const [, norms, health, weights] = await watchedStep();
    const after = engine.backend.counters();
    expect(norms!.layers).toHaveLength(3);
    expect(health.layers).toHaveLength(2);
    expect(weights!.units).toBe(32);
    expectNothingCreated(before, after);
    engine.backend.destroy();
  });

  it('the very first step creates its buffers and runs its kernels (the counters are live)', async () => {
    const { before, after } = await firstStepCounters(await engineOn(backend));
    expect(after.buffersCreated).toBeGreaterThan(before.buffersCreated);
    expect(after.bytesHeld).toBeGreaterThan(before.bytesHeld);
    expect(after.dispatches).toBeGreaterThan(before.dispatches);
  });
});

describe('WebGPU only: steady state', () => {
  it('the very first step compiles pipelines, creates bind groups and submits (those counters are live)', async () => {
    const { before, after } = await firstStepCounters(await webgpuEngine());
    expect(after.pipelinesCompiled).toBeGreaterThan(before.pipelinesCompiled);
    expect(after.bindGroupsCreated).toBeGreaterThan(before.bindGroupsCreated);
    expect(after.submissions).toBeGreaterThan(before.submissions);
  });
});

/** A model 784-32-16-10 at batch 64: its second read step, once compiled, creates nothing. Destroys the backend. */
async function expectSteadySecondStep(engine: Engine, settings: Partial<TrainConfig>) {
  const trainer = new Trainer(engine, syntheticData(engine, 512, 100), {
    ...DEFAULT_CONFIG,
    ...settings,
    hidden: [32, 16],
    batchSize: 64,
    lossEvery: 1000,
  });
  await trainer.trainStep().loss; // the first step's loss is read back
  // The first steps may run stand-ins for kernels still compiling; the steady state comes after.
  await engine.backend.compiled();
  // Read steps, as the chart's are: the read's staging buffer is pooled like any other.
  const readStep = async () => {
    const { loss, accuracy } = trainer.trainStep({ readLoss: true });
    const figures = await Promise.all([loss, accuracy]);
    await engine.backend.idle();
    return figures;
  };
  await readStep();
  const before = engine.backend.counters();
  const [stepLoss, stepAccuracy] = await readStep();
  const after = engine.backend.counters();
  expect(Number.isFinite(stepLoss)).toBe(true);
  expect(stepAccuracy).toBeGreaterThanOrEqual(0);
  expect(stepAccuracy).toBeLessThanOrEqual(1);
  expectNothingCreated(before, after);
  // The step's writes (batch position, hyper-parameters) go ahead of its work, and the read's
  // copy is recorded after it: one submission.
  expect(after.submissions - before.submissions).toBeLessThanOrEqual(1);
  expect(after.dispatches - before.dispatches).toBeGreaterThan(10);
  engine.backend.destroy();
}

/** The counters before and after a fresh model's first step (its loss read back), on a backend then destroyed. */
async function firstStepCounters(engine: Engine) {
  const trainer = new Trainer(engine, syntheticData(engine, 256, 50), { ...DEFAULT_CONFIG, hidden: [8], batchSize: 32 });
  const before = engine.backend.counters();
  await trainer.trainStep().loss;
  const after = engine.backend.counters();
  engine.backend.destroy();
  return { before, after };
}
