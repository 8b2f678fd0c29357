import commonWgsl from '../../shaders/matmul_common.wgsl';
import registerWgsl from '../../shaders/matmul.wgsl';
import tiledWgsl from '../../shaders/matmul_tiled.wgsl';
import type { HostArray, MatmulVariant } from '../backend';
import type { Engine, Tensor } from '../tensor';
import { defineKernel } from './kernel';
import { sumColumns } from './reduce';

/** Each variant's shader and the side of the square of C that one workgroup computes. */
const VARIANTS: Record<MatmulVariant, { wgsl: string; tile: number }> = {
  // 4×4 invocations, each an 8×8 block.
  register: { wgsl: commonWgsl + registerWgsl, tile: 32 },
  // 16×16 invocations, each a 4×4 block, sharing slices in workgroup memory.
  tiled: { wgsl: commonWgsl + tiledWgsl, tile: 64 },
};

interface Variant {
  transposeA: boolean;
  transposeB: boolean;
  bias: boolean;
}

/**
 * The CPU twin, in loop orders that walk memory contiguously: row updates c[i,:] += A(i,k)·b[k,:]
 * when B is stored [K,N], dot products of rows when B is stored transposed.
 */
function cpuMatmul(p: { M: number; N: number; K: number }, v: Variant, [a, b, c, bias]: HostArray[]) {
  const { M, N, K } = p;
  const aAt = v.transposeA ? (i: number, k: number) => a[k * M + i] : (i: number, k: number) => a[i * K + k];
  for (let i = 0; i < M; i++) {
    const row = i * N;
    for (let j = 0; j < N; j++) c[row + j] = v.bias ? bias[j] : 0;
    if (v.transposeB) {
      for (let j = 0; j < N; j++) {
        let s = 0;
        const bRow = j * K;
        if (v.transposeA) for (let k = 0; k < K; k++) s += a[k * M + i] * b[bRow + k];
        else for (let k = 0, aRow = i * K; k < K; k++) s += a[aRow + k] * b[bRow + k];
        c[row + j] += s;
      }
    } else {
      for (let k = 0; k < K; k++) {
        const aik = aAt(i, k);
        if (aik === 0) continue;
        const bRow = k * N;
        for (let j = 0; j < N; j++) c[row + j] += aik * b[bRow + j];
      }
    }
  }
}

function matmulKernel(variant: MatmulVariant, v: Variant) {
  const { wgsl, tile } = VARIANTS[variant];
  const name = `matmul_${variant}${v.transposeA ? '_tA' : ''}${v.transposeB ? '_tB' : ''}${v.bias ? '_bias' : ''}`;
  return defineKernel({
    name,
    wgsl,
    entry: v.bias ? 'matmul_bias' : 'matmul',
    params: { M: 'u32', N: 'u32', K: 'u32' },
    constants: { TRANSPOSE_A: Number(v.transposeA), TRANSPOSE_B: Number(v.transposeB) },
    workgroups: (p) => [Math.ceil(p.N / tile), Math.ceil(p.M / tile)],
    cpu: (p, buffers) => cpuMatmul(p, v, buffers),
  });
}

function kernelsOf(variant: MatmulVariant) {
  return {
    plain: matmulKernel(variant, { transposeA: false, transposeB: false, bias: false }),
    transposedA: matmulKernel(variant, { transposeA: true, transposeB: false, bias: false }),
    transposedB: matmulKernel(variant, { transposeA: false, transposeB: true, bias: false }),
    transposedBWithBias: matmulKernel(variant, { transposeA: false, transposeB: true, bias: true }),
  };
}

const KERNELS = { register: kernelsOf('register'), tiled: kernelsOf('tiled') };

/** The matmul kernels that suit this engine's adapter. */
function kernels(engine: Engine) {
  return KERNELS[engine.backend.tuning.matmul];
}

function check2d(t: Tensor, what: string): [number, number] {
  if (t.shape.length !== 2) throw new Error(`${what} must be 2-D, got shape [${t.shape}]`);
  return [t.shape[0], t.shape[1]];
}

/** C = A·B for A [M,K], B [K,N]. dA = dC·Bᵀ, dB = Aᵀ·dC. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const [M, K] = check2d(a, 'matmul: a');
  const [K2, N] = check2d(b, 'matmul: b');
  if (K !== K2) throw new Error(`matmul: inner sizes differ, [${a.shape}]·[${b.shape}]`);
  const { engine } = a;
  const { plain, transposedA, transposedB } = kernels(engine);
  const c = engine.empty([M, N]);
  engine.run(plain, { M, N, K }, [a, b, c]);
  return c.recordOp([a, b], (dc) => {
    const da = a.requiresGrad ? engine.empty([M, K]) : null;
    if (da) engine.run(transposedB, { M, N: K, K: N }, [dc, b, da]);
    const db = b.requiresGrad ? engine.empty([K, N]) : null;
    if (db) engine.run(transposedA, { M: K, N, K: M }, [a, dc, db]);
    return [da, db];
  });
}

/**
 * A fully connected layer in PyTorch's layout: y = x·Wᵀ + b for x [N,I], W [O,I], b [O].
 * dx = dy·W, dW = dyᵀ·x, db = Σ_rows dy.
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor): Tensor {
  const [N, I] = check2d(x, 'linear: x');
  const [O, I2] = check2d(weight, 'linear: weight');
  if (I !== I2) throw new Error(`linear: x has ${I} features but weight expects ${I2}`);
  if (bias.shape.length !== 1 || bias.shape[0] !== O) throw new Error(`linear: bias must have shape [${O}]`);
  const { engine } = x;
  const { plain, transposedA, transposedBWithBias } = kernels(engine);
  const y = engine.empty([N, O]);
  engine.run(transposedBWithBias, { M: N, N: O, K: I }, [x, weight, y, bias]);
  return y.recordOp([x, weight, bias], (dy) => {
    const dx = x.requiresGrad ? engine.empty([N, I]) : null;
    if (dx) engine.run(plain, { M: N, N: I, K: O }, [dy, weight, dx]);
    const dw = weight.requiresGrad ? engine.empty([O, I]) : null;
    if (dw) engine.run(transposedA, { M: O, N: I, K: N }, [dy, x, dw]);
    const db = bias.requiresGrad ? sumColumns(dy) : null;
    return [dx, dw, db];
  });
}
