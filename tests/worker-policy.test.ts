import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_INTERVAL_MS,
  checkpointDue,
  judgeCheckpoint,
  reportDue,
  rollbackLearningRate,
  spreadIndices,
  topClasses,
} from '../app/worker/policy';

describe('run policy', () => {
  it('takes a checkpoint in every new epoch and after the interval, not otherwise', () => {
    const at = (epoch: number, nowMs: number) => checkpointDue({ epoch, checkpointedEpoch: 2, nowMs, lastCheckpointMs: 1000 });
    expect(at(2, 1000 + CHECKPOINT_INTERVAL_MS - 1)).toBe(false);
    expect(at(2, 1000 + CHECKPOINT_INTERVAL_MS)).toBe(true);
    expect(at(3, 1001)).toBe(true);
  });

  it('trusts a checkpoint only when its weights are numbers and the losses look calm', () => {
    expect(judgeCheckpoint({ finite: true, calm: true, diverged: false })).toBe('good');
    expect(judgeCheckpoint({ finite: true, calm: false, diverged: false })).toBe('untrusted');
    expect(judgeCheckpoint({ finite: true, calm: true, diverged: true })).toBe('untrusted');
    expect(judgeCheckpoint({ finite: false, calm: true, diverged: false })).toBe('diverged');
  });

  it('rolls back with a tenth of the learning rate, as people write it', () => {
    expect(rollbackLearningRate(0.003)).toBe(0.0003);
    expect(rollbackLearningRate(50)).toBe(5);
    expect(rollbackLearningRate(1e-3)).toBe(1e-4);
  });

  it('reports at most once an interval unless forced', () => {
    expect(reportDue(1099, 1000, 100)).toBe(false);
    expect(reportDue(1100, 1000, 100)).toBe(true);
    expect(reportDue(1001, 1000, 100, true)).toBe(true);
  });

  it('spreads the strip over the test set, within it', () => {
    expect(spreadIndices(10_000, 16)).toEqual(Array.from({ length: 16 }, (_, i) => i * 625));
    expect(spreadIndices(5, 16)).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads the top class of each row, or nothing when a value is not a number', () => {
    const rows = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.2, 0.3]);
    expect(topClasses(rows, 3)).toEqual([
      { predicted: 1, confidence: Float32Array.from([0.7])[0] },
      { predicted: 0, confidence: 0.5 },
    ]);
    expect(topClasses(Float32Array.from([0.1, NaN, 0.2]), 3)).toBeNull();
  });
});
