// The race row: four runs trained together by trainTogether against one alone, and the cost of
// wrapping each step in error scopes (Backend.scoped) as the worker does.
import { DEFAULT_CONFIG, Engine, Trainer, trainTogether, type ActivationName, type DeviceData, type RaceOptions } from '../gpu';
import { timed, type RunSteps } from './measure';
import { LOSS_EVERY, type RaceResult, type ScopedCostResult } from './results';

/** The four activations of the article the playground illustrates. */
export const RACE_ACTIVATIONS: readonly ActivationName[] = ['relu', 'leaky_relu', 'sigmoid', 'tanh'];
const RACE_BATCH = DEFAULT_CONFIG.batchSize;
const SCOPED_BATCH = 64;
/** Repetitions, each a window of the two contenders' blocks in turn. */
export const REPEATS = 5;
/**
 * The contenders take turns in blocks this long, so that load from other processes, which comes
 * and goes over seconds, falls on both alike (each block ends synchronised with the device).
 */
const BLOCK_MS = 250;

/**
 * A "step" here is one round of trainTogether, one step of each trainer; rows are all of theirs.
 * Losses are read every LOSS_EVERY steps, as the page reads them, and land asynchronously.
 */
export function roundsOf(engine: Engine, trainers: readonly Trainer[], options?: RaceOptions): RunSteps {
  return async (rounds) => {
    const losses: Promise<number>[] = [];
    let rows = 0;
    let taken = 0;
    if (rounds > 0) {
      for await (const { step } of trainTogether(trainers, () => true, options)) {
        rows += step.rows;
        if (step.loss) losses.push(step.loss);
        if (++taken === rounds * trainers.length) break;
      }
    }
    await Promise.all(losses);
    await engine.backend.idle();
    await engine.backend.compiled();
    return rows;
  };
}

export function trainerFor(engine: Engine, data: DeviceData, activation: ActivationName, batchSize: number): Trainer {
  // The epochs never run out, however many steps the bench asks for.
  return new Trainer(engine, data, { ...DEFAULT_CONFIG, activation, batchSize, lossEvery: LOSS_EVERY, epochs: 1000 });
}

export interface Contender {
  name: string;
  run: RunSteps;
  /** Trainers stepped in each round. */
  trainers: number;
}

/** Rounds that take about BLOCK_MS, found by doubling; whole read-back periods once there are enough. */
async function blockRounds(run: RunSteps): Promise<number> {
  let rounds = 1;
  while ((await timed(run, rounds)).ms < BLOCK_MS) rounds *= 2;
  return rounds >= LOSS_EVERY ? Math.round(rounds / LOSS_EVERY) * LOSS_EVERY : rounds;
}

/**
 * Samples/s of each contender in REPEATS windows of about 2 × windowMs, in each of which they take
 * turns block by block. Both blocks hold the same number of steps, sized on the first contender:
 * a block ends with the device drained, which must cost both the same share.
 */
export async function alternate(contenders: [Contender, Contender], windowMs: number, progress: (text: string) => void): Promise<[number[], number[]]> {
  for (const { run } of contenders) await run(3); // warm-up, which ends with every kernel compiled
  const [first, second] = contenders;
  const firstRounds = await blockRounds(first.run);
  const rounds = [firstRounds, Math.max(1, Math.round((firstRounds * first.trainers) / second.trainers))];
  const figures: [number[], number[]] = [[], []];
  for (let r = 0; r < REPEATS; r++) {
    const totals = contenders.map(() => ({ rows: 0, ms: 0 }));
    const start = performance.now();
    while (performance.now() - start < 2 * windowMs) {
      for (const [i, { run }] of contenders.entries()) {
        const { rows, ms } = await timed(run, rounds[i]);
        totals[i].rows += rows;
        totals[i].ms += ms;
      }
    }
    totals.forEach(({ rows, ms }, i) => figures[i].push((rows * 1000) / ms));
    const shown = contenders.map(({ name }, i) => `${name} ${Math.round(figures[i][r])} samples/s (blocks of ${rounds[i]} rounds)`);
    progress(`${r + 1}/${REPEATS}: ${shown.join(', ')}`);
  }
  return figures;
}

/** One ReLU run alone, then the four together (their samples/s summed), alternately. */
export async function measureRace(engine: Engine, data: DeviceData, windowMs: number, progress: (text: string) => void): Promise<RaceResult> {
  const race = RACE_ACTIVATIONS.map((activation) => trainerFor(engine, data, activation, RACE_BATCH));
  const alone = trainerFor(engine, data, RACE_ACTIVATIONS[0], RACE_BATCH);
  const [aloneSamplesPerSec, togetherSamplesPerSec] = await alternate(
    [
      { name: 'race: one alone', run: roundsOf(engine, [alone]), trainers: 1 },
      { name: `race: ${race.length} together`, run: roundsOf(engine, race), trainers: race.length },
    ],
    windowMs,
    progress,
  );
  for (const t of [...race, alone]) t.dispose();
  return { activations: [...RACE_ACTIVATIONS], batchSize: RACE_BATCH, aloneSamplesPerSec, togetherSamplesPerSec };
}

/** One run at batch SCOPED_BATCH with each step in Backend.scoped() and without, alternately. */
export async function measureScopedCost(engine: Engine, data: DeviceData, windowMs: number, progress: (text: string) => void): Promise<ScopedCostResult> {
  const trainer = trainerFor(engine, data, 'relu', SCOPED_BATCH);
  const scoped: RaceOptions = {
    around: (_, submit) => {
      const { result, error } = engine.backend.scoped(submit);
      // The worker ends the run on an error; here one would be a fault of the bench itself.
      void error.then((caught) => {
        if (caught) throw caught;
      });
      return result;
    },
  };
  const [unscopedSamplesPerSec, scopedSamplesPerSec] = await alternate(
    [
      { name: `batch ${SCOPED_BATCH} unscoped`, run: roundsOf(engine, [trainer]), trainers: 1 },
      { name: `batch ${SCOPED_BATCH} scoped`, run: roundsOf(engine, [trainer], scoped), trainers: 1 },
    ],
    windowMs,
    progress,
  );
  trainer.dispose();
  return { batchSize: SCOPED_BATCH, unscopedSamplesPerSec, scopedSamplesPerSec };
}
