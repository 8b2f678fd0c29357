// At batch 64 a step's time goes mostly to dispatching kernels, not to arithmetic: the number of
// dispatches a training step records is the figure that the fused kernels bring down. Counted by
// the backend, the same on every backend (they run the same ops).
import { describe, expect, it } from 'vitest';
import { Trainer } from '../gpu/train/trainer';
import { DEFAULT_CONFIG } from '../gpu/train/config';
import { syntheticData } from './synthetic';
import { REFERENCE, WASM, WEBGPU, engineOn } from './backends';

/**
 * gather; per layer its linear (with the bias and, in a hidden layer, the activation); the loss and
 * its mean. Backward: per layer the weight gradient (with the bias gradient), per layer but the
 * first its input gradient (with the derivative of the activation before it). Then one optimiser
 * update for all. Without matmul epilogues (Tuning.epilogues), each activation, derivative and bias
 * gradient is a dispatch more.
 */
function expectedDispatches(hiddenLayers: number, epilogues: boolean): number {
  const layers = hiddenLayers + 1;
  const forward = 1 + layers + 2;
  const backward = layers + (layers - 1);
  return forward + backward + 1 + (epilogues ? 0 : 2 * hiddenLayers + layers);
}

describe.each([REFERENCE, WASM, WEBGPU])('dispatches a step on $name', (backend) => {
  for (const hidden of [[128], [64, 32]]) {
    it(`784-${hidden.join('-')}-10 at batch 64, in one submission`, async () => {
      const engine = await engineOn(backend);
      const { epilogues } = engine.backend.tuning;
      const trainer = new Trainer(engine, syntheticData(engine, 256, 10), { ...DEFAULT_CONFIG, hidden, batchSize: 64, lossEvery: 1000 });
      await trainer.trainStep().loss;
      await engine.backend.compiled();
      trainer.trainStep();
      await engine.backend.idle();
      const before = engine.backend.counters();
      trainer.trainStep();
      await engine.backend.idle();
      const after = engine.backend.counters();
      expect(after.dispatches - before.dispatches).toBe(expectedDispatches(hidden.length, epilogues));
      if (backend === WEBGPU) expect(after.submissions - before.submissions).toBe(1);
      engine.backend.destroy();
    });
  }
});
