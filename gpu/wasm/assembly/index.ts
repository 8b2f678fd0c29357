// The WebAssembly kernels' module: every export here is a Kernel's `wasm` entry (see gpu/backend.ts),
// besides heap_base, where the backend's buffers may start.

export { matmul, matmul_tA, matmul_tB, matmul_tB_bias } from './matmul';
export { adam, add, gather, relu_backward, relu_forward, scale_by, sum_columns } from './elementwise';

export function heap_base(): usize {
  return __heap_base;
}
