// A run's statistics over its steps: thinned to an even spread by step however long it trains, cut back at a restore.
import { describe, expect, it } from 'vitest';
import { MAX_INSIDE_HISTORY, appendByStep, healthEntry, thinByStep, upToStep } from '../app/runs/inside-history';
import { layerHealth, probeStats } from './inside-fixtures';

const at = (...steps: number[]) => steps.map((step) => ({ step }));
const steps = (entries: readonly { step: number }[]) => entries.map((e) => e.step);

describe('a run’s inside history', () => {
  it('stays as it is while it covers few steps', () => {
    const entries = at(1, 2, 3, 5);
    expect(thinByStep(entries, 8)).toEqual(entries);
  });

  it('never grows past the limit, keeps the first and the latest, and spreads evenly by step however irregular the steps', () => {
    let history: { step: number }[] = [];
    let step = 0;
    for (let i = 0; i < 10_000; i++) {
      // Sampled by time: the steps between samples vary (a slow and a fast phase).
      step += i < 5000 ? 1 : 7;
      history = appendByStep(history, { step });
      expect(history.length).toBeLessThanOrEqual(MAX_INSIDE_HISTORY);
    }
    expect(history[0].step).toBe(1);
    expect(history.at(-1)!.step).toBe(step);
    const gaps = history.slice(1).map((e, i) => e.step - history[i].step);
    const even = step / history.length;
    // Every gap within a small factor of the even spread: no stretch is crowded, none bare.
    expect(Math.max(...gaps.slice(0, -1))).toBeLessThan(4 * even);
    expect(Math.min(...gaps.slice(0, -1))).toBeGreaterThan(even / 4);
    expect(history.length).toBeGreaterThan(MAX_INSIDE_HISTORY / 4);
  });

  it('thins to at most `max` for any max of 4 or more', () => {
    const entries = at(...Array.from({ length: 101 }, (_, i) => i * i));
    for (const max of [4, 5, 10, 50, 100]) {
      const thinned = thinByStep(entries, max);
      expect(thinned.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(thinned[0]).toBe(entries[0]);
      expect(thinned.at(-1)).toBe(entries.at(-1));
    }
  });

  it('takes a report of a step it has, or of an earlier one, in place of those from that step on', () => {
    expect(steps(appendByStep(at(10, 20, 30), { step: 30 }))).toEqual([10, 20, 30]);
    expect(steps(appendByStep(at(10, 20, 30), { step: 15 }))).toEqual([10, 15]);
  });

  it('goes back to a step: the later entries go, the same array when none does', () => {
    const entries = at(10, 20, 30);
    expect(steps(upToStep(entries, 20))).toEqual([10, 20]);
    expect(upToStep(entries, 30)).toBe(entries);
  });

  it('keeps each probe’s figures per hidden layer, dead as null where units cannot die', () => {
    expect(healthEntry(probeStats(40, [layerHealth(4, 1), layerHealth(2, null)]))).toEqual({ step: 40, dead: [0.25, null], saturated: [0.25, 0.25], meanAbs: [0.5, 0.5] });
  });
});
