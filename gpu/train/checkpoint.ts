// A checkpoint is checked whole before a trainer is built from it: one that was altered, stored
// badly or taken from another model is refused with its first problem named, rather than training
// on from a state no run could have reached.
import { STATE_SLOTS } from '../optim/optimizers';
import { CLASSES, DEFAULT_CONFIG, INPUT_SIZE, validateConfig, type TrainConfig } from './config';
import type { Checkpoint } from './trainer';


const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A value as a message shows it, whatever it is. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (isRecord(value)) return 'an object';
  return String(value);
}

function refuse(problem: string): never {
  throw new Error(`invalid checkpoint: ${problem}`);
}

function checkConfig(config: unknown): TrainConfig {
  if (!isRecord(config)) refuse(`config is ${shown(config)}, expected an object`);
  // validateConfig reads every field as its type; a field of another type is named here first.
  for (const [key, fallback] of Object.entries(DEFAULT_CONFIG)) {
    const value = config[key];
    const expected = Array.isArray(fallback) ? 'list' : typeof fallback;
    const actual = Array.isArray(value) ? 'list' : typeof value;
    if (actual !== expected) refuse(`config.${key} is ${shown(value)}, expected a ${expected}`);
  }
  const errors = Object.entries(validateConfig(config as unknown as TrainConfig));
  if (errors.length > 0) refuse(`config.${errors[0][0]}: ${errors[0][1]}`);
  return config as unknown as TrainConfig;
}

function count(checkpoint: Record<string, unknown>, key: string, max = Number.MAX_SAFE_INTEGER): number {
  const value = checkpoint[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    refuse(`${key} is ${shown(value)}, expected a whole number from 0 to ${max}`);
  }
  return value;
}

/** The first value that is out of range or repeated, if `order` is not a permutation of 0..n−1. */
function permutationProblem(order: Uint32Array): string | null {
  const seen = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const v = order[i];
    if (v >= order.length) return `order[${i}] is ${v}, beyond the ${order.length} samples`;
    if (seen[v]) return `order[${i}] repeats sample ${v}`;
    seen[v] = 1;
  }
  return null;
}

/** Float32Arrays of exactly these lengths, each named by `what(i)` in a message. */
function checkTensors(value: unknown, key: string, lengths: number[], what: (i: number) => string): Float32Array[] {
  if (!Array.isArray(value)) refuse(`${key} is ${shown(value)}, expected a list of Float32Arrays`);
  if (value.length !== lengths.length) refuse(`${key} has ${value.length} tensors, expected ${lengths.length}`);
  value.forEach((tensor: unknown, i) => {
    if (!(tensor instanceof Float32Array)) refuse(`${key}[${i}] is ${shown(tensor)}, expected a Float32Array`);
    if (tensor.length !== lengths[i]) refuse(`${key}[${i}] (${what(i)}) has ${tensor.length} values, expected ${lengths[i]}`);
  });
  return value as Float32Array[];
}

/**
 * `value` as a Checkpoint that Trainer.restore can carry on from, or an Error naming its first
 * problem. `trainCount`, when given, is the number of training samples it must have been taken on.
 */
export function checkCheckpoint(value: unknown, trainCount?: number): Checkpoint {
  if (!isRecord(value)) refuse(`it is ${shown(value)}, expected an object`);
  const config = checkConfig(value.config);
  const step = count(value, 'step');
  const epoch = count(value, 'epoch', config.epochs);
  const position = count(value, 'position');
  const optimizerSteps = count(value, 'optimizerSteps');
  count(value, 'randomState', 0xffffffff);
  if (typeof value.finite !== 'boolean') refuse(`finite is ${shown(value.finite)}, expected true or false`);
  const hash = value.initialWeightsHash;
  if (typeof hash !== 'string' || !/^[0-9a-f]{8}$/.test(hash)) refuse(`initialWeightsHash is ${shown(hash)}, expected 8 hex digits`);

  const { order } = value;
  if (!(order instanceof Uint32Array)) refuse(`order is ${shown(order)}, expected a Uint32Array`);
  if (order.length === 0) refuse('order is empty: there are no training samples');
  if (trainCount !== undefined && order.length !== trainCount) {
    refuse(`order has ${order.length} samples, but the training set has ${trainCount}`);
  }
  // Before the first step no order has been drawn yet; the first step draws one.
  const problem = step > 0 ? permutationProblem(order) : null;
  if (problem) refuse(`order is not a permutation of the samples: ${problem}`);

  // Every batch but an epoch's last is full, so the step count follows from epoch and position.
  const { batchSize } = config;
  if (position >= order.length) refuse(`position ${position} is beyond the ${order.length} samples`);
  if (position % batchSize !== 0) refuse(`position ${position} is not a multiple of the batch size ${batchSize}`);
  if (epoch === config.epochs && position !== 0) refuse(`epoch is ${epoch}, the end of the run, but position is ${position}, expected 0`);
  const expectedStep = epoch * Math.ceil(order.length / batchSize) + position / batchSize;
  if (step !== expectedStep) refuse(`step is ${step}, but epoch ${epoch} at position ${position} is step ${expectedStep}`);
  if (optimizerSteps !== step) refuse(`optimizerSteps is ${optimizerSteps}, expected ${step} (one update a step)`);

  const sizes = [INPUT_SIZE, ...config.hidden, CLASSES];
  const layerShapes = sizes.slice(1).flatMap((out, i) => [
    { size: out * sizes[i], name: `layer ${i + 1} weights ${out}×${sizes[i]}` },
    { size: out, name: `layer ${i + 1} bias ${out}` },
  ]);
  const parameters = checkTensors(value.parameters, 'parameters', layerShapes.map((s) => s.size), (i) => layerShapes[i].name);
  const slots = STATE_SLOTS[config.optimizer];
  const stateShapes = layerShapes.flatMap((shape) => Array.from({ length: slots }, () => shape));
  checkTensors(value.optimizerState, 'optimizerState', stateShapes.map((s) => s.size), (i) => `${config.optimizer} state of ${stateShapes[i].name}`);

  const finite = parameters.every((p) => p.every(Number.isFinite));
  if (value.finite !== finite) refuse(`finite is ${value.finite}, but the parameters are ${finite ? 'all finite' : 'not all finite'}`);
  return value as unknown as Checkpoint;
}
