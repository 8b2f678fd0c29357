import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setThreadsCount, setWasmPaths, type BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { NORMALIZATIONS } from '../gpu';
import type { MnistSet } from '../gpu/data/idx';
import type { Session } from './measure';
import { LOSS_EVERY, type Mode, type TfjsBackend } from './results';

// Served from the bench build itself: TF.js would otherwise fetch them from a CDN.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
});

/**
 * TF.js's wasm backend picks its own thread count: at most navigator.hardwareConcurrency ÷ 2 (it
 * takes two logical cores for one physical), which is 1 on 2 cores, whatever setThreadsCount asks.
 * The bench registers it twice, with the threads gradlab-wasm-n gets and with one: while each module
 * starts (its C++ reads the core count once, then), the page shows it twice the threads it is to
 * use. Each is its own module instance; its kernels are wasm's, bound to whichever instance is
 * current each time tf.setBackend switches.
 */
export const TFJS_WASM_THREADS: Record<Extract<TfjsBackend, `wasm-${string}`>, number> = { 'wasm-n': navigator.hardwareConcurrency, 'wasm-1': 1 };
const wasmFactory = tf.findBackendFactory('wasm');
for (const [name, threads] of Object.entries(TFJS_WASM_THREADS)) {
  for (const kernel of tf.getKernelsForBackend('wasm')) tf.registerKernel({ ...kernel, backendName: name });
  tf.registerBackend(name, async () => {
    // Both are read inside the factory: the backends start one at a time.
    setThreadsCount(threads);
    Object.defineProperty(navigator, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
    try {
      return await wasmFactory();
    } finally {
      // The navigator's own getter, on its prototype, shows through again.
      Reflect.deleteProperty(navigator, 'hardwareConcurrency');
    }
  });
}

/** Batches are built once and cycled, so TF.js's figures hold no data preparation at all. */
export const TFJS_DISTINCT_BATCHES = 4;
const INPUT_SIZE = 784;
const CLASSES = 10;

interface Batch {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
}

export async function useTfjsBackend(backend: TfjsBackend): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js could not start its ${backend} backend`);
  await tf.ready();
}

/** Which of its three builds the wasm backend chose here. */
export async function tfjsWasmBuild(): Promise<string> {
  const [simd, threads] = await Promise.all([tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')]);
  return threads && simd ? 'threaded SIMD' : simd ? 'SIMD' : 'plain';
}

/** The threads a started TF.js wasm backend runs on, as it reports them (one without the threaded build). */
export function tfjsWasmThreads(backend: keyof typeof TFJS_WASM_THREADS): number {
  return (tf.findBackend(backend) as BackendWasm).wasm.tfjs.getThreadsCount();
}

/** gradlab's "standard" scaling of the same MNIST images, one-hot labels for TF.js's loss. */
function makeBatches(set: MnistSet, batchSize: number, count: number): Batch[] {
  const { mean, std } = NORMALIZATIONS.standard;
  return Array.from({ length: count }, (_, b) => {
    const first = b * batchSize;
    const bytes = set.images.subarray(first * INPUT_SIZE, (first + batchSize) * INPUT_SIZE);
    const pixels = Float32Array.from(bytes, (v) => (v / 255 - mean) / std);
    const labels = Int32Array.from(set.labels.subarray(first, first + batchSize));
    return tf.tidy(() => ({
      x: tf.tensor2d(pixels, [batchSize, INPUT_SIZE]),
      y: tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES).toFloat() as tf.Tensor2D,
    }));
  });
}

/** The same model as gradlab's: dense 128 ReLU, dense 10, softmax cross-entropy on the logits, Adam at 1e-3. */
function createModel() {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [INPUT_SIZE], units: 128, activation: 'relu' }), tf.layers.dense({ units: CLASSES })],
  });
  const optimizer = tf.train.adam(1e-3);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const trainStep = (batch: Batch, returnCost: boolean) =>
    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(batch.y, model.apply(batch.x) as tf.Tensor2D) as tf.Scalar, returnCost, variables);
  const dispose = () => {
    model.dispose();
    optimizer.dispose();
  };
  return { trainStep, dispose };
}

/**
 * Every LOSS_EVERY steps the loss is read with data(). live: the promise is left pending while the
 * next steps run, the tensor disposed when it lands, as a page charting the loss would; strict:
 * it is awaited before the next step. Both modes await the last step's read: the run ends with the
 * device done.
 */
export function tfjsSession(set: MnistSet, batchSize: number, mode: Mode): Session {
  const batches = makeBatches(set, batchSize, TFJS_DISTINCT_BATCHES);
  const model = createModel();
  let step = 0;
  const run = async (steps: number) => {
    const landing: Promise<void>[] = [];
    for (let i = 1; i <= steps; i++) {
      step++;
      const last = i === steps;
      const cost = model.trainStep(batches[step % batches.length], last || step % LOSS_EVERY === 0);
      if (!cost) continue;
      const landed = cost.data().then(() => cost.dispose());
      if (mode === 'strict' || last) await landed;
      else landing.push(landed);
    }
    await Promise.all(landing);
    // Every batch made by makeBatches is full.
    return steps * batchSize;
  };
  const close = () => {
    model.dispose();
    for (const { x, y } of batches) tf.dispose([x, y]);
  };
  return { run, close };
}

/**
 * Model creation, first step and its loss read, on a backend started afresh (the engine reset, so
 * that no kernel it compiled before is kept).
 */
export async function tfjsTimeToFirstStep(set: MnistSet, batchSize: number, backend: TfjsBackend): Promise<number> {
  tf.engine().reset();
  await useTfjsBackend(backend);
  const [batch] = makeBatches(set, batchSize, 1);
  const start = performance.now();
  const model = createModel();
  const cost = model.trainStep(batch, true);
  await cost?.data();
  const ms = performance.now() - start;
  cost?.dispose();
  model.dispose();
  tf.dispose([batch.x, batch.y]);
  return ms;
}
