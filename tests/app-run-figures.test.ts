// A run's size before it starts, its time left while it trains, and its state in words.
import { describe, expect, it } from 'vitest';
import { formatCount, runSizeText, runStateText, timeLeft, timeLeftText, type TimedRun } from '../app/components/runs/run-figures';

describe('a run’s size', () => {
  it('counts the parameters and the memory the worker weighs it by', () => {
    expect(runSizeText({ hidden: [8192, 8192], optimizer: 'adam', batchSize: 128 })).toMatch(/^784-8192-8192-10: 73\.6 M parameters, ≈ \d+\.\d GB with Adam$/);
    // 784·128 + 128 + 128·10 + 10 weights and biases.
    expect(runSizeText({ hidden: [128], optimizer: 'sgd', batchSize: 128 })).toMatch(/^784-128-10: 101,770 parameters, ≈ \d+ MB with SGD$/);
    expect(runSizeText({ hidden: [], optimizer: 'momentum', batchSize: 64 })).toMatch(/^784-10: 7,850 parameters, ≈ \d+ MB with SGD with momentum$/);
    expect([formatCount(999_999), formatCount(1_000_000), formatCount(73_629_706)]).toEqual(['999,999', '1.0 M', '73.6 M']);
  });

  it('needs more memory with Adam’s state than with SGD', () => {
    const gb = (text: string) => Number(/≈ ([\d.]+) GB/.exec(text)![1]);
    expect(gb(runSizeText({ hidden: [8192, 8192], optimizer: 'adam', batchSize: 128 }))).toBeGreaterThan(gb(runSizeText({ hidden: [8192, 8192], optimizer: 'sgd', batchSize: 128 })));
  });
});

describe('time left', () => {
  // 600 training images in batches of 100: 6 steps an epoch, 3 epochs; 200 samples a second.
  const run: TimedRun = { state: 'training', step: 4, stepsPerEpoch: 6, trainCount: 600, samplesPerSec: 200, config: { epochs: 3, batchSize: 100 } };

  it('is what is left of the epoch and of the run at the measured speed', () => {
    expect(timeLeft(run)).toEqual({ epochMs: 1000, runMs: 7000 });
    expect(timeLeft({ ...run, step: 6 }), 'an epoch just ended: the next one whole').toEqual({ epochMs: 3000, runMs: 6000 });
    expect(timeLeft({ ...run, step: 18 }), 'the last step').toEqual({ epochMs: 0, runMs: 0 });
    expect(timeLeftText({ ...run, samplesPerSec: 2 })).toBe('1:40 left in this epoch, 11:40 in the run');
  });

  it('is not said of a run that does not train, or before its speed is measured', () => {
    expect(timeLeft({ ...run, state: 'paused' })).toBeNull();
    expect(timeLeft({ ...run, samplesPerSec: 0 })).toBeNull();
    expect(timeLeftText({ ...run, stepsPerEpoch: 0 })).toBeNull();
  });
});

describe('a run’s state in words', () => {
  it('says the model is being built until the worker has built it', () => {
    expect(runStateText({ state: 'ready', initialWeightsHash: null })).toBe('Building the model…');
    expect(runStateText({ state: 'ready', initialWeightsHash: 'c0ffee01' })).toBe('Ready');
    expect(runStateText({ state: 'training', initialWeightsHash: 'c0ffee01' })).toBe('Training');
  });
});
