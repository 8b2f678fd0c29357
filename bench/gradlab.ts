import { DEFAULT_CONFIG, Engine, Trainer, matmul, uploadMnist, type DeviceData, type Mnist, type TrainConfig } from '../gpu';
import { LOSS_EVERY, type Mode } from './results';
import type { Session } from './measure';

/** The UI's model: 784-128-10, ReLU, cross-entropy, Adam at 1e-3. The epochs never run out, however many steps the bench asks for. */
function trainConfig(batchSize: number): TrainConfig {
  return { ...DEFAULT_CONFIG, batchSize, lossEvery: LOSS_EVERY, epochs: 1000 };
}

/** One backend with MNIST on it: what every gradlab runner trains on. */
export interface GradlabRig {
  engine: Engine;
  data: DeviceData;
}

export function rigOf(engine: Engine, mnist: Mnist): GradlabRig {
  return { engine, data: uploadMnist(engine, mnist) };
}

/**
 * The project's training loop (Trainer.steps, as the page's worker runs it) without the per-epoch
 * test evaluation. live: the loss reads land asynchronously and never stall it; strict: each read
 * is awaited before the next step is asked for.
 */
export function gradlabSession({ engine, data }: GradlabRig, batchSize: number, mode: Mode): Session & { trainer: Trainer } {
  const trainer = new Trainer(engine, data, trainConfig(batchSize));
  const run = async (steps: number) => {
    const losses: Promise<number>[] = [];
    let rows = 0;
    let taken = 0;
    if (steps > 0) {
      for await (const step of trainer.steps()) {
        rows += step.rows;
        if (step.loss && mode === 'strict') await step.loss;
        else if (step.loss) losses.push(step.loss);
        if (++taken === steps) break;
      }
    }
    await Promise.all(losses);
    await engine.backend.idle();
    // Warm-up ends with the stand-ins replaced: the timed steps run the kernels meant for them.
    await engine.backend.compiled();
    return rows;
  };
  return { run, trainer, close: () => trainer.dispose() };
}

/** Dispatches and submissions a live step takes, counted over `steps` steps after a warm-up. */
export async function perLiveStep(rig: GradlabRig, batchSize: number, steps: number) {
  const session = gradlabSession(rig, batchSize, 'live');
  const counters = () => rig.engine.backend.counters();
  await session.run(3);
  const before = counters();
  await session.run(steps);
  const after = counters();
  session.close();
  return { dispatches: (after.dispatches - before.dispatches) / steps, submissions: (after.submissions - before.submissions) / steps };
}

/**
 * On a backend that has run nothing: model creation to the first step finished (every pipeline it
 * ran compiled), and to every kernel compiled, those whose stand-ins ran the first step included.
 */
export async function gradlabTimeToFirstStep({ engine, data }: GradlabRig, batchSize: number) {
  const start = performance.now();
  const trainer = new Trainer(engine, data, trainConfig(batchSize));
  trainer.trainStep();
  await engine.backend.idle();
  const firstStepMs = performance.now() - start;
  await engine.backend.compiled();
  const allCompiledMs = performance.now() - start;
  trainer.dispose();
  return { firstStepMs, allCompiledMs };
}

/** The side of the square product that stands for the adapter's ceiling. */
const CEILING_SIZE = 1024;
/** A product credits its output rows, so that its rows/s × this are its GFLOP/s × 1e9. */
export const CEILING_FLOPS_PER_ROW = 2 * CEILING_SIZE * CEILING_SIZE;

/**
 * The adapter's ceiling as gradlab sees it: 1024×1024·1024×1024 products with gradlab's matmul, one
 * a "step", timed in the same alternation and window as the training rows so that the step ÷
 * ceiling ratio compares two figures of the same round.
 */
export function ceilingSession(engine: Engine): Session & { product(): void } {
  const values = Float32Array.from({ length: CEILING_SIZE ** 2 }, (_, i) => ((i * 7919) % 2003) / 1001 - 1);
  const a = engine.tensor([CEILING_SIZE, CEILING_SIZE], values);
  const b = engine.tensor([CEILING_SIZE, CEILING_SIZE], values);
  const product = () => engine.tidy(() => void matmul(a, b));
  return {
    product,
    run: async (steps) => {
      for (let s = 0; s < steps; s++) product();
      await engine.backend.compiled();
      await engine.backend.idle();
      return steps * CEILING_SIZE;
    },
    close: () => {
      engine.dispose(a);
      engine.dispose(b);
    },
  };
}
