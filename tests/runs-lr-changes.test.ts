// A run's learning rate over its steps: the changes recorded mid-run and what each step was trained with.
import { describe, expect, it } from 'vitest';
import { initialLr, lrChangesBackTo, lrOfStep, withLrChange } from '../app/runs/lr-changes';

describe('learning-rate changes', () => {
  it('records a change at the steps trained so far, and none that changes nothing', () => {
    const one = withLrChange([], 40, 0.001, 0.0001);
    expect(one).toEqual([{ step: 40, from: 0.001, to: 0.0001 }]);
    expect(withLrChange(one, 90, 0.0001, 0.0001)).toEqual(one);
    expect(withLrChange(one, 90, 0.0001, 0.01)).toEqual([...one, { step: 90, from: 0.0001, to: 0.01 }]);
  });

  it('makes two changes with no step between them one, and a change undone before any step none', () => {
    const one = withLrChange([], 40, 0.001, 0.1);
    expect(withLrChange(one, 40, 0.1, 0.0001)).toEqual([{ step: 40, from: 0.001, to: 0.0001 }]);
    expect(withLrChange(one, 40, 0.1, 0.001)).toEqual([]);
  });

  it('gives each step the rate it was trained with: a change at step 40 applies from step 41', () => {
    const changes = [{ step: 40, from: 0.001, to: 0.0001 }, { step: 90, from: 0.0001, to: 0.01 }];
    expect([1, 40, 41, 90, 91].map((step) => lrOfStep(changes, 0.01, step))).toEqual([0.001, 0.001, 0.0001, 0.0001, 0.01]);
    expect(lrOfStep([], 0.05, 7), 'without changes, the rate now').toBe(0.05);
    expect(initialLr(changes, 0.01)).toBe(0.001);
  });

  it('on going back to a checkpoint drops the changes after it and records the rate it trains on with there', () => {
    const changes = [{ step: 40, from: 0.001, to: 0.1 }, { step: 90, from: 0.1, to: 1 }];
    // A rollback to step 60 from a rate of 1: a tenth of it, where the run had 0.1.
    expect(lrChangesBackTo(changes, 60, 1, 0.1)).toEqual([{ step: 40, from: 0.001, to: 0.1 }]);
    expect(lrChangesBackTo(changes, 60, 1, 0.01)).toEqual([{ step: 40, from: 0.001, to: 0.1 }, { step: 60, from: 0.1, to: 0.01 }]);
    expect(lrChangesBackTo(changes, 40, 1, 0.01), 'merged with the change at that step').toEqual([{ step: 40, from: 0.001, to: 0.01 }]);
    expect(lrChangesBackTo([], 0, 0.001, 0.0001), 'a rollback before any change').toEqual([{ step: 0, from: 0.001, to: 0.0001 }]);
    expect(lrChangesBackTo([], 30, 0.001, 0.001), 'a lost device: back at the same rate').toEqual([]);
    expect(lrChangesBackTo([{ step: 5, from: 0.01, to: 0.001 }], 3, 0.001, 0.0001), 'the rate at the checkpoint was the first').toEqual([{ step: 3, from: 0.01, to: 0.0001 }]);
  });
});
