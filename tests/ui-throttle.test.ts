import { describe, expect, it } from 'vitest';
import { Throttle } from '../app/components/chart/use-throttled';

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 0;
  return {
    now: () => now,
    setTimeout: (callback: () => void, ms: number) => {
      timers.set(next, { at: now + ms, callback });
      return next++;
    },
    clearTimeout: (timer: unknown) => timers.delete(timer as number),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = end;
    },
  };
}

describe('the chart’s throttle', () => {
  it('shows values that come every 2 ms about every interval, not never', () => {
    const clock = manualClock();
    const shown: number[] = [];
    const throttle = new Throttle<number>(500, (v) => shown.push(v), clock);
    for (let i = 1; i <= 1000; i++) {
      throttle.offer(i);
      clock.advance(2);
    }
    // 2 s of values: one at once, then one per 500 ms.
    expect(shown.length).toBeGreaterThanOrEqual(4);
    expect(shown.length).toBeLessThanOrEqual(5);
    expect(shown.at(-1)).toBeGreaterThan(700);
  });

  it('always shows the latest value in the end', () => {
    const clock = manualClock();
    const shown: string[] = [];
    const throttle = new Throttle<string>(500, (v) => shown.push(v), clock);
    throttle.offer('a');
    clock.advance(1);
    throttle.offer('b');
    throttle.offer('c');
    clock.advance(1000);
    expect(shown).toEqual(['a', 'c']);
  });

  it('shows nothing once stopped', () => {
    const clock = manualClock();
    const shown: number[] = [];
    const throttle = new Throttle<number>(500, (v) => shown.push(v), clock);
    throttle.offer(1);
    throttle.stop();
    clock.advance(1000);
    expect(shown).toEqual([]);
  });
});
