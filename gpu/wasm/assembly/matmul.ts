// The three operand layouts a training step multiplies in, register-blocked over f32x4, all as
// one product whose B is stored [K, N]: C = A·B and C = Aᵀ·B differ only in A's strides, and
// C = A·Bᵀ (a layer's forward pass, B its weight [N, K]) first copies B transposed into scratch
// memory. Dot products of rows ran that forward pass at 9 GFLOP/s where the [K, N] product runs
// at 16–22 (1024×784 by 784×128, one thread), and the copy is 1/M of the product's work.
// productKN computes rows [rowStart, rowEnd) of C; the entry points hand the whole product to the
// host's `rows`, which splits C by rows among threads (gpu/wasm/threads.ts) after the transpose
// and the bias are done, so no two threads write the same memory.

/** Scratch memory of at least `bytes`, kept by the backend for the module (it may grow the memory). */
@external("env", "scratch")
declare function scratch(bytes: usize): usize;

/** Rows [0, M) of productKN, on as many threads as pays; returns when all of them are written. */
@external("env", "rows")
declare function rows(M: i32, N: i32, K: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize, accumulate: bool): void;

/** a·b + c: fused (one rounding) where the build has relaxed SIMD and the CPU has FMA. */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/**
 * Rows K_BLOCK of B, eight columns wide, stay in L1 while every block of rows of A passes them:
 * without it each block of four rows streamed all of B from memory (a 784-wide B of 1024 rows is
 * 3 MiB), and the weight gradient ran at half the forward pass's speed.
 */
const K_BLOCK = 128;

/**
 * Rows [rowStart, rowEnd) of C[M, N] (+)= A·B, B stored [K, N], A(i, k) at a + 4·(i·aRow + k·aK),
 * added to what C holds if `accumulate`: over K_BLOCK rows of B at a time, blocks of 4 rows × 8
 * columns in eight accumulators (then one row at a time); the last N mod 8 columns after.
 */
export function productKN(rowStart: i32, rowEnd: i32, N: i32, K: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize, accumulate: bool): void {
  const n8 = N & ~7;
  for (let k0 = 0; k0 < K; k0 += K_BLOCK) {
    const k1 = min(K, k0 + K_BLOCK);
    const add = accumulate || k0 > 0;
    for (let j = 0; j < n8; j += 8) {
      let i = rowStart;
      for (; i + 4 <= rowEnd; i += 4) block4x8(i, j, k0, k1, add, N, a, aRow, aK, b, c);
      for (; i < rowEnd; i++) block1x8(i, j, k0, k1, add, N, a, aRow, aK, b, c);
    }
  }
  for (let i = rowStart; i < rowEnd; i++) columnTail(i, n8, N, K, a, aRow, aK, b, c, accumulate);
}

/** C[i..i+4, j..j+8] = (add ? what it holds : 0) + Σ_{k0 ≤ k < k1} A(i.., k)·B[k, j..]. */
@inline function block4x8(i: i32, j: i32, k0: i32, k1: i32, add: bool, N: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize): void {
  const bStride = <usize>N << 2;
  const rowBytes = <usize>aRow << 2;
  const cp = c + ((<usize>i * N + j) << 2);
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  if (add) {
    c00 = v128.load(cp); c01 = v128.load(cp, 16);
    c10 = v128.load(cp + bStride); c11 = v128.load(cp + bStride, 16);
    c20 = v128.load(cp + 2 * bStride); c21 = v128.load(cp + 2 * bStride, 16);
    c30 = v128.load(cp + 3 * bStride); c31 = v128.load(cp + 3 * bStride, 16);
  }
  const aStep = <usize>aK << 2;
  let ap = a + ((<usize>i * aRow + <usize>k0 * aK) << 2);
  let bp = b + ((<usize>k0 * N + j) << 2);
  for (let k = k0; k < k1; k++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let s = v128.load32_splat(ap);
    c00 = madd(s, b0, c00);
    c01 = madd(s, b1, c01);
    s = v128.load32_splat(ap + rowBytes);
    c10 = madd(s, b0, c10);
    c11 = madd(s, b1, c11);
    s = v128.load32_splat(ap + 2 * rowBytes);
    c20 = madd(s, b0, c20);
    c21 = madd(s, b1, c21);
    s = v128.load32_splat(ap + 3 * rowBytes);
    c30 = madd(s, b0, c30);
    c31 = madd(s, b1, c31);
    ap += aStep;
    bp += bStride;
  }
  v128.store(cp, c00); v128.store(cp, c01, 16);
  v128.store(cp + bStride, c10); v128.store(cp + bStride, c11, 16);
  v128.store(cp + 2 * bStride, c20); v128.store(cp + 2 * bStride, c21, 16);
  v128.store(cp + 3 * bStride, c30); v128.store(cp + 3 * bStride, c31, 16);
}

