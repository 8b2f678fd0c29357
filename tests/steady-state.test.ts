// A repeated training step must reuse everything: no pipeline, buffer or bind group is created.
import { describe, expect, it } from 'vitest';
import { Engine } from '../gpu/tensor';
import { CpuBackend } from '../gpu/cpu/cpu-backend';
import { Trainer } from '../gpu/train/trainer';
import { DEFAULT_CONFIG, LOSS_NAMES } from '../gpu/train/config';
import { syntheticData } from './synthetic';
import { webgpuEngine } from './helpers';

describe('steady state', () => {
  for (const loss of LOSS_NAMES) {
    it(`a second identical ${loss} step on WebGPU creates nothing and submits once`, async () => {
      const engine = await webgpuEngine();
      const trainer = new Trainer(engine, syntheticData(engine, 512, 100), {
        ...DEFAULT_CONFIG,
        loss,
        hidden: [32, 16],
        batchSize: 64,
        lossEvery: 1000,
      });
      trainer.trainStep();
      // The first steps run stand-ins for kernels still compiling; the steady state comes after.
      await engine.backend.compiled();
      trainer.trainStep();
      await engine.backend.idle();
      const before = engine.backend.counters();
      trainer.trainStep();
      await engine.backend.idle();
      const after = engine.backend.counters();
      expect(after.pipelinesCompiled - before.pipelinesCompiled).toBe(0);
      expect(after.buffersCreated - before.buffersCreated).toBe(0);
      expect(after.bindGroupsCreated - before.bindGroupsCreated).toBe(0);
      expect(after.bytesHeld).toBe(before.bytesHeld);
      // The step's writes (batch position, hyper-parameters) go ahead of its work: one submission.
      expect(after.submissions - before.submissions).toBeLessThanOrEqual(1);
      expect(after.dispatches - before.dispatches).toBeGreaterThan(10);
      engine.backend.destroy();
    });
  }

  it('the very first step does create what it needs (the counters are live)', async () => {
    const engine = await webgpuEngine();
    const trainer = new Trainer(engine, syntheticData(engine, 256, 50), { ...DEFAULT_CONFIG, hidden: [8], batchSize: 32 });
    const before = engine.backend.counters();
    trainer.trainStep();
    await engine.backend.idle();
    const after = engine.backend.counters();
    expect(after.pipelinesCompiled).toBeGreaterThan(before.pipelinesCompiled);
    expect(after.bindGroupsCreated).toBeGreaterThan(before.bindGroupsCreated);
    engine.backend.destroy();
  });

  it('the CPU backend also reuses its buffers', () => {
    const engine = new Engine(new CpuBackend('f32'));
    const trainer = new Trainer(engine, syntheticData(engine, 256, 50), { ...DEFAULT_CONFIG, hidden: [8], batchSize: 32 });
    trainer.trainStep();
    const before = engine.backend.counters();
    trainer.trainStep();
    expect(engine.backend.counters().buffersCreated).toBe(before.buffersCreated);
  });
});
