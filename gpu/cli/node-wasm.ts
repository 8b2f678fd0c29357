// The WebAssembly backend in Node: the kernels' build for the threads asked for (relaxed SIMD where
// this Node has it), read from where the build writes it; threads beyond the first run in
// worker_threads.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { hasRelaxedSimd, kernelsUrl } from '../wasm/kernels-url';
import { threadScript, type ThreadWorker } from '../wasm/threads';
import { WasmBackend } from '../wasm/wasm-backend';

/** A worker_threads Worker running `runThread`, in the shape the backend starts threads with. */
export function nodeThreadWorker(): ThreadWorker {
  const parentPort = 'require("node:worker_threads").parentPort';
  const script = threadScript(`(listener) => ${parentPort}.once("message", listener)`, `${parentPort}.postMessage("ready")`);
  const worker = new Worker(script, { eval: true });
  // Blocked in Atomics.wait between products, a thread must not keep the process alive.
  worker.unref();
  return {
    postMessage: (init) => worker.postMessage(init),
    addEventListener: (type, listener) => void worker.once(type, listener),
    terminate: () => void worker.terminate(),
  };
}

/** `threads` 1 (the default) runs on this thread alone. */
export async function nodeWasmBackend({ threads = 1 }: { threads?: number } = {}): Promise<WasmBackend> {
  const file = fileURLToPath(kernelsUrl({ shared: threads > 1, relaxed: hasRelaxedSimd() }));
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new Error(`the WebAssembly kernels are not built (${(error as Error).message}): run npm run build:wasm`, { cause: error });
  }
  return WasmBackend.create({ bytes, threads, spawnWorker: nodeThreadWorker });
}
