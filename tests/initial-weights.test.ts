// A model's initial-weights hash: equal for runs that start from equal weights (same seed, same
// shapes, whatever the activation, loss or optimiser), different otherwise, and carried by
// checkpoints through every restore.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../gpu/cpu/cpu-backend';
import { Engine } from '../gpu/tensor';
import { DEFAULT_CONFIG, type TrainConfig } from '../gpu/train/config';
import { Trainer } from '../gpu/train/trainer';
import { syntheticData } from './synthetic';

const engine = new Engine(new CpuBackend());
const data = syntheticData(engine, 40, 10);
const base: TrainConfig = { ...DEFAULT_CONFIG, hidden: [6, 5], batchSize: 8 };

function hashOf(config: Partial<TrainConfig>): string {
  const trainer = new Trainer(engine, data, { ...base, ...config });
  const hash = trainer.model.initialWeightsHash;
  trainer.dispose();
  return hash;
}

/** FNV-1a (32 bits) of the parameters' float32 bytes, written out again from its definition. */
function fnv1a(parameters: Float32Array[]): string {
  let hash = 2166136261;
  for (const p of parameters) {
    for (const byte of new Uint8Array(p.buffer, p.byteOffset, p.byteLength)) {
      hash ^= byte;
      hash = Number((BigInt(hash) * 16777619n) % 2n ** 32n);
    }
  }
  return hash.toString(16).padStart(8, '0');
}

describe('initialWeightsHash', () => {
  it('is the FNV-1a hash of the initial parameters, as 8 hex digits', async () => {
    const trainer = new Trainer(engine, data, base);
    const { parameters } = await trainer.checkpoint(); // before any step: the initial ones
    expect(trainer.model.initialWeightsHash).toMatch(/^[0-9a-f]{8}$/);
    expect(trainer.model.initialWeightsHash).toBe(fnv1a(parameters));
    trainer.dispose();
  });

  it('is the same for the same seed and shapes, whatever the activation, loss or optimiser', () => {
    const reference = hashOf({});
    const variants: Partial<TrainConfig>[] = [
      { activation: 'sigmoid' },
      { activation: 'leaky_relu', loss: 'mse' },
      { activation: 'tanh', loss: 'bce', optimizer: 'sgd' },
      { optimizer: 'momentum', lr: 0.1, batchSize: 4, normalize: 'unit' },
    ];
    for (const variant of variants) expect(hashOf(variant)).toBe(reference);
  });

  it('differs with the seed or the shapes', () => {
    const hashes = [hashOf({}), hashOf({ seed: 2 }), hashOf({ hidden: [6] }), hashOf({ hidden: [5, 6] })];
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('stays the initial weights\' as training changes them, and a restore carries the checkpoint\'s', async () => {
    const trainer = new Trainer(engine, data, base);
    const initial = trainer.model.initialWeightsHash;
    for (let i = 0; i < 3; i++) trainer.trainStep();
    const checkpoint = await trainer.checkpoint();
    expect(checkpoint.initialWeightsHash).toBe(initial);
    expect(fnv1a(checkpoint.parameters)).not.toBe(initial);
    const restored = Trainer.restore(engine, data, { ...checkpoint, initialWeightsHash: '0badc0de' });
    expect(restored.model.initialWeightsHash).toBe('0badc0de');
    expect((await restored.checkpoint()).initialWeightsHash).toBe('0badc0de');
    trainer.dispose();
    restored.dispose();
  });
});
