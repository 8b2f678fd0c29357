import { availableParallelism } from 'node:os';
import type { Backend } from '../backend';
import { CpuBackend } from '../cpu/cpu-backend';
import { nodeWasmBackend } from './node-wasm';
import { nodeWebGpuBackend } from './node-webgpu';

export const BACKEND_NAMES = ['webgpu', 'wasm', 'cpu', 'cpu64'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name);
}

export const THREADS_USAGE = '--threads N   (wasm only: threads for the matmuls, default all cores)';

/**
 * The `--threads` flag's count for `backend`: all cores when absent; a message when it is not a
 * whole number ≥ 1, or is given for a backend other than wasm (which would ignore it).
 */
export function threadsOption(options: Map<string, string>, backend: BackendName): number | string {
  const text = options.get('threads');
  if (text === undefined) return backend === 'wasm' ? availableParallelism() : 1;
  if (backend !== 'wasm') return `--threads applies to --backend wasm only, not ${backend}`;
  const threads = Number(text);
  if (text.trim() === '' || !Number.isInteger(threads) || threads < 1) return `--threads must be a whole number ≥ 1, got "${text}"`;
  return threads;
}

/**
 * `wasm` runs WebAssembly SIMD kernels, its matmuls on `threads` threads; `cpu` computes in float32
 * like the GPU; `cpu64` in float64, the reference.
 */
export async function createBackend(name: BackendName, threads = 1): Promise<Backend> {
  if (name === 'webgpu') return nodeWebGpuBackend();
  if (name === 'wasm') return nodeWasmBackend({ threads });
  return new CpuBackend(name === 'cpu64' ? 'f64' : 'f32');
}
