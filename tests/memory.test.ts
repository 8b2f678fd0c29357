// Trying configuration after configuration in one session must not leak: once a model is disposed
// and the backend trimmed, GPU buffers, bytes, cached bind groups and uniforms, pooled buffers and
// the JS heap are back where they were. A model that lives through another's trim keeps working
// and is back in its steady state after one step.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Counters } from '../gpu/backend';
import { CpuBackend } from '../gpu/cpu/cpu-backend';
import { OPTIMIZER_NAMES } from '../gpu/optim/optimizers';
import { Engine } from '../gpu/tensor';
import { DEFAULT_CONFIG, type TrainConfig } from '../gpu/train/config';
import { Trainer } from '../gpu/train/trainer';
import type { DeviceData } from '../gpu/train/device-data';
import { webgpuEngine } from './helpers';
import { syntheticData } from './synthetic';

/** A real collection (V8 lets a running process turn on `gc`), so heap sizes can be compared closely. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Configuration i of the sequence: sizes, depth, batch and optimiser all vary. */
function configuration(i: number): TrainConfig {
  return {
    ...DEFAULT_CONFIG,
    hidden: i % 3 === 0 ? [8 + i] : [12 + (i % 7) * 5, 4 + (i % 5) * 3],
    batchSize: 8 + (i % 9) * 5,
    optimizer: OPTIMIZER_NAMES[i % OPTIMIZER_NAMES.length],
    seed: i,
    lossEvery: 2,
  };
}

/** Builds configuration i, steps it three times, reads its loss, disposes it. */
async function tryConfiguration(engine: Engine, data: DeviceData, i: number): Promise<void> {
  const trainer = new Trainer(engine, data, configuration(i));
  const losses = [0, 1, 2].map(() => trainer.trainStep().loss);
  const values = await Promise.all(losses.filter((loss) => loss !== null));
  if (!values.every(Number.isFinite)) throw new Error(`configuration ${i} gave a loss that is not finite: ${values}`);
  trainer.dispose();
}

const LEVELS = ['buffersHeld', 'bytesHeld', 'cachedBindGroups', 'cachedUniforms', 'pooledBuffers'] as const;

function expectWithinFivePercent(after: Counters, before: Counters): void {
  for (const level of LEVELS) {
    expect(Math.abs(after[level] - before[level]), `${level}: ${before[level]} before, ${after[level]} after`).toBeLessThanOrEqual(
      0.05 * before[level],
    );
  }
}

// One device for both tests: compiling its pipelines is most of the time they take.
describe('memory comes back on WebGPU', () => {
  let engine: Engine;
  let data: DeviceData;
  beforeAll(async () => {
    engine = await webgpuEngine();
    data = syntheticData(engine, 256, 10);
  });
  afterAll(() => engine.backend.destroy());

  it('100 configurations, each disposed and trimmed, leave GPU memory, caches and heap as they were', async () => {
    // The first configurations compile most pipelines the others use; pipelines stay, by design.
    for (let i = 0; i < 6; i++) await tryConfiguration(engine, data, i);
    await engine.backend.trim();
    const before = engine.backend.counters();
    const heapBefore = heapUsed();
    let untrimmed: Counters | null = null;
    for (let i = 6; i < 106; i++) {
      await tryConfiguration(engine, data, i);
      untrimmed ??= engine.backend.counters();
      await engine.backend.trim();
    }
    const after = engine.backend.counters();
    const heapAfter = heapUsed();
    // What trim() gave back was really there: a disposed model leaves its buffers in the pool, and
    // the bind groups of its step's dispatches (at least 9: that many are in a step) in the cache.
    expect(untrimmed!.pooledBuffers).toBeGreaterThan(before.pooledBuffers + 10);
    expect(untrimmed!.cachedBindGroups).toBeGreaterThanOrEqual(before.cachedBindGroups + 9);
    expectWithinFivePercent(after, before);
    expect(heapAfter - heapBefore).toBeLessThan(4 * 2 ** 20);
  });

  it("a model alive across another model's trim keeps its parameters and is steady after one step", async () => {
    const alive = new Trainer(engine, data, { ...DEFAULT_CONFIG, hidden: [24, 12], batchSize: 32, lossEvery: 1000 });
    alive.trainStep();
    await engine.backend.compiled();
    alive.trainStep();
    await tryConfiguration(engine, data, 7);
    const parameters = await Promise.all(alive.model.parameters().map((p) => p.read()));
    await engine.backend.trim();
    expect(await Promise.all(alive.model.parameters().map((p) => p.read()))).toEqual(parameters);

    expect(await alive.trainStep({ readLoss: true }).loss).toSatisfy(Number.isFinite);
    await engine.backend.idle();
    const before = engine.backend.counters();
    alive.trainStep();
    await engine.backend.idle();
    const after = engine.backend.counters();
    expect(after.buffersCreated - before.buffersCreated).toBe(0);
    expect(after.bindGroupsCreated - before.bindGroupsCreated).toBe(0);
    expect(after.pipelinesCompiled - before.pipelinesCompiled).toBe(0);
    expect(after.dispatches - before.dispatches).toBeGreaterThan(10);
    alive.dispose();
  });
});

describe('memory comes back on the CPU backend', () => {
  it('trim() after dispose frees the pooled arrays', async () => {
    const engine = new Engine(new CpuBackend());
    const data = syntheticData(engine, 256, 10);
    const before = engine.backend.counters();
    await tryConfiguration(engine, data, 1);
    expect(engine.backend.counters().pooledBuffers).toBeGreaterThan(0);
    await engine.backend.trim();
    const after = engine.backend.counters();
    // The scalar 1 that seeds backward() is made once per engine and stays.
    expect(after.buffersHeld - before.buffersHeld).toBe(1);
    expect(after.bytesHeld - before.bytesHeld).toBe(4);
    expect(after.pooledBuffers).toBe(0);
  });
});
