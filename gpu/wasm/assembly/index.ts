// The WebAssembly kernels' module: every export here is a Kernel's `wasm` entry (see gpu/backend.ts),
// besides heap_base, where the backend's buffers may start, and product_rows, the part of a product
// that each thread computes.

export { matmul, matmul_tA, matmul_tB, matmul_tB_bias, productKN as product_rows } from './matmul';
export { adam, add, gather, relu_backward, relu_forward, scale_by, sum_columns } from './elementwise';

export function heap_base(): usize {
  return __heap_base;
}
