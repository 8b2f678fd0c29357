import type { SubmittedStep, Trainer } from './trainer';

/** Steps submitted ahead of the GPU before the loop waits: enough to keep it busy, few enough for a pause to take at once. */
const MAX_STEPS_IN_FLIGHT = 4;
const YIELD_MS = 30;

/**
 * Lets queued tasks run. A message to ourselves rather than setTimeout(0), which browsers clamp
 * to 4 ms once timers nest.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** One step of a race: which trainer submitted it. */
export interface RaceStep {
  trainer: Trainer;
  step: SubmittedStep;
}

export interface RaceOptions {
  /**
   * Wraps each step's submission (in Backend.scoped(), say, to tell whose step failed): calls
   * `submit` once and returns what it returned.
   */
  around?: (trainer: Trainer, submit: () => SubmittedStep) => SubmittedStep;
}

/**
 * The one training loop, for one trainer or many: every consumer (the worker, the CLI, the bench,
 * Trainer.steps) steps through this. It goes in rounds; in each, every trainer of `trainers` (read
 * again each round, so that trainers can join) that has epochs left and that `keepGoing` lets go on
 * (asked right before its step, after any wait, so that a pause submits no further step) submits
 * one step, without waiting for the device. The loop waits only when more steps are queued than
 * MAX_STEPS_IN_FLIGHT or one round, and lets other tasks run every YIELD_MS. It ends when a round
 * submits nothing, or when the consumer stops asking (break).
 *
 * A trainer's throughput clock runs while it is in the loop: from its first step until it finishes,
 * is held back by `keepGoing`, drops out of `trainers`, or the loop ends.
 */
export async function* trainTogether(
  trainers: readonly Trainer[] | (() => readonly Trainer[]),
  keepGoing: (trainer: Trainer) => boolean = () => true,
  options: RaceOptions = {},
): AsyncGenerator<RaceStep, void, undefined> {
  const inLoop = new Set<Trainer>();
  const leave = (trainer: Trainer) => {
    trainer.throughput.stop();
    inLoop.delete(trainer);
  };
  const inFlight: Promise<void>[] = [];
  let lastYield = performance.now();
  try {
    for (;;) {
      // A copy: the list may change while the round goes on; a trainer added joins the next one.
      const round = [...(typeof trainers === 'function' ? trainers() : trainers)];
      for (const trainer of inLoop) if (!round.includes(trainer)) leave(trainer);
      let submitted = 0;
      for (const trainer of round) {
        if (trainer.finished || !keepGoing(trainer)) {
          leave(trainer);
          continue;
        }
        inLoop.add(trainer);
        trainer.throughput.start();
        const submit = () => trainer.trainStep();
        const step = options.around ? options.around(trainer, submit) : submit();
        submitted++;
        if (trainer.finished) leave(trainer);
        yield { trainer, step };

        const done = trainer.engine.backend.idle();
        // A failure here fails the step's reads too, which report it; one still queued when the
        // loop ends must not surface as an unhandled rejection.
        done.catch(() => {});
        inFlight.push(done);
        while (inFlight.length > Math.max(MAX_STEPS_IN_FLIGHT, round.length)) await inFlight.shift();
        if (performance.now() - lastYield > YIELD_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      if (submitted === 0) return;
    }
  } finally {
    for (const trainer of inLoop) trainer.throughput.stop();
  }
}
