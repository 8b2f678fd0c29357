// A run's statistics over its steps (layer norms, unit health), kept few enough to draw however
// long it trains: thinned to an even spread by step, as the loss points are.
import type { ProbeStats } from '../../gpu';

/** A chart of them is a few hundred pixels wide: more entries than this are not seen. */
export const MAX_INSIDE_HISTORY = 400;

/** One probe of a run's hidden layers as its history keeps it: one value per hidden layer, input side first. */
export interface HealthEntry {
  step: number;
  /** null for activations that cannot die (all but the ReLU family). */
  dead: (number | null)[];
  saturated: number[];
  meanAbs: number[];
}

export const healthEntry = ({ step, layers }: ProbeStats): HealthEntry => ({
  step,
  dead: layers.map((layer) => layer.deadFraction),
  saturated: layers.map((layer) => layer.saturatedFraction),
  meanAbs: layers.map((layer) => layer.meanAbsDerivative),
});

/**
 * At most `max` entries (4 or more), evenly spread by step: the steps covered are cut into buckets
 * of a power of two steps, at most max/2 of them, and the first entry of each is kept, and the
 * latest. Entries come at irregular steps (they are sampled by time), so the buckets, not step
 * multiples as for the loss points, say which stay; as the steps covered grow the buckets double,
 * and those kept before stay the first of theirs.
 */
export function thinByStep<T extends { step: number }>(entries: readonly T[], max = MAX_INSIDE_HISTORY): T[] {
  if (entries.length <= 2) return [...entries];
  const first = entries[0].step;
  const covered = entries[entries.length - 1].step - first;
  const bucketSteps = 2 ** Math.max(0, Math.ceil(Math.log2(covered / Math.floor(max / 2))));
  const bucket = (entry: T) => Math.floor((entry.step - first) / bucketSteps);
  return entries.filter((entry, i) => i === 0 || i === entries.length - 1 || bucket(entry) !== bucket(entries[i - 1]));
}

/** `entry` appended (one of the same or an earlier step, whose later entries are gone, replaces them), thinned. */
export function appendByStep<T extends { step: number }>(entries: readonly T[], entry: T, max = MAX_INSIDE_HISTORY): T[] {
  const before = entries.length > 0 && entries[entries.length - 1].step >= entry.step ? entries.filter((e) => e.step < entry.step) : entries;
  return thinByStep([...before, entry], max);
}

/** The entries up to and including `step`: after a restore the later steps are trained again. The same array when none goes. */
export function upToStep<T extends { step: number }>(entries: T[], step: number): T[] {
  return entries.every((e) => e.step <= step) ? entries : entries.filter((e) => e.step <= step);
}
