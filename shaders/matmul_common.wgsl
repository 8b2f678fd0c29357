// What both matmul kernels share: C[M,N] = op(A)·op(B) (+ bias[N]), where op transposes an operand
// in place of a copy (backward needs A·Bᵀ and Aᵀ·B). gpu/ops/matmul.ts puts this file in front of
// matmul.wgsl or matmul_tiled.wgsl, whichever suits the adapter.

struct Params { M: u32, N: u32, K: u32 }

override TRANSPOSE_A: bool = false; // A is stored as [K, M]
override TRANSPOSE_B: bool = false; // B is stored as [N, K]

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;

// Writes four consecutive values of a row of C, skipping what falls outside it.
fn store4(row: u32, col: u32, v: vec4f) {
  if (row >= p.M || col >= p.N) { return; }
  let base = row * p.N + col;
  let cols = p.N - col;
  c[base] = v.x;
  if (cols > 1u) { c[base + 1u] = v.y; }
  if (cols > 2u) { c[base + 2u] = v.z; }
  if (cols > 3u) { c[base + 3u] = v.w; }
}
