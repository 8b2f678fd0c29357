import commonWgsl from '../../shaders/matmul_common.wgsl';
import registerWgsl from '../../shaders/matmul.wgsl';
import lanesPlainWgsl from '../../shaders/matmul_lanes_plain.wgsl';
import lanesSubgroupWgsl from '../../shaders/matmul_lanes_subgroup.wgsl';
import loadAF32Wgsl from '../../shaders/matmul_load_a_f32.wgsl';
import loadAVec4Wgsl from '../../shaders/matmul_load_a_vec4.wgsl';
import loadBF32Wgsl from '../../shaders/matmul_load_b_f32.wgsl';
import loadBVec4Wgsl from '../../shaders/matmul_load_b_vec4.wgsl';
import quickWgsl from '../../shaders/matmul_quick.wgsl';
import storeF32Wgsl from '../../shaders/matmul_store_f32.wgsl';
import storeVec4Wgsl from '../../shaders/matmul_store_vec4.wgsl';
import tiledWgsl from '../../shaders/matmul_tiled.wgsl';
import putActivateWgsl from '../../shaders/matmul_put_activate.wgsl';
import putDerivativeWgsl from '../../shaders/matmul_put_derivative.wgsl';
import putPlainWgsl from '../../shaders/matmul_put_plain.wgsl';
import type { HostArray, Kernel, ParamTypes, ParamValues, Tuning } from '../backend';
import type { Engine, Tensor } from '../tensor';
import { ACTIVATION_NAMES, ACTIVATIONS, activationWgsl, type ActivationAttrs, type ActivationName } from './activation';
import { defineKernel } from './kernel';

/**
 * What a matmul does with each value of C as it stores it (see the matmul_put_*.wgsl parts):
 * `activate` also writes f(value) to a second output (a hidden layer's forward), `derivative`
 * stores value · f'(z) for the z bound as binding 4 (the input gradient of the layer after it).
 */
export interface Epilogue {
  kind: 'activate' | 'derivative';
  activation: ActivationName;
}

export interface Variant {
  transposeA: boolean;
  transposeB: boolean;
  bias: boolean;
  epilogue?: Epilogue;
  /** C is stored transposed, [N, M]. */
  transposeC?: boolean;
  /**
   * Also writes to binding 4 the sums over k of op(A)'s rows or of op(B)'s columns: a weight
   * gradient's bias gradient.
   */
  sums?: 'rowsOfA' | 'columnsOfB';
}

export type Shape = { M: number; N: number; K: number };

/** A shader and the rows × columns of C that one of its workgroups computes. */
interface Shader {
  name: string;
  wgsl: string;
  rows: number;
  cols: number;
  /** So slow to compile that the quick kernel stands in meanwhile (see Kernel.standIns). */
  slowToCompile?: true;
}

const TILED: Shader = { name: 'tiled', wgsl: commonWgsl + storeF32Wgsl + tiledWgsl, rows: 64, cols: 64 };

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * matmul.wgsl written out for blocks of `groups` groups of four row tiles (16 rows; a lane loads one
 * A tile of each) × `colTiles` column tiles: a line that mentions $g (a group), $t (a row tile within
 * it), $r (the row tile 4·$g + $t) or $q (a column tile) stands for one copy for each of them, rows
 * outer and columns inner. `rows` × `cols` is what a workgroup, four blocks side by side, computes.
 */
function registerBlock(groups: number, colTiles: number) {
  const lines = registerWgsl.split('\n').flatMap((line) => {
    const rows = /\$[rt]/.test(line) ? range(4 * groups) : /\$g/.test(line) ? range(groups).map((g) => 4 * g) : [0];
    const cols = /\$q/.test(line) ? range(colTiles) : [0];
    return rows.flatMap((r) =>
      cols.map((q) => {
        const value = { g: Math.floor(r / 4), t: r % 4, r, q };
        return line.replace(/\$([gtrq])/g, (_, x: keyof typeof value) => String(value[x]));
      }),
    );
  });
  const wgsl = `const TILES = vec2u(${4 * groups}u, ${colTiles}u);\n${lines.join('\n')}`;
  return { name: `${16 * groups}x${4 * colTiles}`, wgsl, rows: 16 * groups, cols: 16 * colTiles };
}

