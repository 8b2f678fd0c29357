// The bench's arithmetic, pure so that it is unit-tested (tests/bench-figures.test.ts): what a step
// computes, and how repeated figures are summarised.

/** A figure repeated: the middle of its repetitions and their extremes. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** NaN throughout for no repetitions, so that a missing figure prints as missing. */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Repetition i's `over` ÷ repetition i's `under`: each ratio from two figures measured in the same
 * round, so that load that came and went falls on both. Extra repetitions of either are left out.
 */
export function ratiosByRepetition(over: readonly number[], under: readonly number[]): number[] {
  const n = Math.min(over.length, under.length);
  return Array.from({ length: n }, (_, i) => over[i] / under[i]);
}

/**
 * The steps a timed run takes to last about `windowMs` at `stepMs` a step: at least 1 (a step as
 * long as the window is timed alone, its one synchronisation a small share of it), and whole
 * read-back periods of `readEvery` steps once there are enough, so that every run pays for the same
 * share of reads.
 */
export function stepsToFill(windowMs: number, stepMs: number, readEvery: number): number {
  const steps = Math.max(1, Math.round(windowMs / stepMs));
  return steps >= readEvery ? Math.round(steps / readEvery) * readEvery : steps;
}

/**
 * The order in which contenders run: every repetition runs each once, in the same order, so that
 * A B C A B C… and no contender's figures all come from one stretch of the run.
 */
export function alternation<T>(contenders: readonly T[], repetitions: number): { contender: T; repetition: number }[] {
  const order: { contender: T; repetition: number }[] = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const contender of contenders) order.push({ contender, repetition });
  }
  return order;
}

/** "median [min–max]" of repeated figures; the figure alone for one; "—" for none. */
export function spreadText(values: readonly number[] | undefined, format: (v: number) => string): string {
  if (!values?.length) return '—';
  const { median: middle, min, max } = spreadOf(values);
  return values.length === 1 ? format(middle) : `${format(middle)} [${format(min)}–${format(max)}]`;
}
