import { startTransition, useEffect, useRef, useState } from 'react';

/** `value`, but changing at most once per `intervalMs`; the latest value always shows in the end. */
export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastShown = useRef(0);
  useEffect(() => {
    const wait = lastShown.current + intervalMs - performance.now();
    const timer = setTimeout(() => {
      lastShown.current = performance.now();
      // A transition lets React render the chart in slices between other work.
      startTransition(() => setShown(value));
    }, Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return shown;
}