/** block4x8 for one row. */
@inline function block1x8(i: i32, j: i32, k0: i32, k1: i32, add: bool, N: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize): void {
  const bStride = <usize>N << 2;
  const cp = c + ((<usize>i * N + j) << 2);
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  if (add) {
    c0 = v128.load(cp);
    c1 = v128.load(cp, 16);
  }
  const aStep = <usize>aK << 2;
  let ap = a + ((<usize>i * aRow + <usize>k0 * aK) << 2);
  let bp = b + ((<usize>k0 * N + j) << 2);
  for (let k = k0; k < k1; k++) {
    const s = v128.load32_splat(ap);
    c0 = madd(s, v128.load(bp), c0);
    c1 = madd(s, v128.load(bp, 16), c1);
    ap += aStep;
    bp += bStride;
  }
  v128.store(cp, c0);
  v128.store(cp, c1, 16);
}

/** Columns [from, N) of row i of productKN, one at a time: fewer than eight. */
function columnTail(i: i32, from: i32, N: i32, K: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize, accumulate: bool): void {
  for (let j = from; j < N; j++) {
    const cp = c + ((<usize>i * N + j) << 2);
    let s: f32 = accumulate ? load<f32>(cp) : 0;
    for (let k = 0; k < K; k++) s += load<f32>(a + ((<usize>i * aRow + <usize>k * aK) << 2)) * load<f32>(b + ((<usize>k * N + j) << 2));
    store<f32>(cp, s);
  }
}

/** B [N, K] transposed into scratch memory, [K, N]. */
function transposed(b: usize, N: i32, K: i32): usize {
  const t = scratch((<usize>N * K) << 2);
  for (let j = 0; j < N; j++) {
    const row = b + ((<usize>j * K) << 2);
    for (let k = 0; k < K; k++) store<f32>(t + ((<usize>k * N + j) << 2), load<f32>(row + (<usize>k << 2)));
  }
  return t;
}

// The kernels' entry points: params in the order of the kernel's `params`, then the buffers.

export function matmul(M: i32, N: i32, K: i32, a: usize, b: usize, c: usize): void {
  rows(M, N, K, a, K, 1, b, c, false);
}

export function matmul_tA(M: i32, N: i32, K: i32, a: usize, b: usize, c: usize): void {
  rows(M, N, K, a, 1, M, b, c, false);
}

export function matmul_tB(M: i32, N: i32, K: i32, a: usize, b: usize, c: usize): void {
  rows(M, N, K, a, K, 1, transposed(b, N, K), c, false);
}

/** The bias goes into C first, and the product adds to it. */
export function matmul_tB_bias(M: i32, N: i32, K: i32, a: usize, b: usize, c: usize, bias: usize): void {
  for (let i = 0; i < M; i++) memory.copy(c + ((<usize>i * N) << 2), bias, <usize>N << 2);
  rows(M, N, K, a, K, 1, transposed(b, N, K), c, true);
}
