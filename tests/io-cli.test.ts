// `npm run train -- --save FILE` and `--load FILE`: the settings a loaded file fills in (a pure
// function), the refusals, and a real round trip through the CLI on the CPU backend.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../gpu/cli/args';
import { loadedRunConfig } from '../gpu/cli/train-options';
import type { ImportedModel } from '../gpu/io/model-file';
import { readSafetensors, writeSafetensors } from '../gpu/io/safetensors';
import { DEFAULT_CONFIG } from '../gpu/train/config';

const gradlabModel: ImportedModel = {
  hidden: [64],
  parameters: [],
  config: { hidden: [64], activation: 'tanh', normalize: 'unit', loss: 'mse', optimizer: 'sgd', lr: 0.1, batchSize: 32, epochs: 5 },
  step: 2345,
  testAccuracy: 0.9,
  lrChanges: [],
  missing: [],
};
const torchModel: ImportedModel = { ...gradlabModel, config: { hidden: [64] }, step: null, testAccuracy: null, missing: ['activation', 'normalize'] };
const flags = (...argv: string[]) => parseArgs(argv).options;

describe('loadedRunConfig', () => {
  it("takes every setting the flags leave out from the file, and the layer sizes from its shapes", () => {
    expect(loadedRunConfig(flags('--load', 'm.safetensors'), gradlabModel, 'm.safetensors')).toEqual({
      config: { ...DEFAULT_CONFIG, hidden: [64], activation: 'tanh', normalize: 'unit', loss: 'mse', optimizer: 'sgd', lr: 0.1, batchSize: 32 },
      evaluateOnly: false,
    });
  });

  it('lets flags override the file, and --epochs count the epochs to train on', () => {
    const run = loadedRunConfig(flags('--lr', '0.5', '--activation', 'relu', '--epochs', '2', '--hidden', '64'), gradlabModel, 'm');
    expect(run).toMatchObject({ config: { lr: 0.5, activation: 'relu', epochs: 2, optimizer: 'sgd' }, evaluateOnly: false });
  });

  it("takes the file's activation parameter for its activation only, and --activation-alpha over it", () => {
    const leaky: ImportedModel = { ...gradlabModel, config: { ...gradlabModel.config, activation: 'leaky_relu', activationAlpha: 0.2 } };
    expect(loadedRunConfig(flags(), leaky, 'm')).toMatchObject({ config: { activation: 'leaky_relu', activationAlpha: 0.2 } });
    expect(loadedRunConfig(flags('--activation-alpha', '0.3'), leaky, 'm')).toMatchObject({ config: { activationAlpha: 0.3 } });
    const asElu = loadedRunConfig(flags('--activation', 'elu'), leaky, 'm');
    expect(asElu).toMatchObject({ config: { activation: 'elu' } });
    expect(asElu).not.toHaveProperty('config.activationAlpha');
  });

  it('only evaluates with --epochs 0', () => {
    for (const zero of ['0', '0.0', ' 0 ']) {
      expect(loadedRunConfig(flags(`--epochs=${zero}`), gradlabModel, 'm')).toMatchObject({ config: { epochs: 1 }, evaluateOnly: true });
    }
    expect(loadedRunConfig(flags('--epochs='), gradlabModel, 'm')).toBe('--epochs must be a number, got ""');
  });

  it("asks for what a PyTorch file does not say, and accepts it from the flags", () => {
    expect(loadedRunConfig(flags(), torchModel, 'torch.safetensors')).toBe('torch.safetensors does not say its activation: give --activation');
    expect(loadedRunConfig(flags('--activation', 'relu'), torchModel, 't')).toBe('t does not say its input normalisation: give --normalize');
    expect(loadedRunConfig(flags('--activation', 'relu', '--normalize', 'standard'), torchModel, 't')).toMatchObject({
      config: { ...DEFAULT_CONFIG, hidden: [64], activation: 'relu', normalize: 'standard' },
    });
  });

  it('refuses --hidden that is not the file’s, and a flag that is not a number', () => {
    expect(loadedRunConfig(flags('--hidden', '32'), gradlabModel, 'm')).toBe('--hidden 32 does not match m, whose hidden layers are 64');
    expect(loadedRunConfig(flags('--lr', 'abc'), gradlabModel, 'm')).toBe('--lr must be a number, got "abc"');
  });
});

