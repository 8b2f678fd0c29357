// The bench's one alternation (bench/measure.ts) on a faked clock: the order contenders run in, the
// run lengths each gets from its own window, and the figures they yield.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { measureAlternately, type Contender } from '../bench/measure';

const ROWS_A_STEP = 10;

/** A contender whose every step takes `stepMs` of the faked clock; `log` records what is done to it. */
function fake(name: string, stepMs: number, log: string[], windowMs?: number): Contender {
  return {
    name,
    warmupSteps: 2,
    ...(windowMs === undefined ? {} : { windowMs }),
    open: async () => {
      log.push(`open ${name}`);
      return {
        run: async (steps) => {
          vi.advanceTimersByTime(steps * stepMs);
          log.push(`${name} ${steps}`);
          return steps * ROWS_A_STEP;
        },
        close: () => void log.push(`close ${name}`),
      };
    },
  };
}

describe('measureAlternately', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['performance'] }));
  afterEach(() => vi.useRealTimers());

  it('runs each contender once a repetition, in turn, sizing its run on its own window once', async () => {
    const log: string[] = [];
    const a = fake('a', 5, log);
    const b = fake('b', 50, log, 200);
    const figures = await measureAlternately([a, b], { windowMs: 1000, repetitions: 2 }, () => {});
    // a: calibrated over 250 ms (64 steps), then 1000 ms of 5 ms steps; b: over 50 ms, then its own 200 ms.
    const calibration = [1, 2, 4, 8, 16, 32, 64].map((steps) => `a ${steps}`);
    expect(log).toEqual([
      ...['open a', 'a 2', ...calibration, 'a 200', 'close a'],
      ...['open b', 'b 2', 'b 1', 'b 4', 'close b'],
      ...['open a', 'a 2', 'a 200', 'close a'],
      ...['open b', 'b 2', 'b 4', 'close b'],
    ]);
    expect(figures.get(a)).toEqual([2000, 2000]);
    expect(figures.get(b)).toEqual([200, 200]);
  });

  it('closes a session whose run fails, and fails with it', async () => {
    const log: string[] = [];
    const broken: Contender = {
      name: 'broken',
      warmupSteps: 1,
      open: async () => ({
        run: async () => Promise.reject(new Error('device lost')),
        close: () => void log.push('closed'),
      }),
    };
    await expect(measureAlternately([broken], { windowMs: 100, repetitions: 3 }, () => {})).rejects.toThrow('device lost');
    expect(log).toEqual(['closed']);
  });
});
