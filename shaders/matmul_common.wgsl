// What every matmul kernel shares: C[M,N] = op(A)·op(B) (+ bias[N]), where op transposes an operand
// in place of a copy (backward needs A·Bᵀ and Aᵀ·B). gpu/ops/matmul-kernels.ts puts this file in
// front of the register kernel's parts (matmul.wgsl), matmul_tiled.wgsl or matmul_quick.wgsl,
// whichever suits the adapter, and appends an epilogue part (matmul_put_*.wgsl) that declares
// `Params` and says how a value of C is stored: `put`.

override TRANSPOSE_A: bool = false; // A is stored as [K, M]
override TRANSPOSE_B: bool = false; // B is stored as [N, K]

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
// The bias (matmul_bias), or the pre-activations z whose derivative the backward epilogue applies.
@group(0) @binding(4) var<storage, read> aux: array<f32>;

// Writes four consecutive values of a row of C, skipping what falls outside it.
fn store4(row: u32, col: u32, v: vec4f) {
  if (row >= p.M || col >= p.N) { return; }
  let base = row * p.N + col;
  let cols = p.N - col;
  put(base, v.x);
  if (cols > 1u) { put(base + 1u, v.y); }
  if (cols > 2u) { put(base + 2u, v.z); }
  if (cols > 3u) { put(base + 3u, v.w); }
}

// Writes a 4×4 tile of C whose column r is row row0+r at columns col0…col0+3, plus `add` (the bias).
fn store_tile(row0: u32, col0: u32, tile: mat4x4f, add: vec4f) {
  store4(row0, col0, tile[0] + add);
  store4(row0 + 1u, col0, tile[1] + add);
  store4(row0 + 2u, col0, tile[2] + add);
  store4(row0 + 3u, col0, tile[3] + add);
}

// Indices i0…i0+3, those past `last` clamped to it: rows and columns past the edge of C are read
// from the last one (never out of bounds) and never stored.
fn clamped4(i0: u32, last: u32) -> vec4u {
  return min(i0 + vec4u(0u, 1u, 2u, 3u), vec4u(last));
}

// The bias of columns col0…col0+3.
fn bias4(col0: u32) -> vec4f {
  let j = clamped4(col0, p.N - 1u);
  return vec4f(aux[j.x], aux[j.y], aux[j.z], aux[j.w]);
}
