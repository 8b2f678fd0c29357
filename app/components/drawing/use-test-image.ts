import { useCallback, useState, type KeyboardEvent } from 'react';
import type { TestSample } from '../../protocol';
import { useWorker } from '../../state/trainer-provider';

const STEPS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * The keyboard's way to the pad: `putRandom` puts one of the test strip's images on it (through
 * `show`), and with the pad focused the arrow keys put the next or the previous one. `shown` is the
 * image on the pad, until it is drawn over or cleared (`forget`).
 */
export function useTestImage(show: (image: Uint8Array) => void) {
  const samples = useWorker('samples');
  const [shown, setShown] = useState<TestSample | null>(null);

  const put = useCallback(
    (position: number) => {
      const sample = samples[(position + samples.length) % samples.length];
      show(sample.image);
      setShown(sample);
    },
    [samples, show],
  );

  const putRandom = useCallback(() => put(Math.floor(Math.random() * samples.length)), [put, samples.length]);

  const onKeyDown = (event: KeyboardEvent) => {
    const step = STEPS[event.key];
    if (step === undefined || samples.length === 0) return;
    event.preventDefault();
    const at = shown ? samples.indexOf(shown) : -1;
    put(at < 0 ? 0 : at + step);
  };

  return { shown, available: samples.length > 0, putRandom, onKeyDown, forget: () => setShown(null) };
}
