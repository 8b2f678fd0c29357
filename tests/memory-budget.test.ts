import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig } from '../gpu/train/config';
import { estimateTrainingMemory, formatBytes, memoryBudget } from '../gpu/train/memory';

const MIB = 2 ** 20;

describe('device memory', () => {
  it('counts parameters as PyTorch does and the bytes that training them needs', () => {
    const adam = estimateTrainingMemory([784, 128, 10], 'adam', 128);
    expect(adam.parameters).toBe(784 * 128 + 128 + 128 * 10 + 10);
    const sgd = estimateTrainingMemory([784, 128, 10], 'sgd', 128);
    // Adam's two states a parameter are the whole difference.
    expect(adam.bytes - sgd.bytes).toBe(2 * 4 * adam.parameters);
    // The dataset (70,000 images of 784 bytes) dominates a small model.
    expect(sgd.bytes).toBeGreaterThan(70_000 * 784);
    // The example: "784-8192-8192-10: 73.6 M parameters".
    expect(Math.round(estimateTrainingMemory([784, 8192, 8192, 10], 'adam', 128).parameters / 1e5) / 10).toBe(73.6);
  });

  it('budgets four of the largest buffers, at most half the platform memory', () => {
    expect(memoryBudget((128 * MIB) / 4, 8)).toBe(512 * MIB);
    expect(memoryBudget((2048 * MIB) / 4, 8)).toBe(4096 * MIB);
    expect(memoryBudget((2048 * MIB) / 4, 4)).toBe(2048 * MIB);
  });

  it('refuses a network whose buffers each fit but together do not, naming the figure and the budget', () => {
    const capacity = { maxBufferElements: (128 * MIB) / 4, memoryBudgetBytes: 512 * MIB };
    const hidden = [4096, 4096, 4096];
    const config = { ...DEFAULT_CONFIG, hidden };
    // Each weight matrix is 4096² = 16.8 M values, within the 33.5 M a buffer may hold.
    expect(validateConfig(config, { ...capacity, memoryBudgetBytes: Infinity })).toEqual({});
    const needed = estimateTrainingMemory([784, ...hidden, 10], 'adam', 128).bytes;
    expect(validateConfig(config, capacity).hidden).toBe(
      `784-4096-4096-4096-10 with adam at batch 128 needs about ${formatBytes(needed)} of device memory, beyond this device's budget of 537 MB`,
    );
    expect(validateConfig(DEFAULT_CONFIG, capacity)).toEqual({});
  });
});
