// A run's model as a .safetensors file that PyTorch loads into
// nn.Sequential(nn.Linear(784, h1), act, nn.Linear(h1, h2), act, …, nn.Linear(hk, 10)), and back:
// the k-th Linear is module 2k of the Sequential, so its parameters are "2k.weight" [out, in] (the
// layout gradlab keeps too) and "2k.bias" [out].
import { fnv1a } from '../nn/mlp';
import { Random } from '../nn/random';
import { isActivation } from '../ops/activation';
import { OPTIMIZER_NAMES, STATE_SLOTS } from '../optim/optimizers';
import { CLASSES, DEFAULT_CONFIG, INPUT_SIZE, LOSS_NAMES, NORMALIZATIONS, activationAlphaOf, validateConfig, type TrainConfig } from '../train/config';
import type { Checkpoint } from '../train/trainer';
import { ModelFileError, readSafetensors, writeSafetensors, type NamedTensor } from './safetensors';

/** The run's settings as exportModel writes them under the metadata key "gradlab", as JSON. */
interface GradlabMetadata {
  activation: string;
  /** Leaky ReLU's slope or ELU's alpha; only for those activations (files before it say nothing: the default). */
  activationAlpha?: number;
  loss: string;
  normalize: string;
  optimizer: string;
  lr: number;
  momentum: number;
  weightDecay: number;
  batchSize: number;
  seed: number;
  hidden: number[];
  epochsTrained: number;
  step: number;
  testAccuracy: number | null;
  /**
   * The changes of the learning rate mid-run up to `step`: from `from` to `to` once `step` steps
   * were trained, counted as `step` is (the training of a model the run was loaded from included).
   */
  lrChanges: LearningRateChange[];
}

export interface LearningRateChange {
  step: number;
  from: number;
  to: number;
}

export interface ImportedModel {
  /** The hidden layers' sizes, read from the tensors' shapes. */
  hidden: number[];
  /** In gradlab's order: layer 1's weights and bias, layer 2's, … */
  parameters: Float32Array[];
  /** From the metadata, when present and valid; `hidden` always, from the shapes; `epochs` is the epochs the file's run trained. */
  config: Partial<TrainConfig>;
  step: number | null;
  testAccuracy: number | null;
  /** The changes of its learning rate the file records, in its order; none where it records none. */
  lrChanges: LearningRateChange[];
  /** What the file does not say and the user must choose. */
  missing: ('activation' | 'normalize')[];
}

const weightName = (layer: number) => `${2 * layer}.weight`;
const biasName = (layer: number) => `${2 * layer}.bias`;
const shown = (shape: readonly number[]) => `[${shape.join(', ')}]`;

function tensorsOf(checkpoint: Checkpoint): NamedTensor[] {
  const sizes = [INPUT_SIZE, ...checkpoint.config.hidden, CLASSES];
  return sizes.slice(1).flatMap((out, layer) => [
    { name: weightName(layer), shape: [out, sizes[layer]], data: checkpoint.parameters[2 * layer] },
    { name: biasName(layer), shape: [out], data: checkpoint.parameters[2 * layer + 1] },
  ]);
}

function refuseNonFinite(tensors: readonly NamedTensor[]): void {
  const bad = tensors.find((t) => !t.data.every(Number.isFinite));
  if (bad) throw new ModelFileError(`tensor ${bad.name} holds NaN or infinite values`);
}

/** Training a model had before the run that continues it: the epochs, steps and learning-rate changes its file records. */
export interface EarlierTraining {
  epochs: number;
  steps: number;
  lrChanges: LearningRateChange[];
}

const FRESH: EarlierTraining = { epochs: 0, steps: 0, lrChanges: [] };

/** What a file records of a run's past beyond its checkpoint. */
export interface ExportedHistory {
  earlier?: EarlierTraining;
  lrChanges?: readonly LearningRateChange[];
}

/** What an imported file says its model was trained for (nothing, where it does not say). */
export function earlierTraining(model: ImportedModel): EarlierTraining {
  return { epochs: model.config.epochs ?? 0, steps: model.step ?? 0, lrChanges: model.lrChanges };
}

/**
 * The checkpoint's model as a safetensors file with metadata "format": "pt" (what PyTorch's
 * save_file writes) and "gradlab": the run's settings, epochs trained, step, test accuracy and the
 * changes of its learning rate up to that step, counting the `earlier` training of a model the run
 * was loaded from (its steps and its changes come first), as the PyTorch script does.
 * A diverged model is refused: no one can use NaN weights, and importModel would refuse them.
 */
