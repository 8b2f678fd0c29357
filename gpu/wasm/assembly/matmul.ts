// The three operand layouts a training step multiplies in, register-blocked over f32x4: the
// products whose B is stored [K, N] (C = A·B, and C = Aᵀ·B, which differ only in A's strides)
// broadcast one A value against eight columns of B, and the product whose B is stored [N, K]
// (C = A·Bᵀ, the forward pass of a layer) takes dot products of rows four at a time. Every
// function computes rows [rowStart, rowEnd) of C, so a caller may split C by rows among threads.

@inline function madd(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

@inline function lanesSum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/**
 * Rows K_BLOCK of B, eight columns wide, stay in L1 while every block of rows of A passes them:
 * without it each block of four rows streamed all of B from memory (a 784-wide B of 1024 rows is
 * 3 MiB), and the weight gradient ran at half the forward pass's speed.
 */
const K_BLOCK = 128;

/**
 * Rows [rowStart, rowEnd) of C[M, N] = A·B, B stored [K, N], A(i, k) at a + 4·(i·aRow + k·aK):
 * over K_BLOCK rows of B at a time, blocks of 4 rows × 8 columns in eight accumulators (then one
 * row at a time), adding to what the earlier rows of B left in C; the last N mod 8 columns after.
 */
export function productKN(rowStart: i32, rowEnd: i32, N: i32, K: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize): void {
  const n8 = N & ~7;
  for (let k0 = 0; k0 < K; k0 += K_BLOCK) {
    const k1 = min(K, k0 + K_BLOCK);
    for (let j = 0; j < n8; j += 8) {
      let i = rowStart;
      for (; i + 4 <= rowEnd; i += 4) block4x8(i, j, k0, k1, N, a, aRow, aK, b, c);
      for (; i < rowEnd; i++) block1x8(i, j, k0, k1, N, a, aRow, aK, b, c);
    }
  }
  for (let i = rowStart; i < rowEnd; i++) columnTail(i, n8, N, K, a, aRow, aK, b, c);
}

/** C[i..i+4, j..j+8] = (k0 > 0 ? what it holds : 0) + Σ_{k0 ≤ k < k1} A(i.., k)·B[k, j..]. */
@inline function block4x8(i: i32, j: i32, k0: i32, k1: i32, N: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize): void {
  const bStride = <usize>N << 2;
  const rowBytes = <usize>aRow << 2;
  const cp = c + ((<usize>i * N + j) << 2);
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  if (k0 > 0) {
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
@inline function block1x8(i: i32, j: i32, k0: i32, k1: i32, N: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize): void {
  const bStride = <usize>N << 2;
  const cp = c + ((<usize>i * N + j) << 2);
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  if (k0 > 0) {
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
function columnTail(i: i32, from: i32, N: i32, K: i32, a: usize, aRow: i32, aK: i32, b: usize, c: usize): void {
  for (let j = from; j < N; j++) {
    let s: f32 = 0;
    for (let k = 0; k < K; k++) s += load<f32>(a + ((<usize>i * aRow + <usize>k * aK) << 2)) * load<f32>(b + ((<usize>k * N + j) << 2));
    store<f32>(c + ((<usize>i * N + j) << 2), s);
  }
}

/** Σ_k x[k]·y[k] over K contiguous floats, four lanes at a time. */
@inline function dot(x: usize, y: usize, K: i32): f32 {
  const k4 = K & ~3;
  let acc = f32x4.splat(0);
  for (let k = 0; k < k4; k += 4) acc = madd(v128.load(x + (<usize>k << 2)), v128.load(y + (<usize>k << 2)), acc);
  let s = lanesSum(acc);
  for (let k = k4; k < K; k++) s += load<f32>(x + (<usize>k << 2)) * load<f32>(y + (<usize>k << 2));
  return s;
}

/**
 * Rows [rowStart, rowEnd) of C[M, N] = A·Bᵀ (+ bias[j] when bias is not 0), A stored [M, K] and
 * B [N, K]: blocks of 4 rows of A × 2 rows of B, eight dot products at once.
 */
export function productNK(rowStart: i32, rowEnd: i32, N: i32, K: i32, a: usize, b: usize, c: usize, bias: usize): void {
  const k4 = K & ~3;
  const n2 = N & ~1;
  const rowBytes = <usize>K << 2;
  let i = rowStart;
  for (; i + 4 <= rowEnd; i += 4) {
    const a0 = a + <usize>i * rowBytes;
    for (let j = 0; j < n2; j += 2) {
      const b0 = b + <usize>j * rowBytes;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      for (let k = 0; k < k4; k += 4) {
        const o = <usize>k << 2;
        const x0 = v128.load(b0 + o);
        const x1 = v128.load(b0 + rowBytes + o);
        let y = v128.load(a0 + o);
        c00 = madd(y, x0, c00);
        c01 = madd(y, x1, c01);
        y = v128.load(a0 + rowBytes + o);
        c10 = madd(y, x0, c10);
        c11 = madd(y, x1, c11);
        y = v128.load(a0 + 2 * rowBytes + o);
        c20 = madd(y, x0, c20);
        c21 = madd(y, x1, c21);
        y = v128.load(a0 + 3 * rowBytes + o);
        c30 = madd(y, x0, c30);
        c31 = madd(y, x1, c31);
      }
      storeDot(c, i, j, N, K, k4, a, b, bias, c00);
      storeDot(c, i, j + 1, N, K, k4, a, b, bias, c01);
      storeDot(c, i + 1, j, N, K, k4, a, b, bias, c10);
      storeDot(c, i + 1, j + 1, N, K, k4, a, b, bias, c11);
      storeDot(c, i + 2, j, N, K, k4, a, b, bias, c20);
      storeDot(c, i + 2, j + 1, N, K, k4, a, b, bias, c21);
      storeDot(c, i + 3, j, N, K, k4, a, b, bias, c30);
      storeDot(c, i + 3, j + 1, N, K, k4, a, b, bias, c31);
    }
    for (let r = 0; r < 4; r++) for (let j = n2; j < N; j++) storeCell(c, i + r, j, N, K, a, b, bias);
  }
  for (; i < rowEnd; i++) for (let j = 0; j < N; j++) storeCell(c, i, j, N, K, a, b, bias);
}

/** C[i, j] from a block's accumulator, the last K mod 4 products and the bias. */
@inline function storeDot(c: usize, i: i32, j: i32, N: i32, K: i32, k4: i32, a: usize, b: usize, bias: usize, acc: v128): void {
  let s = lanesSum(acc);
  const ar = a + ((<usize>i * K) << 2);
  const br = b + ((<usize>j * K) << 2);
  for (let k = k4; k < K; k++) s += load<f32>(ar + (<usize>k << 2)) * load<f32>(br + (<usize>k << 2));
  if (bias) s += load<f32>(bias + (<usize>j << 2));
  store<f32>(c + ((<usize>i * N + j) << 2), s);
}

@inline function storeCell(c: usize, i: i32, j: i32, N: i32, K: i32, a: usize, b: usize, bias: usize): void {
  let s = dot(a + ((<usize>i * K) << 2), b + ((<usize>j * K) << 2), K);
  if (bias) s += load<f32>(bias + (<usize>j << 2));
  store<f32>(c + ((<usize>i * N + j) << 2), s);
}

// The kernels' entry points: params in the order of the kernel's `params`, then the buffers.

export function matmul(M: i32, N: i32, K: i32, a: usize, b: usize, c: usize): void {
  productKN(0, M, N, K, a, K, 1, b, c);
}

export function matmul_tA(M: i32, N: i32, K: i32, a: usize, b: usize, c: usize): void {
  productKN(0, M, N, K, a, 1, M, b, c);
}

export function matmul_tB(M: i32, N: i32, K: i32, a: usize, b: usize, c: usize): void {
  productNK(0, M, N, K, a, b, c, 0);
}

export function matmul_tB_bias(M: i32, N: i32, K: i32, a: usize, b: usize, c: usize, bias: usize): void {
  productNK(0, M, N, K, a, b, c, bias);
}
