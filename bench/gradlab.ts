import { DEFAULT_CONFIG, Engine, Trainer, matmul, type TrainConfig, type uploadMnist } from '../gpu';
import { LOSS_EVERY, type Mode } from './results';
import type { RunSteps } from './measure';

type DeviceData = ReturnType<typeof uploadMnist>;

/** The UI's model: 784-128-10, ReLU, cross-entropy, Adam at 1e-3. */
function trainConfig(batchSize: number, mode: Mode): TrainConfig {
  return { ...DEFAULT_CONFIG, batchSize, lossEvery: mode === 'live' ? LOSS_EVERY : Number.MAX_SAFE_INTEGER };
}

export interface GradlabSession {
  run: RunSteps;
  trainer: Trainer;
}

/**
 * Steps the way Trainer.run does, without the per-epoch test evaluation: loss reads land
 * asynchronously and never stall the loop; throttle() bounds the steps queued on the device.
 */
export function gradlabSession(engine: Engine, data: DeviceData, batchSize: number, mode: Mode): GradlabSession {
  const trainer = new Trainer(engine, data, trainConfig(batchSize, mode));
  const run = async (steps: number) => {
    const losses: Promise<number>[] = [];
    for (let i = 0; i < steps; i++) {
      const { loss } = trainer.trainStep();
      if (loss) losses.push(loss);
      await trainer.throttle();
    }
    await Promise.all(losses);
    await engine.backend.idle();
    // Warm-up ends with the stand-ins replaced: the timed steps run the kernels meant for them.
    await engine.backend.compiled();
  };
  return { run, trainer };
}

/**
 * On a fresh backend: model creation to the first step finished (every pipeline it ran compiled),
 * and to every kernel compiled, those whose stand-ins ran the first step included.
 */
export async function gradlabTimeToFirstStep(engine: Engine, data: DeviceData, batchSize: number) {
  const start = performance.now();
  const trainer = new Trainer(engine, data, trainConfig(batchSize, 'throughput'));
  trainer.trainStep();
  await engine.backend.idle();
  const firstStepMs = performance.now() - start;
  await engine.backend.compiled();
  const allCompiledMs = performance.now() - start;
  trainer.dispose();
  return { firstStepMs, allCompiledMs };
}

/** The adapter's ceiling as gradlab sees it: the best of several timed 1024³ matmuls. */
export async function matmulGflops(engine: Engine, repeats: number): Promise<number> {
  const size = 1024;
  const values = Float32Array.from({ length: size * size }, (_, i) => ((i * 7919) % 2003) / 1001 - 1);
  const a = engine.tensor([size, size], values);
  const b = engine.tensor([size, size], values);
  const multiply = () => engine.tidy(() => void matmul(a, b));
  multiply();
  await engine.backend.compiled();
  await engine.backend.idle();
  let bestMs = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    multiply();
    await engine.backend.idle();
    bestMs = Math.min(bestMs, performance.now() - start);
  }
  engine.dispose(a);
  engine.dispose(b);
  return (2 * size ** 3) / bestMs / 1e6;
}
