// When a run has stopped learning without diverging, and why: its loss sits at the chance level
// (the model gives every image the same answer), or a hidden layer's units are all but all dead.
// A run rolled back before is offered the next tenth of its learning rate from the same checkpoint.
import type { LossName } from '../../gpu';
import { messages, type Catalogue } from '../i18n/messages';
import type { RunRecord } from '../state/run-record';
import { rollbackLearningRate } from '../worker/policy';

/**
 * Each loss of the best answer that ignores the input, 0.1 for every digit: cross-entropy's
 * −ln 0.1; MSE on the softmax's (0.9² + 9 × 0.1²) / 10; BCE's −(0.1 ln 0.1 + 0.9 ln 0.9) per output.
 */
export const CHANCE_LOSS: Readonly<Record<LossName, number>> = {
  'cross-entropy': Math.LN10,
  mse: 0.09,
  bce: -(0.1 * Math.log(0.1) + 0.9 * Math.log(0.9)),
};

/** The latest readings of the loss that must all sit at the chance level… */
export const STUCK_READINGS = 20;
/** …within this share of it… */
export const CHANCE_TOLERANCE = 0.02;
/** …after the run had learnt (an earlier loss below this share of the chance level), or after this many steps. */
export const LEARNT_SHARE = 0.8;
export const STUCK_AFTER_STEPS = 300;
/** A hidden layer with this share of its units dead passes (all but) no gradient back. */
export const DEAD_SHARE = 0.99;

export interface StuckDiagnosis {
  message: string;
  /** Where a rollback would take the run: offered to a run rolled back before, with a tenth of its learning rate now. */
  rollback: { step: number; lr: number } | null;
}

/** Why the run's loss sits at the chance level, or null when it does not. */
function atChance(run: RunRecord, t: Catalogue): string | null {
  const { points } = run;
  if (points.length < STUCK_READINGS) return null;
  const chance = CHANCE_LOSS[run.config.loss];
  const latest = points.slice(-STUCK_READINGS);
  if (!latest.every((p) => Math.abs(p.loss - chance) <= CHANCE_TOLERANCE * chance)) return null;
  const learnt = points.slice(0, -STUCK_READINGS).some((p) => p.loss < LEARNT_SHARE * chance);
  if (!learnt && run.step < STUCK_AFTER_STEPS) return null;
  return (learnt ? t.runs.stuck.atChanceAfterLearning : t.runs.stuck.atChance)(t.runs.stuck.chance[run.config.loss], STUCK_READINGS);
}

/** Why the first hidden layer that has all but died passes no gradient back, or null when none has. */
function deadLayer(run: RunRecord, t: Catalogue): string | null {
  const layers = run.health?.layers ?? [];
  const index = layers.findIndex((layer) => layer.deadFraction !== null && layer.deadFraction >= DEAD_SHARE);
  if (index < 0) return null;
  const { units, deadFraction, unitStates } = layers[index];
  const dead = unitStates.length === units ? unitStates.filter((state) => state === 1).length : Math.round(deadFraction! * units);
  // A dead Leaky ReLU unit still passes its small negative slope's share of the gradient.
  const why = run.config.activation === 'leaky_relu' ? t.runs.stuck.leakyGradient : t.runs.stuck.noGradient;
  return t.runs.stuck.deadUnits(dead, units, t.labels.activation[run.config.activation], index + 1, why);
}

/** Whether the run is stuck, what to say of it, and the rollback to offer; null when it is not (or diverged, or failed). */
export function diagnoseStuck(run: RunRecord, t: Catalogue = messages()): StuckDiagnosis | null {
  if (run.state === 'diverged' || run.state === 'failed') return null;
  const reasons = [atChance(run, t), deadLayer(run, t)].filter((reason): reason is string => reason !== null);
  if (reasons.length === 0) return null;
  const { incident } = run;
  const rollback = incident?.kind === 'rolled-back' ? { step: incident.step, lr: rollbackLearningRate(run.config.lr) } : null;
  return { message: t.runs.stuck.stuck(reasons.join(t.runs.stuck.separator)), rollback };
}
