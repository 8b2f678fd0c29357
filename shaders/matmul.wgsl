// C[M,N] = op(A)·op(B), where op transposes an operand in place of a copy: backward needs A·Bᵀ and Aᵀ·B.
// Each invocation keeps a TM×TN block of C in registers and reads A and B straight from storage,
// with no workgroup memory and no barriers: on SwiftShader this measured several times faster than
// shared-memory tiling (shared/reference/swiftshader.md). Out-of-range rows and columns are clamped
// on load and skipped on store, so any M, N, K works.

struct Params { M: u32, N: u32, K: u32 }

override TRANSPOSE_A: bool = false; // A is stored as [K, M]
override TRANSPOSE_B: bool = false; // B is stored as [N, K]
const TM = 4u;
const TN = 4u;

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;

fn a_at(i: u32, k: u32) -> f32 {
  if (TRANSPOSE_A) { return a[k * p.M + i]; }
  return a[i * p.K + k];
}

fn b_at(k: u32, j: u32) -> f32 {
  if (TRANSPOSE_B) { return b[j * p.K + k]; }
  return b[k * p.N + j];
}

fn block(row0: u32, col0: u32) -> array<f32, 16> {
  var acc: array<f32, 16>;
  var rows: array<u32, 4>;
  var cols: array<u32, 4>;
  for (var i = 0u; i < TM; i++) { rows[i] = min(row0 + i, p.M - 1u); }
  for (var j = 0u; j < TN; j++) { cols[j] = min(col0 + j, p.N - 1u); }
  for (var k = 0u; k < p.K; k++) {
    var av: array<f32, 4>;
    var bv: array<f32, 4>;
    for (var i = 0u; i < TM; i++) { av[i] = a_at(rows[i], k); }
    for (var j = 0u; j < TN; j++) { bv[j] = b_at(k, cols[j]); }
    for (var i = 0u; i < TM; i++) {
      for (var j = 0u; j < TN; j++) {
        acc[i * TN + j] = fma(av[i], bv[j], acc[i * TN + j]);
      }
    }
  }
  return acc;
}

fn store(row0: u32, col0: u32, acc: array<f32, 16>) {
  for (var i = 0u; i < TM; i++) {
    for (var j = 0u; j < TN; j++) {
      let row = row0 + i;
      let col = col0 + j;
      if (row < p.M && col < p.N) { c[row * p.N + col] = acc[i * TN + j]; }
    }
  }
}

@compute @workgroup_size(8, 8)
fn matmul(@builtin(global_invocation_id) id: vec3u) {
  let row0 = id.y * TM;
  let col0 = id.x * TN;
  if (row0 >= p.M || col0 >= p.N) { return; }
  store(row0, col0, block(row0, col0));
}

// C = op(A)·op(B) + bias, the bias broadcast over rows: the forward of a linear layer.
@compute @workgroup_size(8, 8)
fn matmul_bias(@builtin(global_invocation_id) id: vec3u) {
  let row0 = id.y * TM;
  let col0 = id.x * TN;
  if (row0 >= p.M || col0 >= p.N) { return; }
  var acc = block(row0, col0);
  for (var j = 0u; j < TN; j++) {
    let b_j = bias[min(col0 + j, p.N - 1u)];
    for (var i = 0u; i < TM; i++) { acc[i * TN + j] += b_j; }
  }
  store(row0, col0, acc);
}
