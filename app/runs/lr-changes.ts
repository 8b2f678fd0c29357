// A run's learning rate over its steps: the changes made mid-run (by the learning-rate field or a
// rollback), kept as {step, from, to}, and what they mean for each step and each point of its history.
import type { LrChange } from '../protocol';

/**
 * `changes` with the rate going from `from` to `to` once `step` steps are trained. Two changes at
 * one step (no step trained between them) are one; a change that changes nothing is none.
 */
export function withLrChange(changes: readonly LrChange[], step: number, from: number, to: number): LrChange[] {
  const last = changes.at(-1);
  if (last && last.step === step) {
    const before = changes.slice(0, -1);
    return last.from === to ? before : [...before, { step, from: last.from, to }];
  }
  return from === to ? [...changes] : [...changes, { step, from, to }];
}

/** The rate the run had before any change, `lr` (its rate now) when there was none. */
export const initialLr = (changes: readonly LrChange[], lr: number): number => changes[0]?.from ?? lr;

/** The rate step `step` (counted from 1) was trained with: that of the last change before it. */
export function lrOfStep(changes: readonly LrChange[], lr: number, step: number): number {
  let rate = initialLr(changes, lr);
  for (const change of changes) if (change.step < step) rate = change.to;
  return rate;
}

/**
 * The changes of a run (at rate `lrNow`) gone back to its checkpoint at `step`, to train on from
 * there with `lr`: those after the checkpoint are of steps that will be trained again, and the rate
 * the checkpoint had becomes `lr` there (a rollback's tenth).
 */
export function lrChangesBackTo(changes: readonly LrChange[], step: number, lrNow: number, lr: number): LrChange[] {
  const kept = changes.filter((change) => change.step <= step);
  const rateThen = kept.at(-1)?.to ?? initialLr(changes, lrNow);
  return withLrChange(kept, step, rateThen, lr);
}
