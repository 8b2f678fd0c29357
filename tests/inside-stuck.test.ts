// A run stuck without diverging: its loss at the chance level after it had learnt (or long
// enough), or a hidden layer all but all dead; a rollback offered to a run rolled back before.
import { describe, expect, it } from 'vitest';
import type { LossName, TrainConfig } from '../gpu';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import type { LossPoint } from '../app/protocol';
import { CHANCE_LOSS, STUCK_AFTER_STEPS, STUCK_READINGS, diagnoseStuck } from '../app/runs/stuck';
import { requestedRun, type RunRecord } from '../app/state/run-record';
import { layerHealth, probeStats } from './inside-fixtures';

const points = (losses: readonly number[], every = 10): LossPoint[] => losses.map((loss, i) => ({ step: (i + 1) * every, loss, accuracy: 0.1, seconds: i }));

function run(losses: readonly number[], change: Partial<RunRecord> = {}, config: Partial<TrainConfig> = {}): RunRecord {
  const base = requestedRun({ id: 'r', raceId: 'r', config: { ...APP_DEFAULT_CONFIG, ...config }, color: '#1f77b4', createdAt: 0 });
  const history = points(losses);
  return { ...base, state: 'training', inWorker: true, points: history, step: history.at(-1)?.step ?? 0, ...change };
}

const flat = (level: number, n = STUCK_READINGS) => Array.from({ length: n }, (_, i) => level * (1 + (i % 2 ? 0.01 : -0.01)));

describe('a stuck run', () => {
  it('knows each loss’s chance level: the loss of answering 0.1 for every digit', () => {
    expect(CHANCE_LOSS['cross-entropy']).toBeCloseTo(2.302585, 6);
    expect(CHANCE_LOSS.mse).toBeCloseTo(0.09, 12);
    expect(CHANCE_LOSS.bce).toBeCloseTo(0.325083, 6);
  });

  it('sits at the chance level after it had learnt: the issue’s rolled-back run, offered the next tenth of its learning rate from the same step', () => {
    const stuck = run([2.3, 1.2, 0.6, ...flat(Math.LN10)], { incident: { kind: 'rolled-back', step: 0, lr: 5 } }, { optimizer: 'sgd', lr: 5 });
    const diagnosis = diagnoseStuck(stuck)!;
    expect(diagnosis.message).toMatch(/^The run is stuck: its loss has stayed at the chance level \(ln 10 ≈ 2\.30 for cross-entropy/);
    expect(diagnosis.rollback).toEqual({ step: 0, lr: 0.5 });
  });

  it('is not stuck while it starts at the chance level, nor once it learns again', () => {
    expect(diagnoseStuck(run(flat(Math.LN10)))).toBeNull();
    expect(diagnoseStuck(run([0.5, ...flat(Math.LN10, STUCK_READINGS - 1), 1.5]))).toBeNull();
    expect(diagnoseStuck(run([0.5, ...flat(Math.LN10, STUCK_READINGS - 1)]))).toBeNull();
  });

  it('sits at the chance level of its own loss after enough steps, even without having learnt; no rollback without one before', () => {
    for (const loss of ['cross-entropy', 'mse', 'bce'] as LossName[]) {
      const long = run(flat(CHANCE_LOSS[loss], 40), {}, { loss });
      expect(long.step).toBeGreaterThanOrEqual(STUCK_AFTER_STEPS);
      expect(diagnoseStuck(long), loss).toMatchObject({ rollback: null });
      expect(diagnoseStuck(run(flat(CHANCE_LOSS[loss] * 1.05, 40), {}, { loss })), `${loss} 5 % off`).toBeNull();
    }
  });

  it('says how many units of which layer are dead and why no gradient flows, for the ReLU family', () => {
    const learning = [2.3, 1.5, 0.9];
    const allDead = run(learning, { health: probeStats(30, [layerHealth(128, 128)]) });
    expect(diagnoseStuck(allDead)!.message).toBe('The run is stuck: all 128 ReLU units of layer 1 are dead: no gradient reaches the weights before them.');
    const nearly = run(learning, { health: probeStats(30, [layerHealth(64, 0), layerHealth(128, 127)]) });
    expect(diagnoseStuck(nearly)!.message).toContain('127 of 128 ReLU units of layer 2 are dead');
    const leaky = run(learning, { health: probeStats(30, [layerHealth(100, 100)]) }, { activation: 'leaky_relu' });
    expect(diagnoseStuck(leaky)!.message).toContain('all 100 Leaky ReLU units of layer 1 are dead: only their small negative slope passes gradient');
    expect(diagnoseStuck(run(learning, { health: probeStats(30, [layerHealth(128, 120)]) }))).toBeNull();
    expect(diagnoseStuck(run(learning, { health: probeStats(30, [layerHealth(128, null)]) }, { activation: 'sigmoid' }))).toBeNull();
  });

  it('says both when both hold, and nothing for a run that diverged or failed', () => {
    const both = run([0.5, ...flat(Math.LN10)], { health: probeStats(200, [layerHealth(128, 128)]) });
    expect(diagnoseStuck(both)!.message).toMatch(/chance level .*; all 128 ReLU units/);
    expect(diagnoseStuck({ ...both, state: 'diverged' })).toBeNull();
    expect(diagnoseStuck({ ...both, state: 'failed' })).toBeNull();
  });
});
