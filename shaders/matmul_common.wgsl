// What every matmul kernel shares: C[M,N] = op(A)·op(B) (+ bias[N]), where op transposes an
// operand in place of a copy (backward needs A·Bᵀ and Aᵀ·B), C may be stored transposed, and the
// entry point matmul_sums also sums op(A)'s rows or op(B)'s columns. gpu/ops/matmul-kernels.ts
// puts this file in front of the register kernel's parts (matmul.wgsl) or matmul_tiled.wgsl,
// whichever suits the adapter (matmul_quick.wgsl, their stand-in, stands alone), with a part that says how four values of a row
// (or column) of C are written and four values of aux read (matmul_store_f32.wgsl or
// matmul_store_vec4.wgsl: store4, store4_down, aux_run), and appends an epilogue part
// (matmul_put_*.wgsl) that declares `Params` and says how a value, or four, of C are stored:
// `put`, `put4`, `finish_transposed_tile` (what is done to a tile of C before it is stored
// transposed), and the sums: `store_sums`.

override TRANSPOSE_A: bool = false; // A is stored as [K, M]
override TRANSPOSE_B: bool = false; // B is stored as [N, K]
override TRANSPOSE_C: bool = false; // C is stored as [N, M]
// What the entry point matmul_sums also writes (set for it alone, so that the other products
// compile without sums in their loops): the sums over k of op(A)'s rows, or of op(B)'s columns.
const ROWS_OF_A = 1u;
const COLUMNS_OF_B = 2u;
override SUMS: u32 = 0u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
// The bias (matmul_bias), or the pre-activations z whose derivative the backward epilogue applies.
@group(0) @binding(4) var<storage, read> aux: array<f32>;
// The same bindings four floats at a time, for matmul_store_vec4.wgsl (an entry point uses one
// view of a binding or the other, never both).
@group(0) @binding(3) var<storage, read_write> c4: array<vec4f>;
@group(0) @binding(4) var<storage, read> aux4: array<vec4f>;

// Writes a 4×4 tile of C whose column r is row row0+r at columns col0…col0+3, plus `add` (the bias).
fn store_tile(row0: u32, col0: u32, tile: mat4x4f, add: vec4f) {
  if (TRANSPOSE_C) {
    // Rows of the stored Cᵀ: transposing in registers keeps its stores four floats wide.
    let t = transpose(finish_transposed_tile(row0, col0, tile));
    store4_down(row0, col0, t[0] + add.x);
    store4_down(row0, col0 + 1u, t[1] + add.y);
    store4_down(row0, col0 + 2u, t[2] + add.z);
    store4_down(row0, col0 + 3u, t[3] + add.w);
    return;
  }
  store4(row0, col0, tile[0] + add);
  store4(row0 + 1u, col0, tile[1] + add);
  store4(row0 + 2u, col0, tile[2] + add);
  store4(row0 + 3u, col0, tile[3] + add);
}

// Which of k…k+3 are inside K.
fn k_valid(k: u32) -> vec4<bool> { return k + vec4u(0u, 1u, 2u, 3u) < vec4u(p.K); }

// A tile read four floats at a time whose columns are k…k+3, those past K zeroed. The branch is
// uniform, and taken only where K is not a multiple of 4, so the big products pay nothing for it.
fn zero_steps_past_k(m: mat4x4f, k: u32) -> mat4x4f {
  if (k + 4u <= p.K) { return m; }
  let valid = k_valid(k);
  return mat4x4f(select(vec4f(), m[0], valid.x), select(vec4f(), m[1], valid.y), select(vec4f(), m[2], valid.z), select(vec4f(), m[3], valid.w));
}

// The bias of columns col0…col0+3, read by the store part's aux_run; past the edge of C, the last
// column's (never stored).
fn bias4(col0: u32) -> vec4f {
  return aux_run(col0, p.N - 1u);
}

// Indices i0…i0+3, those past `last` clamped to it: rows and columns past the edge of C are read
// from the last one (never out of bounds) and never stored.
fn clamped4(i0: u32, last: u32) -> vec4u {
  return min(i0 + vec4u(0u, 1u, 2u, 3u), vec4u(last));
}
