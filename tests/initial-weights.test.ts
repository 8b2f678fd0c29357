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

describe("the activation's parameter", () => {
  /** The losses of `steps` steps and the parameters after them. */
  async function trained(config: Partial<TrainConfig>, steps: number) {
    const trainer = new Trainer(engine, data, { ...base, epochs: 20, lossEvery: 1, ...config });
    const losses: number[] = [];
    for (let i = 0; i < steps; i++) losses.push((await trainer.trainStep().loss) ?? NaN);
    const checkpoint = await trainer.checkpoint();
    const hash = trainer.model.initialWeightsHash;
    trainer.dispose();
    return { losses, checkpoint, hash };
  }

  it('trains a Leaky ReLU of slope 0.2 from the same weights as one of 0.01, to other weights', async () => {
    // 40 random images learnt by heart: a wide layer and a brisk learning rate.
    const run = (activationAlpha: number) => trained({ activation: 'leaky_relu', activationAlpha, hidden: [32], lr: 0.01 }, 50);
    const [steep, shallow] = [await run(0.2), await run(0.01)];
    expect(steep.hash).toBe(shallow.hash);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(steep.losses.slice(-5)), 'it learns').toBeLessThan(0.7 * mean(steep.losses.slice(0, 5)));
    expect(steep.losses[0], 'the first forward pass already differs').not.toBe(shallow.losses[0]);
    expect(fnv1a(steep.checkpoint.parameters)).not.toBe(fnv1a(shallow.checkpoint.parameters));
  });

  it('is the default where a run, checkpoint or file does not say it, and a restore keeps it', async () => {
    const unsaid = await trained({ activation: 'leaky_relu' }, 6);
    const said = await trained({ activation: 'leaky_relu', activationAlpha: 0.01 }, 6);
    expect(unsaid.losses).toEqual(said.losses);
    expect(fnv1a(unsaid.checkpoint.parameters)).toBe(fnv1a(said.checkpoint.parameters));

    const elu = await trained({ activation: 'elu', activationAlpha: 0.3 }, 4);
    const restored = Trainer.restore(engine, data, elu.checkpoint);
    expect(restored.model.activationAttrs).toEqual({ alpha: 0.3 });
    restored.dispose();
  });
});
