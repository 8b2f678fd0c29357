// The register matmul's stand-in, followed by one activation's functions (activate, derivative):
// C[M,N] = op(A)·op(B), with every variant gpu/ops/matmul-kernels.ts has (operands and C
// transposed, the bias, the sums, the activation or its derivative as C is stored) read from the
// bits of `p.form` at run time rather than compiled in. The first training step waits for every
// stand-in it runs, and SwiftShader compiles one pipeline at a time: the step's five products as
// five pipelines took 150–290 ms to compile in Dawn for Node, this one pipeline 50–105 ms. A 4×4
// tile of C per invocation, one k at a time, written as loops, with one copy of the loads and of
// the store. The register kernels take ~0.4–1.3 s each in Chromium and run several times faster,
// so the engine uses this one only until each of them is ready (gpu/webgpu/webgpu-backend.ts).
//
// Bindings past those a product passes (a plain product has no aux, only an activating one has
// `activated`) are bound to placeholders and never touched.

struct Params { M: u32, N: u32, K: u32, alpha: f32, beta: f32, threshold: f32, form: u32 }

const TRANSPOSE_A = 1u; // A is stored as [K, M]
const TRANSPOSE_B = 2u; // B is stored as [N, K]
const TRANSPOSE_C = 4u; // C is stored as [N, M]
const BIAS = 8u; // adds aux[j] to column j
const SUMS_ROWS_OF_A = 16u; // aux[i] = Σ_k op(A)[i, k]
const SUMS_COLUMNS_OF_B = 32u; // aux[j] = Σ_k op(B)[k, j]
const ACTIVATE = 64u; // activated = f(C)
const DERIVATIVE = 128u; // C ⊙= f'(z), with z = aux, [M, N] even when C is stored transposed

// Every buffer read_write: binding 4 is written (the sums) as well as read (the bias, z), and a
// buffer bound twice in one dispatch, as W and its bias are (slices of one parameter buffer), must
// be bound read-only both times or writable both times.
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> a: array<f32>;
@group(0) @binding(2) var<storage, read_write> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
// The bias, z, or the sums.
@group(0) @binding(4) var<storage, read_write> aux: array<f32>;
@group(0) @binding(5) var<storage, read_write> activated: array<f32>;

fn has(flag: u32) -> bool { return (p.form & flag) != 0u; }

fn a_at(i: u32, k: u32) -> f32 { return a[select(i * p.K + k, k * p.M + i, has(TRANSPOSE_A))]; }
fn b_at(k: u32, j: u32) -> f32 { return b[select(k * p.N + j, j * p.K + k, has(TRANSPOSE_B))]; }

// Indices i0…i0+3, those past `last` clamped to it: rows and columns past the edge of C are read
// from the last one (never out of bounds) and never stored.
fn clamped4(i0: u32, last: u32) -> vec4u {
  return min(i0 + vec4u(0u, 1u, 2u, 3u), vec4u(last));
}

// Column r of the tile is row i0+r at columns j0…j0+3. The invocations of the first columns also
// add up rows i0…i0+3 of op(A) into `sums` (SUMS_ROWS_OF_A), or those of the first rows columns
// j0…j0+3 of op(B) (SUMS_COLUMNS_OF_B).
fn product(i0: u32, j0: u32, sums: ptr<function, vec4f>) -> mat4x4f {
  let rows = clamped4(i0, p.M - 1u);
  let cols = clamped4(j0, p.N - 1u);
  let summing_rows = has(SUMS_ROWS_OF_A) && j0 == 0u;
  let summing_columns = has(SUMS_COLUMNS_OF_B) && i0 == 0u;
  var c0 = vec4f();
  var c1 = vec4f();
  var c2 = vec4f();
  var c3 = vec4f();
  for (var k = 0u; k < p.K; k++) {
    let bk = vec4f(b_at(k, cols.x), b_at(k, cols.y), b_at(k, cols.z), b_at(k, cols.w));
    let ak = vec4f(a_at(rows.x, k), a_at(rows.y, k), a_at(rows.z, k), a_at(rows.w, k));
    c0 += ak.x * bk;
    c1 += ak.y * bk;
    c2 += ak.z * bk;
    c3 += ak.w * bk;
    if (summing_rows) { *sums += ak; }
    if (summing_columns) { *sums += bk; }
  }
  return mat4x4f(c0, c1, c2, c3);
}

// C[i, j] = v, where C holds it (`at`), with the epilogue the form names.
fn put(at: u32, i: u32, j: u32, v: f32) {
  if (has(DERIVATIVE)) {
    c[at] = v * derivative(aux[i * p.N + j]);
    return;
  }
  c[at] = v;
  if (has(ACTIVATE)) { activated[at] = activate(v); }
}

// One copy of the put, in loops: each copy of an activation or its derivative costs SwiftShader
// ~40 ms to compile.
fn store(i0: u32, j0: u32, tile: mat4x4f, add: vec4f) {
  for (var r = 0u; r < 4u; r++) {
    let values = tile[r] + add;
    for (var q = 0u; q < 4u; q++) {
      let i = i0 + r;
      let j = j0 + q;
      if (i < p.M && j < p.N) { put(select(i * p.N + j, j * p.M + i, has(TRANSPOSE_C)), i, j, values[q]); }
    }
  }
}

// Sums i0…i0+3, those from `count` on left out.
fn store_sums(i0: u32, count: u32, values: vec4f) {
  for (var r = 0u; r < 4u; r++) {
    if (i0 + r < count) { aux[i0 + r] = values[r]; }
  }
}

@compute @workgroup_size(4, 4)
fn matmul(@builtin(global_invocation_id) id: vec3u) {
  let at = id.yx * 4u;
  var sums = vec4f();
  var bias = vec4f();
  if (has(BIAS)) {
    let j = clamped4(at.y, p.N - 1u);
    bias = vec4f(aux[j.x], aux[j.y], aux[j.z], aux[j.w]);
  }
  store(at.x, at.y, product(at.x, at.y, &sums), bias);
  if (has(SUMS_ROWS_OF_A) && at.y == 0u) { store_sums(at.x, p.M, sums); }
  if (has(SUMS_COLUMNS_OF_B) && at.x == 0u) { store_sums(at.y, p.N, sums); }
}
