// A small seeded random source for the random walk: the same seed draws the same numbers, so a
// failing walk can be replayed.
import { randomInt } from 'node:crypto';

const MAX_SEED = 0xffffffff;

/** SEED from the environment when set (a whole number from 1 to 4294967295), else a fresh one. */
export function walkSeed(fromEnvironment = process.env.SEED): number {
  if (fromEnvironment === undefined || fromEnvironment === '') return randomInt(1, MAX_SEED + 1);
  const seed = Number(fromEnvironment);
  if (!Number.isInteger(seed) || seed < 1 || seed > MAX_SEED) {
    throw new Error(`SEED must be a whole number from 1 to ${MAX_SEED}, got "${fromEnvironment}"`);
  }
  return seed;
}

export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [low, high]. */
  int(low: number, high: number): number;
  pick<T>(items: readonly T[]): T;
  /** One of `items`, each as likely as its weight. */
  weighted<T extends { weight: number }>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** Marsaglia's xorshift32: plenty for choosing clicks, and its state is one number (never 0). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / (MAX_SEED + 1);
  };
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() needs at least one item');
      return items[int(0, items.length - 1)];
    },
    weighted: (items) => {
      const total = items.reduce((sum, item) => sum + item.weight, 0);
      if (!(total > 0)) throw new Error('weighted() needs an item with a positive weight');
      let left = next() * total;
      for (const item of items) {
        left -= item.weight;
        if (left < 0) return item;
      }
      return items[items.length - 1];
    },
    chance: (probability) => next() < probability,
  };
}
