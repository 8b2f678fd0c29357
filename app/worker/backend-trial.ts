// Auto's trial on a software WebGPU adapter: a few steps of the default model, timed on one
// backend over a small synthetic dataset, and everything it built released again.
import { Engine, INPUT_SIZE, Trainer, uploadMnist, type Backend, type Mnist } from '../../gpu';
import { APP_DEFAULT_CONFIG } from '../config-form';

const WARM_UP_STEPS = 2;
const TIMED_STEPS = 5;
const TRIAL_IMAGES = 2048;

/** Random digits: the step's cost does not depend on what the pixels are. */
function syntheticMnist(count: number): Mnist {
  const set = () => {
    const images = new Uint8Array(count * INPUT_SIZE);
    for (let i = 0; i < images.length; i++) images[i] = (i * 2654435761) >>> 24;
    const labels = new Uint8Array(count).map((_, i) => i % 10);
    return { images, labels, count };
  };
  return { train: set(), test: set() };
}

/** The median milliseconds of a default-model step on `backend`, its pipelines compiled beforehand. */
export async function timeSteps(backend: Backend): Promise<number> {
  const engine = new Engine(backend);
  const data = uploadMnist(engine, syntheticMnist(TRIAL_IMAGES));
  const trainer = new Trainer(engine, data, { ...APP_DEFAULT_CONFIG, lossEvery: Number.MAX_SAFE_INTEGER });
  try {
    for (let i = 0; i < WARM_UP_STEPS; i++) trainer.trainStep();
    await backend.idle();
    await backend.compiled();
    const times: number[] = [];
    for (let i = 0; i < TIMED_STEPS; i++) {
      const start = performance.now();
      trainer.trainStep();
      await backend.idle();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[TIMED_STEPS >> 1];
  } finally {
    trainer.dispose();
    for (const split of [data.train, data.test]) {
      split.images.dispose();
      split.labels.dispose();
    }
    // The trial's engine is dropped: the scalar it keeps to seed backward() goes with it.
    engine.one.dispose();
    await backend.trim();
  }
}
