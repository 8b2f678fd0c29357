// C[M,N] = op(A)·op(B), where op transposes an operand in place of a copy: backward needs A·Bᵀ and Aᵀ·B.
// Each invocation keeps a 4×4 block of C in four vec4 registers and reads A and B straight from
// storage, with no workgroup memory and no barriers: on SwiftShader this measured several times
// faster than shared-memory tiling (shared/reference/swiftshader.md). The block is written out by
// hand because SwiftShader's shader compiler does not unroll loops over register arrays.
// Out-of-range rows and columns are clamped on load and skipped on store, so any M, N, K works.

struct Params { M: u32, N: u32, K: u32 }

override TRANSPOSE_A: bool = false; // A is stored as [K, M]
override TRANSPOSE_B: bool = false; // B is stored as [N, K]

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;

// Element (i, k) of op(A) is a[i·si + k·sk]; element (k, j) of op(B) is b[k·sk + j·sj].
fn a_strides() -> vec2u { return select(vec2u(p.K, 1u), vec2u(1u, p.M), TRANSPOSE_A); }
fn b_strides() -> vec2u { return select(vec2u(p.N, 1u), vec2u(1u, p.K), TRANSPOSE_B); }

struct Block { r0: vec4f, r1: vec4f, r2: vec4f, r3: vec4f }

fn block(row0: u32, col0: u32) -> Block {
  let sa = a_strides();
  let sb = b_strides();
  let last_row = p.M - 1u;
  let last_col = p.N - 1u;
  let a0 = min(row0, last_row) * sa.x;
  let a1 = min(row0 + 1u, last_row) * sa.x;
  let a2 = min(row0 + 2u, last_row) * sa.x;
  let a3 = min(row0 + 3u, last_row) * sa.x;
  let b0 = min(col0, last_col) * sb.y;
  let b1 = min(col0 + 1u, last_col) * sb.y;
  let b2 = min(col0 + 2u, last_col) * sb.y;
  let b3 = min(col0 + 3u, last_col) * sb.y;
  var acc: Block;
  for (var k = 0u; k < p.K; k++) {
    let ka = k * sa.y;
    let kb = k * sb.x;
    let bk = vec4f(b[kb + b0], b[kb + b1], b[kb + b2], b[kb + b3]);
    acc.r0 = fma(vec4f(a[a0 + ka]), bk, acc.r0);
    acc.r1 = fma(vec4f(a[a1 + ka]), bk, acc.r1);
    acc.r2 = fma(vec4f(a[a2 + ka]), bk, acc.r2);
    acc.r3 = fma(vec4f(a[a3 + ka]), bk, acc.r3);
  }
  return acc;
}

fn store_row(row: u32, col0: u32, v: vec4f) {
  if (row >= p.M) { return; }
  let base = row * p.N + col0;
  let cols = p.N - col0;
  c[base] = v.x;
  if (cols > 1u) { c[base + 1u] = v.y; }
  if (cols > 2u) { c[base + 2u] = v.z; }
  if (cols > 3u) { c[base + 3u] = v.w; }
}

fn store(row0: u32, col0: u32, acc: Block) {
  store_row(row0, col0, acc.r0);
  store_row(row0 + 1u, col0, acc.r1);
  store_row(row0 + 2u, col0, acc.r2);
  store_row(row0 + 3u, col0, acc.r3);
}

@compute @workgroup_size(8, 8)
fn matmul(@builtin(global_invocation_id) id: vec3u) {
  let row0 = id.y * 4u;
  let col0 = id.x * 4u;
  if (row0 >= p.M || col0 >= p.N) { return; }
  store(row0, col0, block(row0, col0));
}

// C = op(A)·op(B) + bias, the bias broadcast over rows: the forward of a linear layer.
@compute @workgroup_size(8, 8)
fn matmul_bias(@builtin(global_invocation_id) id: vec3u) {
  let row0 = id.y * 4u;
  let col0 = id.x * 4u;
  if (row0 >= p.M || col0 >= p.N) { return; }
  let last_col = p.N - 1u;
  let bv = vec4f(bias[col0], bias[min(col0 + 1u, last_col)], bias[min(col0 + 2u, last_col)], bias[min(col0 + 3u, last_col)]);
  var acc = block(row0, col0);
  acc.r0 += bv;
  acc.r1 += bv;
  acc.r2 += bv;
  acc.r3 += bv;
  store(row0, col0, acc);
}
