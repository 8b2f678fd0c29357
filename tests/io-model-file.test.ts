// A run's model as a .safetensors file: what exportModel writes, what importModel takes back or
// refuses (and why), and the checkpoint that makes an imported model a run that trains on.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../gpu/cpu/cpu-backend';
import { checkpointFromImport, earlierTraining, exportModel, importModel, type ImportedModel } from '../gpu/io/model-file';
import { ModelFileError, readSafetensors, writeSafetensors, type NamedTensor } from '../gpu/io/safetensors';
import { OPTIMIZER_NAMES } from '../gpu/optim/optimizers';
import { Engine } from '../gpu/tensor';
import { checkCheckpoint } from '../gpu/train/checkpoint';
import { DEFAULT_CONFIG, type TrainConfig } from '../gpu/train/config';
import { Trainer } from '../gpu/train/trainer';
import { syntheticData } from './synthetic';

const TRAIN = 40;

/** A trainer's checkpoint after `steps` steps on a small synthetic set. */
async function trainedCheckpoint(config: TrainConfig, steps: number) {
  const engine = new Engine(new CpuBackend('f32'));
  const trainer = new Trainer(engine, syntheticData(engine, TRAIN, 20), config);
  for (let i = 0; i < steps; i++) trainer.trainStep();
  const checkpoint = await trainer.checkpoint();
  trainer.dispose();
  return checkpoint;
}

const config: TrainConfig = { ...DEFAULT_CONFIG, hidden: [12, 7], activation: 'tanh', normalize: 'symmetric', batchSize: 16, epochs: 2, lr: 0.01 };

/** The tensors of a 784 → hidden → 10 model, as PyTorch names them, filled with small values. */
function sequential(hidden: number[]): NamedTensor[] {
  const sizes = [784, ...hidden, 10];
  return sizes.slice(1).flatMap((out, k) => [
    { name: `${2 * k}.weight`, shape: [out, sizes[k]], data: Float32Array.from({ length: out * sizes[k] }, (_, i) => Math.sin(i) / 30) },
    { name: `${2 * k}.bias`, shape: [out], data: Float32Array.from({ length: out }, (_, i) => i / 100) },
  ]);
}

function refusal(tensors: NamedTensor[]): string {
  try {
    importModel(writeSafetensors(tensors, { format: 'pt' }));
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFileError);
    return (error as Error).message;
  }
  throw new Error('the model was imported');
}