export function exportModel(checkpoint: Checkpoint, testAccuracy: number | null, history: ExportedHistory = {}): Uint8Array {
  const { earlier = FRESH, lrChanges = [] } = history;
  const tensors = tensorsOf(checkpoint);
  refuseNonFinite(tensors);
  const { config } = checkpoint;
  const gradlab: GradlabMetadata = {
    activation: config.activation,
    activationAlpha: activationAlphaOf(config),
    loss: config.loss,
    normalize: config.normalize,
    optimizer: config.optimizer,
    lr: config.lr,
    momentum: config.momentum,
    weightDecay: config.weightDecay,
    batchSize: config.batchSize,
    seed: config.seed,
    hidden: config.hidden,
    epochsTrained: earlier.epochs + checkpoint.epoch,
    step: earlier.steps + checkpoint.step,
    testAccuracy,
    lrChanges: [
      ...earlier.lrChanges,
      ...lrChanges.filter((change) => change.step <= checkpoint.step).map((change) => ({ ...change, step: earlier.steps + change.step })),
    ].map(({ step, from, to }) => ({ step, from, to })),
  };
  return writeSafetensors(tensors, { format: 'pt', gradlab: JSON.stringify(gradlab) });
}

/** The hidden sizes of the Linear layers the tensors name, refusing any set that is not such a model. */
function layerSizes(tensors: Map<string, { shape: number[] }>): number[] {
  const layerIndex = (name: string) => /^(\d+)\.(weight|bias)$/.exec(name);
  const modules = [...tensors.keys()].map(layerIndex).filter((m) => m !== null && Number(m[1]) % 2 === 0).map((m) => Number(m![1]));
  const layers = modules.length === 0 ? 1 : Math.max(...modules) / 2 + 1;
  for (let layer = 0; layer < layers; layer++) {
    for (const name of [weightName(layer), biasName(layer)]) if (!tensors.has(name)) throw new ModelFileError(`missing tensor ${name}`);
  }
  const expected = new Set(Array.from({ length: layers }, (_, layer) => [weightName(layer), biasName(layer)]).flat());
  const unexpected = [...tensors.keys()].find((name) => !expected.has(name));
  if (unexpected !== undefined) throw new ModelFileError(`unexpected tensor ${unexpected}`);

  const chainProblem = (problem: string): never => {
    throw new ModelFileError(`shapes do not chain ${INPUT_SIZE} → … → ${CLASSES}: ${problem}`);
  };
  const hidden: number[] = [];
  let inputs = INPUT_SIZE;
  for (let layer = 0; layer < layers; layer++) {
    const weight = tensors.get(weightName(layer))!.shape;
    const bias = tensors.get(biasName(layer))!.shape;
    const last = layer === layers - 1;
    if (weight.length !== 2) chainProblem(`${weightName(layer)} is ${shown(weight)}, not a matrix [out, in]`);
    if (weight[1] !== inputs) chainProblem(`${weightName(layer)} is ${shown(weight)}, expected ${inputs} inputs`);
    if (last && weight[0] !== CLASSES) chainProblem(`${weightName(layer)} is ${shown(weight)}, expected ${CLASSES} outputs from the last layer`);
    if (bias.length !== 1 || bias[0] !== weight[0]) chainProblem(`${biasName(layer)} is ${shown(bias)}, expected [${weight[0]}]`);
    if (!last) hidden.push(weight[0]);
    inputs = weight[0];
  }
  const problem = validateConfig({ ...DEFAULT_CONFIG, hidden }).hidden;
  if (problem) throw new ModelFileError(`the model's hidden layers ${shown(hidden)} are not trainable here: ${problem}`);
  return hidden;
}

const isFraction = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 1;

/**
 * The settings the "gradlab" metadata gives, each kept only when valid on its own: a file from
 * elsewhere, or with a field edited by hand, still imports with what it does say.
 */
