// gradlab's .safetensors and PyTorch's, both ways, on the real MNIST test set: a model trained and
// saved by PyTorch (tests/fixtures/safetensors_writer.py, Debian's torch) imports into gradlab
// with the same predictions, and one trained by gradlab loads into nn.Sequential with
// load_state_dict(strict=True) and predicts the same there.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../gpu/cpu/cpu-backend';
import { loadMnistFromNodeModules } from '../gpu/data/mnist-node';
import { checkpointFromImport, exportModel, importModel } from '../gpu/io/model-file';
import type { Evaluation } from '../gpu/stats/types';
import { Engine } from '../gpu/tensor';
import { DEFAULT_CONFIG, type TrainConfig } from '../gpu/train/config';
import { uploadMnist, type DeviceData } from '../gpu/train/device-data';
import { Trainer } from '../gpu/train/trainer';

/** Debian's Python, which has torch; another python3 may come first on PATH. */
const PYTHON = '/usr/bin/python3';
const WRITER = path.join(import.meta.dirname, 'fixtures', 'safetensors_writer.py');

interface TorchResult {
  accuracy: number;
  predicted: number[];
}

function torch(args: string[]): TorchResult {
  return JSON.parse(execFileSync(PYTHON, [WRITER, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 })) as TorchResult;
}

/** How many of the test images two models classify differently. */
const disagreements = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).filter((p, i) => p !== b[i]).length;

describe('safetensors files between gradlab and PyTorch, on the MNIST test set (CPU backend)', () => {
  let dir: string;
  let engine: Engine;
  let data: DeviceData;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gradlab-io-'));
    engine = new Engine(new CpuBackend('f32'));
    data = uploadMnist(engine, await loadMnistFromNodeModules());
  });
  afterAll(() => {
    engine?.backend.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function evaluate(trainer: Trainer): Promise<Evaluation> {
    try {
      return await trainer.evaluate();
    } finally {
      trainer.dispose();
    }
  }

  it('a model PyTorch trained and saved imports with the accuracy PyTorch computes, to 0.05 points', async () => {
    const file = path.join(dir, 'torch.safetensors');
    const reference = torch(['write', file, '--hidden', '64,32', '--activation', 'tanh', '--seed', '3']);
    const model = importModel(readFileSync(file));
    expect(model.hidden).toEqual([64, 32]);
    // A file saved from PyTorch says nothing of how it was trained: the page asks, here we tell it.
    expect(model.missing).toEqual(['activation', 'normalize']);
    const config: TrainConfig = { ...DEFAULT_CONFIG, ...model.config, activation: 'tanh', normalize: 'standard' };
    const trainer = Trainer.restore(engine, data, checkpointFromImport(model, config, data.train.count));
    const { accuracy, predicted } = await evaluate(trainer);
    // The brief training leaves a model well past chance, so agreeing on it means something.
    expect(reference.accuracy).toBeGreaterThan(0.8);
    expect(Math.abs(accuracy - reference.accuracy)).toBeLessThanOrEqual(0.0005);
    expect(disagreements(predicted, reference.predicted)).toBeLessThanOrEqual(5);
  });

  it('a model gradlab trained and exported loads into nn.Sequential and predicts the same there', async () => {
    const config: TrainConfig = { ...DEFAULT_CONFIG, hidden: [32], activation: 'relu', batchSize: 128 };
    const trainer = new Trainer(engine, data, config);
    for (let i = 0; i < 60; i++) trainer.trainStep();
    const checkpoint = await trainer.checkpoint();
    const { accuracy, predicted } = await evaluate(trainer);
    const file = path.join(dir, 'gradlab.safetensors');
    writeFileSync(file, exportModel(checkpoint, accuracy));
    const reference = torch(['evaluate', file, '--hidden', '32', '--activation', 'relu']);
    expect(accuracy).toBeGreaterThan(0.8);
    expect(Math.abs(accuracy - reference.accuracy)).toBeLessThanOrEqual(0.0005);
    expect(disagreements(predicted, reference.predicted)).toBeLessThanOrEqual(5);
  });
});