describe('exportModel', () => {
  it("names the parameters as nn.Sequential's Linear layers, with the run's settings in the metadata", async () => {
    const checkpoint = await trainedCheckpoint(config, 3);
    // A change after the exported step is not of this model's history.
    const lrChanges = [{ step: 2, from: 0.1, to: 0.01 }, { step: 5, from: 0.01, to: 0.001 }];
    const { tensors, metadata } = readSafetensors(exportModel(checkpoint, 0.5, { lrChanges }));
    expect([...tensors].map(([name, t]) => [name, t.shape])).toEqual([
      ['0.bias', [12]], ['0.weight', [12, 784]], ['2.bias', [7]], ['2.weight', [7, 12]], ['4.bias', [10]], ['4.weight', [10, 7]],
    ]);
    expect(tensors.get('2.weight')!.data).toEqual(checkpoint.parameters[2]);
    expect(metadata.format).toBe('pt');
    expect(JSON.parse(metadata.gradlab)).toEqual({
      activation: 'tanh', loss: 'cross-entropy', normalize: 'symmetric', optimizer: 'adam', lr: 0.01, momentum: 0.9, weightDecay: 0,
      batchSize: 16, seed: 1, hidden: [12, 7], epochsTrained: 1, step: 3, testAccuracy: 0.5, lrChanges: [{ step: 2, from: 0.1, to: 0.01 }],
    });
  });

  it("counts the training of the model a run was loaded from, as the file of that model says it", async () => {
    const file = exportModel(await trainedCheckpoint(config, 4), 0.5);
    const loaded = importModel(file);
    expect(earlierTraining(loaded)).toEqual({ epochs: 1, steps: 4, lrChanges: [] });
    const continued = await trainedCheckpoint(config, 3);
    expect(JSON.parse(readSafetensors(exportModel(continued, 0.6, { earlier: earlierTraining(loaded) })).metadata.gradlab)).toMatchObject({ epochsTrained: 2, step: 7 });
    // A file from elsewhere says nothing of its training.
    expect(earlierTraining(importModel(writeSafetensors(sequential([8]), { format: 'pt' })))).toEqual({ epochs: 0, steps: 0, lrChanges: [] });
  });

  it('reads the learning-rate changes back, and a run that goes on from the file exports them before its own', async () => {
    const lrChanges = [{ step: 1, from: 0.1, to: 0.01 }, { step: 3, from: 0.01, to: 0.001 }];
    const loaded = importModel(exportModel(await trainedCheckpoint(config, 4), 0.5, { lrChanges }));
    expect(loaded.lrChanges).toEqual(lrChanges);
    expect(earlierTraining(loaded)).toEqual({ epochs: 1, steps: 4, lrChanges });
    // Its own change at its step 2 is the 6th step of the model's training.
    const continued = exportModel(await trainedCheckpoint(config, 3), 0.6, { earlier: earlierTraining(loaded), lrChanges: [{ step: 2, from: 0.001, to: 0.0005 }] });
    expect(importModel(continued).lrChanges).toEqual([...lrChanges, { step: 6, from: 0.001, to: 0.0005 }]);
  });

  it('takes no learning-rate changes from a list that is not one of valid changes in order', () => {
    const withChanges = (lrChanges: unknown) =>
      importModel(writeSafetensors(sequential([8]), { format: 'pt', gradlab: JSON.stringify({ step: 10, lrChanges }) })).lrChanges;
    expect(withChanges([{ step: 2, from: 0.1, to: 0.01 }])).toEqual([{ step: 2, from: 0.1, to: 0.01 }]);
    expect(withChanges('fast')).toEqual([]);
    expect(withChanges([{ step: 5, from: 0.1, to: 0.01 }, { step: 2, from: 0.01, to: 0.1 }])).toEqual([]);
    expect(withChanges([{ step: 11, from: 0.1, to: 0.01 }])).toEqual([]);
    expect(withChanges([{ step: 2, from: 0.1, to: 1e-300 }])).toEqual([]);
  });

  it("writes the activation's parameter for Leaky ReLU and ELU, and reads it back; a file without it is at the default", async () => {
    for (const [activation, activationAlpha] of [['leaky_relu', 0.2], ['elu', 0.5]] as const) {
      const bytes = exportModel(await trainedCheckpoint({ ...config, activation, activationAlpha }, 1), null);
      expect(JSON.parse(readSafetensors(bytes).metadata.gradlab)).toMatchObject({ activation, activationAlpha });
      expect(importModel(bytes).config).toMatchObject({ activation, activationAlpha });
    }
    const old = JSON.stringify({ activation: 'leaky_relu', normalize: 'standard' });
    expect(importModel(writeSafetensors(sequential([8]), { format: 'pt', gradlab: old })).config.activationAlpha, 'the default, 0.01, when the file is silent').toBeUndefined();
    const tooSteep = JSON.stringify({ activation: 'leaky_relu', activationAlpha: 3, normalize: 'standard' });
    expect(importModel(writeSafetensors(sequential([8]), { format: 'pt', gradlab: tooSteep })).config).toEqual({ hidden: [8], activation: 'leaky_relu', normalize: 'standard' });
  });

  it('refuses a diverged model', async () => {
    const checkpoint = await trainedCheckpoint(config, 1);
    checkpoint.parameters[3][2] = NaN;
    expect(() => exportModel(checkpoint, null)).toThrow(new ModelFileError('tensor 2.bias holds NaN or infinite values'));
  });
});

