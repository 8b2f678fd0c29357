// The race row: four runs trained together by trainTogether against one alone, and the cost of
// wrapping each step in error scopes (Backend.scoped) as the worker does. Both are measured as every
// other figure is (measureAlternately): the two contenders take turns, repetition by repetition.
import { DEFAULT_CONFIG, Engine, Trainer, trainTogether, type ActivationName, type DeviceData, type RaceOptions } from '../gpu';
import { measureAlternately, type Contender, type RunSteps } from './measure';
import { LOSS_EVERY, type RaceResult, type ScopedCostResult } from './results';

/** The four activations of the article the playground illustrates. */
export const RACE_ACTIVATIONS: readonly ActivationName[] = ['relu', 'leaky_relu', 'sigmoid', 'tanh'];
const RACE_BATCH = DEFAULT_CONFIG.batchSize;
const SCOPED_BATCH = 64;
const WARMUP_ROUNDS = 3;

/** How long each timed run lasts and how many repetitions each figure has. */
export interface Lengths {
  windowMs: number;
  repetitions: number;
}

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

/** A contender whose model is `trainers()`, new each repetition, stepped by `runOf`. */
export function trainersContender(name: string, trainers: () => Trainer[], runOf: (trainers: Trainer[]) => RunSteps): Contender {
  return {
    name,
    warmupSteps: WARMUP_ROUNDS,
    open: async () => {
      const made = trainers();
      return { run: runOf(made), close: () => made.forEach((t) => t.dispose()) };
    },
  };
}

/** The two contenders' figures, one per repetition each, measured alternately. */
export async function measurePair(pair: [Contender, Contender], lengths: Lengths, progress: (text: string) => void): Promise<[number[], number[]]> {
  const figures = await measureAlternately(pair, lengths, progress);
  return [figures.get(pair[0])!, figures.get(pair[1])!];
}

/** One ReLU run alone, then the four together (their samples/s summed), alternately. */
export async function measureRace(engine: Engine, data: DeviceData, lengths: Lengths, progress: (text: string) => void): Promise<RaceResult> {
  const make = (activations: readonly ActivationName[]) => () => activations.map((a) => trainerFor(engine, data, a, RACE_BATCH));
  const rounds = (trainers: Trainer[]) => roundsOf(engine, trainers);
  const [aloneSamplesPerSec, togetherSamplesPerSec] = await measurePair(
    [
      trainersContender('race: one alone', make(RACE_ACTIVATIONS.slice(0, 1)), rounds),
      trainersContender(`race: ${RACE_ACTIVATIONS.length} together`, make(RACE_ACTIVATIONS), rounds),
    ],
    lengths,
    progress,
  );
  return { activations: [...RACE_ACTIVATIONS], batchSize: RACE_BATCH, aloneSamplesPerSec, togetherSamplesPerSec };
}

/** One run at batch SCOPED_BATCH with each step in Backend.scoped() and without, alternately. */
export async function measureScopedCost(engine: Engine, data: DeviceData, lengths: Lengths, progress: (text: string) => void): Promise<ScopedCostResult> {
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
  const one = () => [trainerFor(engine, data, 'relu', SCOPED_BATCH)];
  const [unscopedSamplesPerSec, scopedSamplesPerSec] = await measurePair(
    [
      trainersContender(`batch ${SCOPED_BATCH} unscoped`, one, (trainers) => roundsOf(engine, trainers)),
      trainersContender(`batch ${SCOPED_BATCH} scoped`, one, (trainers) => roundsOf(engine, trainers, scoped)),
    ],
    lengths,
    progress,
  );
  return { batchSize: SCOPED_BATCH, unscopedSamplesPerSec, scopedSamplesPerSec };
}