/**
 * Measured in Chromium on SwiftShader (GFLOP/s on the forward [1024,784]·[784,128]ᵀ and on the
 * weight gradient [1024,128]ᵀ·[1024,784]; compile time each): 16×8 blocks ~5.8–6.3 and ~5.4–5.7,
 * ~0.4 s; 32×16 ~8.2 and ~7.1–7.5, ~1.3 s. Products that read both operands four floats at a
 * time get 32×16 if C has at least 32 rows, or 32×4 if C is at most 16 wide (the last layer's
 * forward, 10 wide: a workgroup of 32×16 blocks computes 64 columns, 54 of them for nothing); the
 * others (a layer 10 wide along a contiguous axis, a batch of 12) are small and keep 16×8, which
 * compiles in a third of the time and wastes less of itself on them. Reading the one operand of
 * those that allows it four floats at a time (W in the 10-wide layer's input gradient, h in its
 * weight gradient) left their times where they were: 2.54–2.59 and 1.02–1.04 ms against the
 * gather's 2.45–2.68 and Adam's 1.42–1.44 in the same profiles (were 2.83 and 1.28 against 2.96
 * and 1.96).
 */
const BIG_BLOCK = registerBlock(2, 4);
const NARROW_BLOCK = registerBlock(2, 1);
const SMALL_BLOCK = registerBlock(1, 2);

/** Register shaders by name, assembled once: shaderFor runs at every matmul of every step. */
const registerShaders = new Map<string, Shader>();

/** How the register kernel reads its operands: four floats at a time (A, B, both) or one. */
interface Loads {
  a4: boolean;
  b4: boolean;
}

function registerShader(subgroups: boolean, { a4, b4 }: Loads, store4: boolean, block: ReturnType<typeof registerBlock>): Shader {
  const loads = a4 && b4 ? '_vec4' : a4 ? '_a4' : b4 ? '_b4' : '';
  const name = `register${subgroups ? '_subgroup' : ''}${loads}${store4 ? '_store4' : ''}_${block.name}`;
  let shader = registerShaders.get(name);
  if (!shader) {
    const lanes = subgroups ? lanesSubgroupWgsl : lanesPlainWgsl;
    const reads = (a4 ? loadAVec4Wgsl : loadAF32Wgsl) + (b4 ? loadBVec4Wgsl : loadBF32Wgsl);
    const wgsl = lanes + commonWgsl + (store4 ? storeVec4Wgsl : storeF32Wgsl) + reads + block.wgsl;
    shader = { name, wgsl, rows: block.rows, cols: block.cols, slowToCompile: true };
    registerShaders.set(name, shader);
  }
  return shader;
}

/**
 * The shader for this adapter and call. The register kernel (see matmul.wgsl) is put together from
 * parts: how its lanes share A, whether it reads A and B four floats at a time, which needs every
 * such run of an operand to start on a multiple of four (a layer 10 wide, like MNIST's last, reads
 * one float at a time along its 10), and whether it writes C four floats at a time, which needs N
 * to be a multiple of four.
 */
function loadsFor(v: Variant, { M, N, K }: Shape): Loads {
  return { a4: (v.transposeA ? M : K) % 4 === 0, b4: (v.transposeB ? K : N) % 4 === 0 };
}

