// The backends every engine test runs on. A suite written as `describe.each(BACKENDS)` runs on each
// of them, so a new backend (wasm, say) inherits the whole suite by one more line in BACKENDS.
//
// No entry is skipped when its backend cannot be created: its tests then fail with the backend's
// own error (for WebGPU: which Vulkan driver to install). CI has Dawn with SwiftShader, and a
// suite that quietly vanished on a machine without it would let a WebGPU regression pass.
import type { Backend, Tuning } from '../gpu/backend';
import { nodeWebGpuBackend } from '../gpu/cli/node-webgpu';
import { nodeWasmBackend } from '../gpu/cli/node-wasm';
import { CpuBackend } from '../gpu/cpu/cpu-backend';
import { Engine } from '../gpu/tensor';

/** |got − want| ≤ abs + rel·|want|. */
export interface Tolerance {
  abs: number;
  rel: number;
}

export interface TestBackend {
  /** How test titles name it. */
  readonly name: string;
  /** `tuning` picks kernel variants on a backend that has them; one that has none ignores it. */
  readonly create: (tuning?: Partial<Tuning>) => Promise<Backend>;
  /**
   * How far one op's outputs and gradients may be from the float64 reference. Tests of products
   * or of long chains of ops widen it by a factor they name (see `scaled`).
   */
  readonly tolerance: Tolerance;
  /**
   * Rows of the largest batch a test gives it: the page's largest (1024) on WebGPU; fewer on the
   * CPU, where a 1024-row step takes seconds and takes no code path that fewer rows do not.
   */
  readonly largestBatch: number;
}

/**
 * Float32 storage and arithmetic: a few hundred units in the last place for an op whose result
 * sums many terms. Both float32 backends round where they store; WGSL's exp, log and tanh may in
 * addition be less exact than JavaScript's. One tolerance covers them all.
 */
const FLOAT32: Tolerance = { abs: 2e-5, rel: 1e-4 };

const CPU_LARGEST_BATCH = 256;

/** The float64 CPU backend: the reference the other backends are compared with. */
export const REFERENCE: TestBackend = {
  name: 'cpu float64',
  create: async () => new CpuBackend('f64'),
  tolerance: { abs: 1e-12, rel: 1e-10 },
  largestBatch: CPU_LARGEST_BATCH,
};

export const WEBGPU: TestBackend = { name: 'webgpu', create: nodeWebGpuBackend, tolerance: FLOAT32, largestBatch: 1024 };

/** WebAssembly SIMD: float32 like the others, and fast enough for the page's largest batch. */
export const WASM: TestBackend = { name: 'wasm', create: () => nodeWasmBackend(), tolerance: FLOAT32, largestBatch: 1024 };

/** The same kernels with the matmuls split between two threads over a shared memory. */
export const WASM_THREADS: TestBackend = {
  name: 'wasm 2 threads',
  create: () => nodeWasmBackend({ threads: 2 }),
  tolerance: FLOAT32,
  largestBatch: 1024,
};

/** The backends users run. */
export const BACKENDS: readonly TestBackend[] = [
  WEBGPU,
  WASM,
  WASM_THREADS,
  { name: 'cpu float32', create: async () => new CpuBackend('f32'), tolerance: FLOAT32, largestBatch: CPU_LARGEST_BATCH },
];

/** For tests about values alone (against PyTorch's numbers or formulas): the reference too. */
export const VALUE_BACKENDS: readonly TestBackend[] = [...BACKENDS, REFERENCE];

export async function engineOn(backend: TestBackend, tuning?: Partial<Tuning>): Promise<Engine> {
  return new Engine(await backend.create(tuning));
}

export function scaled({ abs, rel }: Tolerance, absFactor: number, relFactor = absFactor): Tolerance {
  return { abs: abs * absFactor, rel: rel * relFactor };
}
