import { startTransition, useEffect, useRef, useState } from 'react';

interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const BROWSER_CLOCK: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/**
 * Shows the values offered at most once per `intervalMs`, always the latest, and the last one in
 * the end. A new value never postpones the pending showing: values that come faster than the
 * timer can fire (a race of fast runs reports every few milliseconds) would otherwise starve it.
 */
export class Throttle<T> {
  private latest: T | undefined;
  private timer: unknown = null;
  private lastShown = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly show: (value: T) => void,
    private readonly clock: Clock = BROWSER_CLOCK,
  ) {}

  offer(value: T): void {
    this.latest = value;
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastShown + this.intervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.lastShown = this.clock.now();
      this.show(this.latest as T);
    }, wait);
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

/** `value`, but changing at most once per `intervalMs`; the latest value always shows in the end. */
export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const throttle = useRef<Throttle<T> | null>(null);
  useEffect(() => {
    // A transition lets React render the chart in slices between other work.
    const current = new Throttle<T>(intervalMs, (next) => startTransition(() => setShown(() => next)));
    throttle.current = current;
    return () => current.stop();
  }, [intervalMs]);
  useEffect(() => {
    throttle.current?.offer(value);
  }, [value]);
  return shown;
}
