// Samples/s of several contenders, each repetition running every one of them once, in turn: the
// bench's one way of comparing (the tables, the race, the scoped-step and statistics rows, PyTorch).
import { LOSS_EVERY } from './results';
import { alternation, stepsToFill } from './spread';

/** Runs `steps` training steps and resolves, once the device has finished all of them, to the rows they trained. */
export type RunSteps = (steps: number) => Promise<number>;

/** One model being trained; closed after its timed run. */
export interface Session {
  run: RunSteps;
  close(): void | Promise<void>;
}

export interface Contender {
  name: string;
  /** A new model on this contender's backend, for one repetition. */
  open(): Promise<Session>;
  /** Steps run before the timed ones: every kernel compiled, every buffer made. */
  warmupSteps: number;
  /** This contender's own timed-run length, where it differs from the bench's. */
  windowMs?: number;
}

async function timed(run: RunSteps, steps: number): Promise<{ ms: number; rows: number }> {
  const start = performance.now();
  const rows = await run(steps);
  return { ms: performance.now() - start, rows };
}

/** Milliseconds a step, from runs doubled in length until one lasts `calibrationMs`. */
async function stepMs(run: RunSteps, calibrationMs: number): Promise<number> {
  let steps = 1;
  let { ms } = await timed(run, steps);
  while (ms < calibrationMs) {
    steps *= 2;
    ({ ms } = await timed(run, steps));
  }
  return ms / steps;
}

/**
 * Samples/s of each contender, one figure per repetition: every repetition opens each contender's
 * model in turn (A B C A B C…), warms it up and times one run of about its window, synchronised
 * only at its end, crediting the rows it really trained (an epoch's last batch is short). Each
 * contender's run length is sized on its first repetition and kept, so that a slow backend does a
 * handful of steps and a fast one thousands in the same wall-clock time.
 */
export async function measureAlternately<C extends Contender>(
  contenders: readonly C[],
  { windowMs, repetitions }: { windowMs: number; repetitions: number },
  progress: (text: string) => void,
): Promise<Map<C, number[]>> {
  const steps = new Map<C, number>();
  const figures = new Map<C, number[]>(contenders.map((contender) => [contender, []]));
  for (const { contender, repetition } of alternation(contenders, repetitions)) {
    const session = await contender.open();
    try {
      await session.run(contender.warmupSteps);
      let count = steps.get(contender);
      if (count === undefined) {
        const window = contender.windowMs ?? windowMs;
        count = stepsToFill(window, await stepMs(session.run, Math.min(250, window / 4)), LOSS_EVERY);
        steps.set(contender, count);
      }
      const { rows, ms } = await timed(session.run, count);
      const samplesPerSec = (rows * 1000) / ms;
      figures.get(contender)!.push(samplesPerSec);
      progress(`${contender.name} ${repetition + 1}/${repetitions}: ${Math.round(samplesPerSec)} samples/s (${count} steps in ${Math.round(ms)} ms)`);
    } finally {
      await session.close();
    }
  }
  return figures;
}