function shaderFor(tuning: Tuning, v: Variant, shape: Shape): Shader {
  if (tuning.matmul === 'tiled') return TILED;
  const { M, N } = shape;
  const loads = loadsFor(v, shape);
  const block = !(loads.a4 && loads.b4) || M < 32 ? SMALL_BLOCK : N <= NARROW_BLOCK.cols ? NARROW_BLOCK : BIG_BLOCK;
  return registerShader(tuning.subgroups, loads, (v.transposeC ? M : N) % 4 === 0, block);
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

/** The sums' CPU twin: sums[i] = Σ_k op(A)[i, k], or sums[j] = Σ_k op(B)[k, j]. */
function cpuSums({ M, N, K }: Shape, v: Variant, [a, b, , sums]: HostArray[]) {
  const rows = v.sums === 'rowsOfA';
  for (let i = 0; i < (rows ? M : N); i++) {
    let s = 0;
    if (rows) for (let k = 0; k < K; k++) s += v.transposeA ? a[k * M + i] : a[i * K + k];
    else for (let k = 0; k < K; k++) s += v.transposeB ? b[i * K + k] : b[k * N + i];
    sums[i] = s;
  }
}

/**
 * The epilogue's CPU twin, after cpuMatmul has stored C: buffers as the kernel binds them. z is
 * [M, N] even when C is stored transposed.
 */
function cpuEpilogue(e: Epilogue, p: Required<ActivationAttrs> & { M: number; N: number }, transposeC: boolean, [, , c, aux, activated]: HostArray[]) {
  const { f, df } = ACTIVATIONS[e.activation] as { f: (x: number, a: Required<ActivationAttrs>) => number; df: typeof f };
  const n = p.M * p.N;
  const zIndex = transposeC ? (i: number) => (i % p.M) * p.N + Math.floor(i / p.M) : (i: number) => i;
  if (e.kind === 'activate') for (let i = 0; i < n; i++) activated[i] = f(c[i], p);
  else for (let i = 0; i < n; i++) c[i] *= df(aux[zIndex(i)], p);
}

const SHAPE_PARAMS = { M: 'u32', N: 'u32', K: 'u32' } as const;
const EPILOGUE_PARAMS = { ...SHAPE_PARAMS, alpha: 'f32', beta: 'f32', threshold: 'f32' } as const;
const PUT_WGSL = { activate: putActivateWgsl, derivative: putDerivativeWgsl };
/** The values of matmul_common.wgsl's SUMS. */
const SUMS = { rowsOfA: 1, columnsOfB: 2 };

type MatmulParams = { M: number; N: number; K: number } & Partial<Required<ActivationAttrs>>;
type MatmulKernel = Kernel<ParamTypes>;

/** What every kernel of variant `v` computes, on the CPU (buffers as the kernel binds them). */
function cpuOf(v: Variant): MatmulKernel['cpu'] {
  const e = v.epilogue;
  return (p, buffers) => {
    const { M, N, K } = p as MatmulParams;
    const [a, b, c] = buffers;
    // Cᵀ = op(B)ᵀ·op(A)ᵀ, stored as it is.
    if (v.transposeC) cpuMatmul({ M: N, N: M, K }, { transposeA: !v.transposeB, transposeB: !v.transposeA, bias: false }, [b, a, c]);
    else cpuMatmul(p as MatmulParams, v, buffers);
    if (e) cpuEpilogue(e, p as Required<ActivationAttrs> & MatmulParams, v.transposeC === true, buffers);
    if (v.sums) cpuSums(p as MatmulParams, v, buffers);
  };
}

function matmulKernel(shader: Shader, v: Variant): MatmulKernel {
  const e = v.epilogue;
  const layout = `${v.transposeA ? '_tA' : ''}${v.transposeB ? '_tB' : ''}${v.bias ? '_bias' : ''}`;
  const stored = `${v.transposeC ? '_tC' : ''}${v.sums ? `_sums_${v.sums}` : ''}`;
  return defineKernel<ParamTypes>({
    name: `matmul_${shader.name}${layout}${e ? `_${e.kind}_${e.activation}` : ''}${stored}`,
    wgsl: shader.wgsl + (e ? activationWgsl(e.activation) + PUT_WGSL[e.kind] : putPlainWgsl),
    entry: v.sums ? 'matmul_sums' : v.bias ? 'matmul_bias' : 'matmul',
    params: e ? EPILOGUE_PARAMS : SHAPE_PARAMS,
    constants: {
      TRANSPOSE_A: Number(v.transposeA),
      TRANSPOSE_B: Number(v.transposeB),
      TRANSPOSE_C: Number(v.transposeC === true),
      SUMS: v.sums ? SUMS[v.sums] : 0,
    },
    workgroups: (p) => [Math.ceil(p.N / shader.cols), Math.ceil(p.M / shader.rows)],
    // The module's matmuls have no epilogues, transposed stores or sums: a backend without them
    // (Tuning.epilogues) composes.
    wasm: e || stored ? undefined : `matmul${layout}`,
    cpu: cpuOf(v),
    standIns: shader.slowToCompile && quickKernels(v),
  });
}

/** The bits of matmul_quick.wgsl's `p.form`: the variant, which that kernel reads at run time. */
function formOf(v: Variant): number {
  const kind = v.epilogue?.kind;
  const layout = (v.transposeA ? 1 : 0) | (v.transposeB ? 2 : 0) | (v.transposeC ? 4 : 0) | (v.bias ? 8 : 0);
  const sums = (v.sums === 'rowsOfA' ? 16 : 0) | (v.sums === 'columnsOfB' ? 32 : 0);
  return layout | sums | (kind === 'activate' ? 64 : 0) | (kind === 'derivative' ? 128 : 0);
}

const QUICK_PARAMS = { ...EPILOGUE_PARAMS, form: 'u32' } as const;

/**
 * The quick kernel of one activation for a variant whose CPU twin is `cpu`: every variant's shares
 * one pipeline (the same name, module and entry point), and its uniform carries the form.
 */
function quickKernel(cpu: MatmulKernel['cpu'], activation: ActivationName): MatmulKernel {
  return defineKernel<ParamTypes>({
    name: `matmul_quick_${activation}`,
    wgsl: quickWgsl + activationWgsl(activation),
    entry: 'matmul',
    params: QUICK_PARAMS,
    declaredBuffers: 5,
    workgroups: (p) => [Math.ceil(p.N / 16), Math.ceil(p.M / 16)],
    cpu,
  });
}

/**
 * The quick kernels that compute variant `v`: its activation's, or for a product without one, any
 * activation's (the backend runs one it has already compiled, most often the model's activation's,
 * whose hidden layers' products came first).
 */
function quickKernels(v: Variant): MatmulKernel[] {
  const key = variantKey(v);
  let found = quick.get(key);
  if (!found) {
    const cpu = cpuOf(v);
    found = (v.epilogue ? [v.epilogue.activation] : ACTIVATION_NAMES).map((activation) => quickKernel(cpu, activation));
    quick.set(key, found);
  }
  return found;
}

const variantKey = (v: Variant) =>
  `${v.transposeA}|${v.transposeB}|${v.bias}|${v.epilogue?.kind}|${v.epilogue?.activation}|${v.transposeC === true}|${v.sums}`;

/** Kernels live for the whole program (the backend caches their pipelines by kernel). */
const kernels = new Map<string, MatmulKernel>();
const quick = new Map<string, MatmulKernel[]>();

function kernelFor(tuning: Tuning, v: Variant, shape: Shape): MatmulKernel {
  if (tuning.matmul === 'quick') return quickKernels(v)[0];
  const shader = shaderFor(tuning, v, shape);
  const key = `${shader.name}|${variantKey(v)}`;
  let kernel = kernels.get(key);
  if (!kernel) {
    kernel = matmulKernel(shader, v);
    kernels.set(key, kernel);
  }
  return kernel;
}

/** What a product without an activation passes for its parameters: matmul_quick.wgsl's Params has them whatever the product. */
const NO_ACTIVATION = { alpha: 0, beta: 0, threshold: 0 };

/**
 * Runs C = op(A)·op(B) (+ bias), and its epilogue if any (with `attrs`, the activation's), with
 * the kernel that suits this engine's adapter and the shape.
 */
export function runMatmul(engine: Engine, v: Variant, shape: Shape, tensors: Tensor[], attrs?: Required<ActivationAttrs>) {
  const kernel = kernelFor(engine.backend.tuning, v, shape);
  engine.run(kernel, { ...shape, ...(attrs ?? NO_ACTIVATION), form: formOf(v) } as ParamValues<ParamTypes>, tensors);
}

const WEIGHT_GRADIENT: Variant = { transposeA: true, transposeB: false, bias: false, sums: 'rowsOfA' };
const WEIGHT_GRADIENT_TRANSPOSED: Variant = { transposeA: true, transposeB: false, bias: false, transposeC: true, sums: 'columnsOfB' };
const WEIGHT_GRADIENT_FROM_DY_TRANSPOSED: Variant = { ...WEIGHT_GRADIENT_TRANSPOSED, transposeB: true };

type LayerShape = { outputs: number; inputs: number };

/** Whether runWeightGradient computes this layer's dW as (xᵀ·dy)ᵀ, and so can take dy as dyᵀ. */
export function weightGradientTransposes({ outputs, inputs }: LayerShape): boolean {
  return inputs > outputs && inputs % 4 === 0 && outputs % 4 === 0;
}

/**
 * A layer's weight gradient dW = dyᵀ·x, [outputs, inputs], and its bias gradient db = Σ_rows dy in
 * the same dispatch, for x [rows, inputs] and dy [rows, outputs]. Where a layer has more inputs than
 * outputs (both multiples of 4) it runs as (xᵀ·dy)ᵀ, with more rows than columns, which suits the
 * blocks better: in Chromium on SwiftShader the 784 → 128 layer's ran at 0.94–1.03× the 1024³
 * matmul's GFLOP/s against 0.77–0.90× as dyᵀ·x, while the 128 → 10 layer's took 1.9–2.3 ms as
 * hᵀ·dy against 0.9–1.3 ms (10 columns are read one float at a time). On that path dy may come
 * stored as dyᵀ [outputs, rows] (`dyTransposed`), read along k: 784 → 128 at batch 1024 took
 * 54.7 [45.0–61.6] ms against 71.3 [55.6–84.0] from dy (Chromium, seven turns each, a loaded machine).
 */
export function runWeightGradient(engine: Engine, shape: LayerShape & { rows: number; dyTransposed?: boolean }, [dy, x, dw, db]: Tensor[]) {
  const { outputs, inputs, rows } = shape;
  if (shape.dyTransposed && !weightGradientTransposes(shape)) throw new Error(`weight gradient: dy comes transposed only for a layer that weightGradientTransposes, not ${inputs} → ${outputs}`);
  if (weightGradientTransposes(shape)) {
    const variant = shape.dyTransposed ? WEIGHT_GRADIENT_FROM_DY_TRANSPOSED : WEIGHT_GRADIENT_TRANSPOSED;
    runMatmul(engine, variant, { M: inputs, N: outputs, K: rows }, [x, dy, dw, db]);
  } else runMatmul(engine, WEIGHT_GRADIENT, { M: outputs, N: inputs, K: rows }, [dy, x, dw, db]);
}