/** `npm run train -- …args` on the CPU backend: its exit status, its closing JSON (if any) and its error output. */
function train(...args: string[]): { status: number | null; result: Record<string, unknown> | null; stderr: string } {
  const child = spawnSync('node_modules/.bin/vite-node', ['gpu/cli/train.ts', '--', '--backend', 'cpu', ...args], { encoding: 'utf8' });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return { status: child.status, result: last.startsWith('{') ? (JSON.parse(last) as Record<string, unknown>) : null, stderr: child.stderr };
}

/** The epochs and steps a saved file says its model was trained for. */
function savedTraining(file: string): { epochsTrained: number; step: number } {
  const { epochsTrained, step } = JSON.parse(readSafetensors(readFileSync(file)).metadata.gradlab) as { epochsTrained: number; step: number };
  return { epochsTrained, step };
}

describe('the CLI with --save and --load', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gradlab-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('saves after training, and evaluating the saved file gives the same test accuracy', () => {
    const file = path.join(dir, 'run.safetensors');
    const trained = train('--epochs', '1', '--hidden', '16', '--batch', '256', '--activation', 'sigmoid', '--normalize', 'symmetric', '--save', file);
    expect(trained.status).toBe(0);
    const loaded = train('--load', file, '--epochs', '0');
    expect(loaded.status).toBe(0);
    // The activation and the normalisation came from the file: with relu or standard inputs the accuracy would differ.
    expect(loaded.result).toMatchObject({ config: { hidden: [16], activation: 'sigmoid', normalize: 'symmetric', epochs: 0 } });
    expect(loaded.result!.test_accuracy).toBe(trained.result!.test_accuracy);
    // Training on from the file, gently and in few steps, starts from its accuracy rather than from chance.
    const further = path.join(dir, 'further.safetensors');
    const continued = train('--load', file, '--epochs', '1', '--batch', '4096', '--lr', '1e-4', '--save', further);
    expect(continued.status).toBe(0);
    expect(continued.result).toMatchObject({ config: { hidden: [16], activation: 'sigmoid', batchSize: 4096, epochs: 1 } });
    expect(continued.result!.test_accuracy as number).toBeGreaterThan((trained.result!.test_accuracy as number) - 0.02);
    // The saved file counts the loaded model's training and this run's: an epoch at batch 256, then one at 4096.
    const [first, second] = [Math.ceil(60_000 / 256), Math.ceil(60_000 / 4096)];
    expect(savedTraining(file)).toEqual({ epochsTrained: 1, step: first });
    expect(savedTraining(further)).toEqual({ epochsTrained: 2, step: first + second });
  });

  it('refuses a file that is not a model, or one that does not say its activation, before training', () => {
    const broken = path.join(dir, 'broken.safetensors');
    writeFileSync(broken, 'not a model at all');
    expect(train('--load', broken)).toMatchObject({ status: 2, stderr: expect.stringMatching(/--load .*broken\.safetensors: not a safetensors file/) });
    const torchFile = path.join(dir, 'torch.safetensors');
    const linear = [
      { name: '0.weight', shape: [10, 784], data: new Float32Array(7840) },
      { name: '0.bias', shape: [10], data: new Float32Array(10) },
    ];
    writeFileSync(torchFile, writeSafetensors(linear, { format: 'pt' }));
    expect(train('--load', torchFile, '--epochs', '0')).toMatchObject({ status: 2, stderr: expect.stringMatching(/does not say its activation: give --activation/) });
    expect(train('--save')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--save needs a file name/) });
    expect(train('--save', path.join(dir, 'no-such-folder', 'x.safetensors'))).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/--save .*x\.safetensors: the folder .*no-such-folder does not exist/),
    });
    expect(train('--epochs', '0')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--epochs 0 only evaluates a saved model: give it with --load/) });
  });
});
