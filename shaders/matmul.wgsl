// The matmul for SwiftShader and other CPU-like adapters (preceded by matmul_common.wgsl).
// Each invocation keeps an 8×8 block of C in sixteen vec4 registers and reads A and B straight from
// storage, with no workgroup memory and no barriers: on SwiftShader this measured several times
// faster than shared-memory tiling (shared/reference/swiftshader.md), and 8×8 beat 4×4 by reusing
// each load for more multiply-adds. The block is written out by hand because SwiftShader's shader
// compiler keeps arrays in memory rather than registers, even with constant indices.
// Out-of-range rows and columns are clamped on load and skipped on store, so any M, N, K works.

const BLOCK = 8u;

// Element (i, k) of op(A) is a[i·s.x + k·s.y]; element (k, j) of op(B) is b[k·s.x + j·s.y].
fn a_strides() -> vec2u { return select(vec2u(p.K, 1u), vec2u(1u, p.M), TRANSPOSE_A); }
fn b_strides() -> vec2u { return select(vec2u(p.N, 1u), vec2u(1u, p.K), TRANSPOSE_B); }

// Row i of the block is the pair (lo_i, hi_i): columns 0–3 and 4–7.
struct Block {
  lo0: vec4f, hi0: vec4f,
  lo1: vec4f, hi1: vec4f,
  lo2: vec4f, hi2: vec4f,
  lo3: vec4f, hi3: vec4f,
  lo4: vec4f, hi4: vec4f,
  lo5: vec4f, hi5: vec4f,
  lo6: vec4f, hi6: vec4f,
  lo7: vec4f, hi7: vec4f,
}

fn block(row0: u32, col0: u32) -> Block {
  let sa = a_strides();
  let sb = b_strides();
  let last_row = p.M - 1u;
  let last_col = p.N - 1u;
  let a0 = min(row0 + 0u, last_row) * sa.x;
  let a1 = min(row0 + 1u, last_row) * sa.x;
  let a2 = min(row0 + 2u, last_row) * sa.x;
  let a3 = min(row0 + 3u, last_row) * sa.x;
  let a4 = min(row0 + 4u, last_row) * sa.x;
  let a5 = min(row0 + 5u, last_row) * sa.x;
  let a6 = min(row0 + 6u, last_row) * sa.x;
  let a7 = min(row0 + 7u, last_row) * sa.x;
  let b0 = min(col0 + 0u, last_col) * sb.y;
  let b1 = min(col0 + 1u, last_col) * sb.y;
  let b2 = min(col0 + 2u, last_col) * sb.y;
  let b3 = min(col0 + 3u, last_col) * sb.y;
  let b4 = min(col0 + 4u, last_col) * sb.y;
  let b5 = min(col0 + 5u, last_col) * sb.y;
  let b6 = min(col0 + 6u, last_col) * sb.y;
  let b7 = min(col0 + 7u, last_col) * sb.y;
  var acc: Block;
  for (var k = 0u; k < p.K; k++) {
    let ka = k * sa.y;
    let kb = k * sb.x;
    let lo = vec4f(b[kb + b0], b[kb + b1], b[kb + b2], b[kb + b3]);
    let hi = vec4f(b[kb + b4], b[kb + b5], b[kb + b6], b[kb + b7]);
    let x0 = vec4f(a[a0 + ka]);
    acc.lo0 = fma(x0, lo, acc.lo0);
    acc.hi0 = fma(x0, hi, acc.hi0);
    let x1 = vec4f(a[a1 + ka]);
    acc.lo1 = fma(x1, lo, acc.lo1);
    acc.hi1 = fma(x1, hi, acc.hi1);
    let x2 = vec4f(a[a2 + ka]);
    acc.lo2 = fma(x2, lo, acc.lo2);
    acc.hi2 = fma(x2, hi, acc.hi2);
    let x3 = vec4f(a[a3 + ka]);
    acc.lo3 = fma(x3, lo, acc.lo3);
    acc.hi3 = fma(x3, hi, acc.hi3);
    let x4 = vec4f(a[a4 + ka]);
    acc.lo4 = fma(x4, lo, acc.lo4);
    acc.hi4 = fma(x4, hi, acc.hi4);
    let x5 = vec4f(a[a5 + ka]);
    acc.lo5 = fma(x5, lo, acc.lo5);
    acc.hi5 = fma(x5, hi, acc.hi5);
    let x6 = vec4f(a[a6 + ka]);
    acc.lo6 = fma(x6, lo, acc.lo6);
    acc.hi6 = fma(x6, hi, acc.hi6);
    let x7 = vec4f(a[a7 + ka]);
    acc.lo7 = fma(x7, lo, acc.lo7);
    acc.hi7 = fma(x7, hi, acc.hi7);
  }
  return acc;
}

fn store(row0: u32, col0: u32, acc: Block) {
  store4(row0 + 0u, col0, acc.lo0);
  store4(row0 + 0u, col0 + 4u, acc.hi0);
  store4(row0 + 1u, col0, acc.lo1);
  store4(row0 + 1u, col0 + 4u, acc.hi1);
  store4(row0 + 2u, col0, acc.lo2);
  store4(row0 + 2u, col0 + 4u, acc.hi2);
  store4(row0 + 3u, col0, acc.lo3);
  store4(row0 + 3u, col0 + 4u, acc.hi3);
  store4(row0 + 4u, col0, acc.lo4);
  store4(row0 + 4u, col0 + 4u, acc.hi4);
  store4(row0 + 5u, col0, acc.lo5);
  store4(row0 + 5u, col0 + 4u, acc.hi5);
  store4(row0 + 6u, col0, acc.lo6);
  store4(row0 + 6u, col0 + 4u, acc.hi6);
  store4(row0 + 7u, col0, acc.lo7);
  store4(row0 + 7u, col0 + 4u, acc.hi7);
}

@compute @workgroup_size(4, 4)
fn matmul(@builtin(global_invocation_id) id: vec3u) {
  let row0 = id.y * BLOCK;
  let col0 = id.x * BLOCK;
  if (row0 >= p.M || col0 >= p.N) { return; }
  store(row0, col0, block(row0, col0));
}

// C = op(A)·op(B) + bias, the bias broadcast over rows: the forward of a linear layer.
@compute @workgroup_size(4, 4)
fn matmul_bias(@builtin(global_invocation_id) id: vec3u) {
  let row0 = id.y * BLOCK;
  let col0 = id.x * BLOCK;
  if (row0 >= p.M || col0 >= p.N) { return; }
  let last_col = p.N - 1u;
  let lo = vec4f(bias[min(col0, last_col)], bias[min(col0 + 1u, last_col)], bias[min(col0 + 2u, last_col)], bias[min(col0 + 3u, last_col)]);
  let hi = vec4f(bias[min(col0 + 4u, last_col)], bias[min(col0 + 5u, last_col)], bias[min(col0 + 6u, last_col)], bias[min(col0 + 7u, last_col)]);
  var acc = block(row0, col0);
  acc.lo0 += lo;
  acc.hi0 += hi;
  acc.lo1 += lo;
  acc.hi1 += hi;
  acc.lo2 += lo;
  acc.hi2 += hi;
  acc.lo3 += lo;
  acc.hi3 += hi;
  acc.lo4 += lo;
  acc.hi4 += hi;
  acc.lo5 += lo;
  acc.hi5 += hi;
  acc.lo6 += lo;
  acc.hi6 += hi;
  acc.lo7 += lo;
  acc.hi7 += hi;
  store(row0, col0, acc);
}
