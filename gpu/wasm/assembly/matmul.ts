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
 * Rows K_BLOCK of B, eight columns wide (8 KiB), stay in L1 while the M_BLOCK rows of A that pass
 * them stay in L2 (64 KiB): without the K blocks each block of four rows streamed all of B from
 * memory (a 784-wide B of 1024 rows is 3 MiB), and without the M blocks a forward pass's A, 1024
 * rows, streamed from L3 once per eight columns of B. K_BLOCK 256 passes over C half as often as 128.
 */
const K_BLOCK = 256;
/** A multiple of four, the register block's rows, so that only a part's last rows go one at a time. */
const M_BLOCK = 64;

/**
 * Rows [rowStart, rowEnd) of C[M, N] (+)= A·B, B stored [K, N], A(i, k) at a + 4·(i·aRow + k·aK),
 * added to what C holds if `accumulate`: over K_BLOCK rows of B and M_BLOCK rows of A at a time,
 * blocks of 4 rows × 8 columns in eight accumulators (then one row at a time); the last N mod 8
 * columns four (or fewer) at a time, reading and writing no element past a row's end.
 */
export function productKN(rowStart: i32, rowEnd: i32, N: i32, K: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize, accumulate: bool): void {
  const n8 = N & ~7;
  for (let k0 = 0; k0 < K; k0 += K_BLOCK) {
    const k1 = min(K, k0 + K_BLOCK);
    const add = accumulate || k0 > 0;
    for (let i0 = rowStart; i0 < rowEnd; i0 += M_BLOCK) {
      const i1 = min(rowEnd, i0 + M_BLOCK);
      for (let j = 0; j < n8; j += 8) {
        let i = i0;
        for (; i + 4 <= i1; i += 4) block4x8(i, j, k0, k1, add, N, a, aRow, aK, b, c);
        for (; i < i1; i++) block1x8(i, j, k0, k1, add, N, a, aRow, aK, b, c);
      }
      for (let j = n8; j < N; j += 4) {
        const w = min(4, N - j);
        let i = i0;
        for (; i + 4 <= i1; i += 4) block4xW(i, j, w, k0, k1, add, N, a, aRow, aK, b, c);
        for (; i < i1; i++) block1xW(i, j, w, k0, k1, add, N, a, aRow, aK, b, c);
      }
    }
  }
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
  const r2 = rowBytes << 1;
  const r3 = rowBytes + r2;
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
    s = v128.load32_splat(ap + r2);
    c20 = madd(s, b0, c20);
    c21 = madd(s, b1, c21);
    s = v128.load32_splat(ap + r3);
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

/** Columns j..j+w of a row at p, w ≤ 4, the lanes past w zero: nothing past the row's end is read. */
@inline function loadPart(p: usize, w: i32): v128 {
  if (w >= 4) return v128.load(p);
  let v = v128.load32_zero(p);
  if (w > 1) v = v128.load32_lane(p, v, 1, 4);
  if (w > 2) v = v128.load32_lane(p, v, 2, 8);
  return v;
}

/** The first w ≤ 4 lanes of v to p. */
@inline function storePart(p: usize, v: v128, w: i32): void {
  if (w >= 4) {
    v128.store(p, v);
    return;
  }
  v128.store32_lane(p, v, 0);
  if (w > 1) v128.store32_lane(p, v, 1, 4);
  if (w > 2) v128.store32_lane(p, v, 2, 8);
}

/** block4x8 for the w ≤ 4 columns from j. */
function block4xW(i: i32, j: i32, w: i32, k0: i32, k1: i32, add: bool, N: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize): void {
  const bStride = <usize>N << 2;
  const rowBytes = <usize>aRow << 2;
  const cp = c + ((<usize>i * N + j) << 2);
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  if (add) {
    c0 = loadPart(cp, w);
    c1 = loadPart(cp + bStride, w);
    c2 = loadPart(cp + 2 * bStride, w);
    c3 = loadPart(cp + 3 * bStride, w);
  }
  const aStep = <usize>aK << 2;
  let ap = a + ((<usize>i * aRow + <usize>k0 * aK) << 2);
  let bp = b + ((<usize>k0 * N + j) << 2);
  for (let k = k0; k < k1; k++) {
    const bv = loadPart(bp, w);
    c0 = madd(v128.load32_splat(ap), bv, c0);
    c1 = madd(v128.load32_splat(ap + rowBytes), bv, c1);
    c2 = madd(v128.load32_splat(ap + 2 * rowBytes), bv, c2);
    c3 = madd(v128.load32_splat(ap + 3 * rowBytes), bv, c3);
    ap += aStep;
    bp += bStride;
  }
  storePart(cp, c0, w);
  storePart(cp + bStride, c1, w);
  storePart(cp + 2 * bStride, c2, w);
  storePart(cp + 3 * bStride, c3, w);
}

/** block4xW for one row. */
function block1xW(i: i32, j: i32, w: i32, k0: i32, k1: i32, add: bool, N: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize): void {
  const bStride = <usize>N << 2;
  const cp = c + ((<usize>i * N + j) << 2);
  let c0 = add ? loadPart(cp, w) : f32x4.splat(0);
  const aStep = <usize>aK << 2;
  let ap = a + ((<usize>i * aRow + <usize>k0 * aK) << 2);
  let bp = b + ((<usize>k0 * N + j) << 2);
  for (let k = k0; k < k1; k++) {
    c0 = madd(v128.load32_splat(ap), loadPart(bp, w), c0);
    ap += aStep;
    bp += bStride;
  }
  storePart(cp, c0, w);
}

/**
 * B [N, K] transposed into scratch memory, [K, N], eight rows of B at a time: each of its rows
 * read in order, each row written 32 bytes at a time rather than 4 bytes a row apart.
 */
function transposed(b: usize, N: i32, K: i32): usize {
  const t = scratch((<usize>N * K) << 2);
  const rowBytes = <usize>K << 2;
  for (let j0 = 0; j0 < N; j0 += 8) {
    const j1 = min(N, j0 + 8);
    for (let k = 0; k < K; k++) {
      const to = t + ((<usize>k * N) << 2);
      for (let j = j0; j < j1; j++) store<f32>(to + (<usize>j << 2), load<f32>(b + <usize>j * rowBytes + (<usize>k << 2)));
    }
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
