import type { Backend } from '../backend';
import { CpuBackend } from '../cpu/cpu-backend';
import { nodeWasmBackend } from './node-wasm';
import { nodeWebGpuBackend } from './node-webgpu';

export const BACKEND_NAMES = ['webgpu', 'wasm', 'cpu', 'cpu64'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name);
}

/** `wasm` runs WebAssembly SIMD kernels; `cpu` computes in float32 like the GPU; `cpu64` in float64, the reference. */
export async function createBackend(name: BackendName): Promise<Backend> {
  if (name === 'webgpu') return nodeWebGpuBackend();
  if (name === 'wasm') return nodeWasmBackend();
  return new CpuBackend(name === 'cpu64' ? 'f64' : 'f32');
}
