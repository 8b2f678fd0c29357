// How much device memory a configuration needs, and how much a device may be given.
//
// WebGPU tells nobody how much memory a device has, so the budget is derived from what it does say:
// the largest buffer it accepts, which no GPU offers above a fraction of its memory (a quarter to a
// half on the GPUs we know), and the platform's memory, which bounds a software adapter and a
// GPU sharing the system's memory alike (`navigator.deviceMemory`: the browser's rounded-down GiB,
// at most 8; 8 where it is not reported).
import { STATE_SLOTS, type OptimizerName } from '../optim/optimizers';

export interface DeviceCapacity {
  /** Largest buffer one binding may hold, in 32-bit elements. */
  maxBufferElements: number;
  /** The most bytes a model, its training state and the dataset may take together. */
  memoryBudgetBytes: number;
}

export const UNLIMITED: DeviceCapacity = { maxBufferElements: Infinity, memoryBudgetBytes: Infinity };

/** How many of the largest buffers a device is trusted to hold. */
const LARGEST_BUFFERS_PER_DEVICE = 4;
const GIB = 2 ** 30;
const ASSUMED_PLATFORM_GIB = 8;

export function memoryBudget(maxBufferElements: number, platformGiB = platformMemoryGiB()): number {
  return Math.min(LARGEST_BUFFERS_PER_DEVICE * maxBufferElements * 4, (platformGiB * GIB) / 2);
}

function platformMemoryGiB(): number {
  const reported = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;
  return typeof reported === 'number' && reported > 0 ? reported : ASSUMED_PLATFORM_GIB;
}

export function capacityOf(backend: { maxBufferElements: number }): DeviceCapacity {
  return { maxBufferElements: backend.maxBufferElements, memoryBudgetBytes: memoryBudget(backend.maxBufferElements) };
}

/** MNIST's split sizes: what the device holds besides the model. */
export const MNIST_COUNTS = { train: 60_000, test: 10_000 };
/** Rows of a test-set evaluation batch (Trainer's EVAL_BATCH). */
const EVAL_ROWS = 1000;

export interface MemoryEstimate {
  parameters: number;
  bytes: number;
}

/**
 * Bytes the device holds to train an MLP of these layer sizes (input first): parameters, their
 * gradients (a lasting copy and the step's own) and optimiser state; the activations of a training
 * batch and of an evaluation batch, forward and backward (each layer's pre-activation and
 * activation, twice), which the buffer pool keeps between steps; the dataset as packed bytes with
 * its labels and sample order. Measured against the bytes held after three steps and an evaluation
 * on Dawn: 784-128-10 1.00×, 784-1024-1024-10 at batch 128 0.88×, 784-2048-2048-10 at batch 1024
 * 0.90× of the estimate, so it errs on the side of refusing.
 */
export function estimateTrainingMemory(
  sizes: readonly number[],
  optimizer: OptimizerName,
  batchSize: number,
  counts = MNIST_COUNTS,
): MemoryEstimate {
  let parameters = 0;
  for (let i = 1; i < sizes.length; i++) parameters += sizes[i] * sizes[i - 1] + sizes[i];
  const perParameter = 3 + (STATE_SLOTS[optimizer] ?? 2);
  const rows = batchSize === EVAL_ROWS ? batchSize : batchSize + EVAL_ROWS;
  const [inputs, ...layers] = sizes;
  const units = layers.reduce((a, b) => a + b, 0);
  const activations = rows * (inputs + 4 * units);
  const dataset = (counts.train + counts.test) * (inputs + 8);
  return { parameters, bytes: 4 * (parameters * perParameter + activations) + dataset };
}

/** "1.2 GB", "350 MB": as people read memory. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}