function settingsOf(metadata: Record<string, string>, hidden: number[]): Pick<ImportedModel, 'config' | 'step' | 'testAccuracy' | 'lrChanges'> {
  const config: Partial<TrainConfig> = { hidden };
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadata.gradlab ?? 'null');
  } catch {
    parsed = null;
  }
  if (typeof parsed !== 'object' || parsed === null) return { config, step: null, testAccuracy: null, lrChanges: [] };
  const given = parsed as Partial<Record<keyof GradlabMetadata, unknown>>;
  const valid = (field: keyof TrainConfig, value: unknown) =>
    value !== undefined && validateConfig({ ...DEFAULT_CONFIG, [field]: value } as TrainConfig)[field] === undefined;
  if (isActivation(given.activation as string)) config.activation = given.activation as TrainConfig['activation'];
  const alpha = given.activationAlpha;
  if (config.activation && typeof alpha === 'number' && validateConfig({ ...DEFAULT_CONFIG, activation: config.activation, activationAlpha: alpha }).activationAlpha === undefined) {
    config.activationAlpha = alpha;
  }
  if ((LOSS_NAMES as readonly unknown[]).includes(given.loss)) config.loss = given.loss as TrainConfig['loss'];
  if (typeof given.normalize === 'string' && Object.hasOwn(NORMALIZATIONS, given.normalize)) config.normalize = given.normalize as TrainConfig['normalize'];
  if ((OPTIMIZER_NAMES as readonly unknown[]).includes(given.optimizer)) config.optimizer = given.optimizer as TrainConfig['optimizer'];
  for (const field of ['lr', 'momentum', 'weightDecay', 'batchSize', 'seed'] as const) {
    if (typeof given[field] === 'number' && valid(field, given[field])) config[field] = given[field];
  }
  if (typeof given.epochsTrained === 'number' && given.epochsTrained >= 1 && valid('epochs', given.epochsTrained)) config.epochs = given.epochsTrained;
  const step = typeof given.step === 'number' && Number.isSafeInteger(given.step) && given.step >= 0 ? given.step : null;
  return { config, step, testAccuracy: isFraction(given.testAccuracy) ? given.testAccuracy : null, lrChanges: lrChangesOf(given.lrChanges, step, (lr) => valid('lr', lr)) };
}

/**
 * The learning-rate changes a file lists, kept whole only when each is a change between two valid
 * rates at a step in order, none after the file's `step`: a list that is not is none.
 */
function lrChangesOf(given: unknown, step: number | null, validRate: (lr: unknown) => boolean): LearningRateChange[] {
  if (!Array.isArray(given)) return [];
  const changes = given.map((change: unknown) => {
    const { step: at, from, to } = (typeof change === 'object' && change !== null ? change : {}) as Partial<Record<keyof LearningRateChange, unknown>>;
    return Number.isSafeInteger(at) && validRate(from) && validRate(to) ? { step: at as number, from: from as number, to: to as number } : null;
  });
  const inOrder = changes.every((change, i) => change !== null && change.step >= (changes[i - 1]?.step ?? 0) && change.step <= (step ?? Infinity));
  return inOrder ? (changes as LearningRateChange[]) : [];
}

/**
 * The model in a safetensors file written by exportModel or by PyTorch from that nn.Sequential.
 * Refuses, with a ModelFileError naming the problem, a file that is not such a model or holds
 * NaN or infinite weights.
 */
export function importModel(bytes: Uint8Array): ImportedModel {
  const { tensors, metadata } = readSafetensors(bytes);
  const hidden = layerSizes(tensors);
  const named = [...hidden, CLASSES].flatMap((_, layer) => [weightName(layer), biasName(layer)].map((name) => ({ name, ...tensors.get(name)! })));
  refuseNonFinite(named);
  const settings = settingsOf(metadata, hidden);
  const missing = (['activation', 'normalize'] as const).filter((field) => settings.config[field] === undefined);
  return { hidden, parameters: named.map((t) => t.data), ...settings, missing };
}


/**
 * A checkpoint that Trainer.restore (and the worker's 'adopt') takes: the imported parameters
 * with fresh optimiser state, before its first step. It starts at step 0 rather than the file's
 * step because checkCheckpoint ties the optimiser's step count to the run's, and Adam's bias
 * correction at a late step on zeroed moments would make its first updates about three times
 * too large. The first step draws the data order from config.seed.
 */
export function checkpointFromImport(model: ImportedModel, config: TrainConfig, trainCount: number): Checkpoint {
  if (config.hidden.join(',') !== model.hidden.join(',')) {
    throw new ModelFileError(`the settings' hidden layers ${shown(config.hidden)} are not the file's ${shown(model.hidden)}`);
  }
  const parameters = model.parameters.map((p) => Float32Array.from(p));
  return {
    config,
    step: 0,
    epoch: 0,
    position: 0,
    optimizerSteps: 0,
    randomState: new Random(config.seed).state,
    order: Uint32Array.from({ length: trainCount }, (_, i) => i),
    parameters,
    optimizerState: parameters.flatMap((p) => Array.from({ length: STATE_SLOTS[config.optimizer] }, () => new Float32Array(p.length))),
    finite: true,
    initialWeightsHash: fnv1a(parameters),
  };
}
