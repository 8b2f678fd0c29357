import { LOSS_EVERY, type Mode } from './results';

/** Runs `steps` training steps and resolves, once the device has finished all of them, to the rows they trained. */
export type RunSteps = (steps: number) => Promise<number>;

export interface Window {
  warmupSteps: number;
  windowMs: number;
  mode: Mode;
}

export interface Throughput {
  samplesPerSec: number;
  steps: number;
  ms: number;
}

export async function timed(run: RunSteps, steps: number): Promise<{ ms: number; rows: number }> {
  const start = performance.now();
  const rows = await run(steps);
  return { ms: performance.now() - start, rows };
}

/**
 * Steady-state samples/s: warm-up, then a short run sized by doubling to learn the step time, then
 * one run long enough to fill the window, synchronised only at its end. Sizing from the step time
 * lets a slow backend do a handful of steps and a fast one thousands in the same wall-clock time.
 */
export async function measureThroughput(run: RunSteps, window: Window): Promise<Throughput> {
  await run(window.warmupSteps);
  const calibrationMs = Math.min(250, window.windowMs / 4);
  let steps = 1;
  let { ms } = await timed(run, steps);
  while (ms < calibrationMs) {
    steps *= 2;
    ({ ms } = await timed(run, steps));
  }
  let windowSteps = stepsToFill(window, ms / steps);
  let measured = await timed(run, windowSteps);
  // Load from other processes can throw the calibration off several times over: a window that came
  // out far too short is run again, sized by its own, longer measurement.
  if (measured.ms < window.windowMs / 2) {
    windowSteps = stepsToFill(window, measured.ms / windowSteps);
    measured = await timed(run, windowSteps);
  }
  return { samplesPerSec: (measured.rows * 1000) / measured.ms, steps: windowSteps, ms: measured.ms };
}

function stepsToFill(window: Window, stepMs: number): number {
  const steps = Math.max(2, Math.round(window.windowMs / stepMs));
  // Whole read-back periods, so that every live window pays for the same share of reads; a backend
  // too slow for ten steps in the window reads at most once in it, which its step time dwarfs.
  return window.mode === 'live' && steps >= LOSS_EVERY ? Math.round(steps / LOSS_EVERY) * LOSS_EVERY : steps;
}