describe('importModel', () => {
  it('takes back what exportModel wrote: the weights bit for bit, the settings, the step and the accuracy', async () => {
    const checkpoint = await trainedCheckpoint(config, 4);
    // Four steps of three an epoch: one epoch trained, which the settings give as their epochs.
    const model = importModel(exportModel(checkpoint, 0.875));
    expect(model.hidden).toEqual([12, 7]);
    expect(model.parameters).toEqual(checkpoint.parameters);
    const { hidden, activation, loss, normalize, optimizer, lr, momentum, weightDecay, batchSize, seed } = config;
    expect(model.config).toEqual({ hidden, activation, loss, normalize, optimizer, lr, momentum, weightDecay, batchSize, seed, epochs: 1 });
    expect(model).toMatchObject({ step: 4, testAccuracy: 0.875, missing: [] });
  });

  it("reads a PyTorch file's layer sizes from its shapes, and asks for what it does not say", () => {
    const model = importModel(writeSafetensors(sequential([30, 20, 5]), { format: 'pt' }));
    expect(model).toMatchObject({ hidden: [30, 20, 5], config: { hidden: [30, 20, 5] }, step: null, testAccuracy: null });
    expect(model.missing).toEqual(['activation', 'normalize']);
    expect(model.parameters.map((p) => p.length)).toEqual([30 * 784, 30, 20 * 30, 20, 5 * 20, 5, 10 * 5, 10]);
    expect(importModel(writeSafetensors(sequential([]), {})).hidden).toEqual([]);
  });

  it('keeps each metadata field only when it is valid, and ignores metadata that is not JSON', () => {
    const gradlab = JSON.stringify({ activation: 'swish?', loss: 'mse', normalize: 'unit', lr: -1, batchSize: 64, step: 2.5, testAccuracy: 3 });
    const model = importModel(writeSafetensors(sequential([8]), { format: 'pt', gradlab }));
    expect(model.config).toEqual({ hidden: [8], loss: 'mse', normalize: 'unit', batchSize: 64 });
    expect(model).toMatchObject({ step: null, testAccuracy: null, missing: ['activation'] });
    expect(importModel(writeSafetensors(sequential([8]), { gradlab: '{not json' })).missing).toEqual(['activation', 'normalize']);
  });

  it('refuses missing tensors, naming the first', () => {
    expect(refusal(sequential([8]).filter((t) => t.name !== '2.bias'))).toBe('missing tensor 2.bias');
    expect(refusal(sequential([8, 8]).filter((t) => t.name !== '2.weight'))).toBe('missing tensor 2.weight');
    expect(refusal([])).toBe('missing tensor 0.weight');
  });

  it('refuses tensors that are not those of the Linear layers', () => {
    const extra = (name: string) => [...sequential([8]), { name, shape: [1], data: new Float32Array(1) }];
    expect(refusal(extra('foo'))).toBe('unexpected tensor foo');
    expect(refusal(extra('1.weight'))).toBe('unexpected tensor 1.weight');
    expect(refusal(extra('0.running_mean'))).toBe('unexpected tensor 0.running_mean');
    // A Linear past the last one is a missing layer in between, not an extra one.
    expect(refusal([...sequential([8]), ...sequential([8, 8]).slice(4).map((t) => ({ ...t, name: t.name.replace('4.', '6.') }))])).toBe(
      'missing tensor 4.weight',
    );
  });

  it("refuses shapes that do not chain 784 → … → 10, naming the tensor at fault", () => {
    const reshaped = (name: string, shape: number[]) =>
      sequential([8, 6]).map((t) => (t.name === name ? { name, shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) } : t));
    expect(refusal(reshaped('0.weight', [8, 780]))).toBe('shapes do not chain 784 → … → 10: 0.weight is [8, 780], expected 784 inputs');
    expect(refusal(reshaped('2.weight', [6, 9]))).toBe('shapes do not chain 784 → … → 10: 2.weight is [6, 9], expected 8 inputs');
    expect(refusal(reshaped('4.weight', [9, 6]))).toBe('shapes do not chain 784 → … → 10: 4.weight is [9, 6], expected 10 outputs from the last layer');
    expect(refusal(reshaped('2.bias', [7]))).toBe('shapes do not chain 784 → … → 10: 2.bias is [7], expected [6]');
    expect(refusal(reshaped('0.weight', [8 * 784]))).toBe('shapes do not chain 784 → … → 10: 0.weight is [6272], not a matrix [out, in]');
  });

  it('refuses a model gradlab cannot train: too many or too large hidden layers', () => {
    expect(refusal(sequential([2, 2, 2, 2, 2, 2, 2, 2, 2]))).toMatch(/^the model's hidden layers \[2, 2, 2, 2, 2, 2, 2, 2, 2\] are not trainable here: at most 8 hidden layers$/);
  });

  it('refuses NaN or infinite weights', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const tensors = sequential([8]);
      tensors[3].data[1] = bad;
      expect(refusal(tensors)).toBe(`tensor ${tensors[3].name} holds NaN or infinite values`);
    }
  });
});

describe('checkpointFromImport', () => {
  const imported = (optimizerConfig: Partial<TrainConfig>): { model: ImportedModel; full: TrainConfig } => {
    const model = importModel(writeSafetensors(sequential([9]), {}));
    return { model, full: { ...DEFAULT_CONFIG, ...optimizerConfig, hidden: model.hidden, batchSize: 16 } };
  };

  it.each(OPTIMIZER_NAMES)('gives a checkpoint that a %s trainer restores and trains on from the imported weights', async (optimizer) => {
    const { model, full } = imported({ optimizer });
    const checkpoint = checkpointFromImport(model, full, TRAIN);
    expect(checkCheckpoint(checkpoint, TRAIN)).toBe(checkpoint);
    expect(checkpoint).toMatchObject({ step: 0, epoch: 0, position: 0, optimizerSteps: 0, finite: true });
    expect(checkpoint.optimizerState.every((s) => s.every((v) => v === 0))).toBe(true);
    const engine = new Engine(new CpuBackend('f32'));
    const trainer = Trainer.restore(engine, syntheticData(engine, TRAIN, 20), checkpoint);
    const restored = await trainer.checkpoint();
    expect(restored.parameters).toEqual(model.parameters);
    trainer.trainStep();
    expect((await trainer.checkpoint()).step).toBe(1);
    trainer.dispose();
  });

  it('copies the weights, so that training the run leaves the imported model as it was', () => {
    const { model, full } = imported({});
    const checkpoint = checkpointFromImport(model, full, TRAIN);
    checkpoint.parameters[0][0] = 42;
    expect(model.parameters[0][0]).not.toBe(42);
  });

  it("refuses settings whose hidden layers are not the file's", () => {
    const { model, full } = imported({});
    expect(() => checkpointFromImport(model, { ...full, hidden: [10] }, TRAIN)).toThrow("the settings' hidden layers [10] are not the file's [9]");
  });
});
