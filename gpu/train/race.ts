import type { SubmittedStep, Trainer } from './trainer';

/** Steps submitted ahead of the GPU before the loop waits: enough to keep it busy, few enough for a pause to take at once. */
const MAX_STEPS_IN_FLIGHT = 4;
const YIELD_MS = 30;
/**
 * Steps of a trainer alone in the loop that go to the device in one submission when none of them
 * reads anything back: each submission costs the page a trip to the GPU process and the adapter a
 * queue submission.
 */
export const STEPS_PER_SUBMISSION = 4;

/**
 * Whether a trainer's next step may stay recorded, to be submitted with the ones after it, when
 * `held` of its steps already wait: only while it trains alone, so that an error its submission
 * raises (caught in the scopes of the step that submits) is its own.
 */
export function mayHold(held: number, trainersInRound: number): boolean {
  return trainersInRound === 1 && held < STEPS_PER_SUBMISSION - 1;
}

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
   * Wraps what a trainer sends to its device, a step or the submission of its held steps (in
   * Backend.scoped(), say, to tell whose step failed): calls `work` once and returns what it returned.
   */
  around?: <T>(trainer: Trainer, work: () => T) => T;
}

/**
 * The one training loop, for one trainer or many: every consumer (the worker, the CLI, the bench,
 * Trainer.steps) steps through this. It goes in rounds; in each, every trainer of `trainers` (read
 * again each round, so that trainers can join) that has epochs left and that `keepGoing` lets go on
 * (asked right before its step, after any wait, so that a pause submits no further step) submits
 * one step, without waiting for the device. A trainer alone in its round has its steps submitted
 * STEPS_PER_SUBMISSION at a time (see mayHold); steps held are submitted when another trainer
 * joins, when it leaves, and when the loop ends. The loop waits only when more steps are queued than
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
  const around = options.around ?? (<T>(_: Trainer, work: () => T) => work());
  const inLoop = new Set<Trainer>();
  /** Steps recorded and not yet submitted, by trainer. */
  const held = new Map<Trainer, number>();
  /** What each submission took to the device, oldest first. */
  const inFlight: { done: Promise<void>; steps: number }[] = [];
  /** `steps` of `trainer` have just gone to the device: the loop waits on them when too many are queued. */
  const sent = (trainer: Trainer, steps: number) => {
    const done = trainer.engine.backend.idle();
    // A failure here fails the steps' reads too, which report it; one still queued when the loop
    // ends must not surface as an unhandled rejection.
    done.catch(() => {});
    inFlight.push({ done, steps });
  };
  const submitHeld = (trainer: Trainer) => {
    const steps = held.get(trainer) ?? 0;
    held.delete(trainer);
    if (steps === 0) return;
    around(trainer, () => trainer.engine.backend.flush());
    sent(trainer, steps);
  };
  const leave = (trainer: Trainer) => {
    submitHeld(trainer);
    trainer.throughput.stop();
    inLoop.delete(trainer);
  };
  let lastYield = performance.now();
  try {
    for (;;) {
      // A copy: the list may change while the round goes on; a trainer added joins the next one.
      const round = [...(typeof trainers === 'function' ? trainers() : trainers)];
      for (const trainer of inLoop) if (!round.includes(trainer)) leave(trainer);
      if (round.length > 1) for (const trainer of inLoop) submitHeld(trainer);
      let stepped = 0;
      for (const trainer of round) {
        if (trainer.finished || !keepGoing(trainer)) {
          leave(trainer);
          continue;
        }
        inLoop.add(trainer);
        trainer.throughput.start();
        const waiting = held.get(trainer) ?? 0;
        const hold = mayHold(waiting, round.length);
        const step = around(trainer, () => trainer.trainStep({ hold }));
        stepped++;
        if (step.submitted) {
          held.delete(trainer);
          sent(trainer, waiting + 1);
        } else held.set(trainer, waiting + 1);
        if (trainer.finished) leave(trainer);
        yield { trainer, step };

        const limit = Math.max(MAX_STEPS_IN_FLIGHT, round.length);
        while (inFlight.reduce((steps, s) => steps + s.steps, 0) > limit) await inFlight.shift()!.done;
        if (performance.now() - lastYield > YIELD_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      if (stepped === 0) return;
    }
  } finally {
    for (const trainer of inLoop) leave(trainer);
  }
}
