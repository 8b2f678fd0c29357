import type { Tensor } from '../tensor';
import { activationAttrs, activationKernels, type ActivationAttrs, type ActivationName } from './activation';
import { runMatmul, runWeightGradient, weightGradientTransposes, type Epilogue } from './matmul-kernels';
import { sumColumns } from './reduce';

const PLAIN = { transposeA: false, transposeB: false, bias: false };
const TRANSPOSED_A = { transposeA: true, transposeB: false, bias: false };
const TRANSPOSED_B = { transposeA: false, transposeB: true, bias: false };
const TRANSPOSED_B_WITH_BIAS = { transposeA: false, transposeB: true, bias: true };

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
  const c = engine.empty([M, N]);
  runMatmul(engine, PLAIN, { M, N, K }, [a, b, c]);
  return c.recordOp([a, b], (dc) => {
    const da = a.requiresGrad ? a.gradDestination() : null;
    if (da) runMatmul(engine, TRANSPOSED_B, { M, N: K, K: N }, [dc, b, da]);
    const db = b.requiresGrad ? b.gradDestination() : null;
    if (db) runMatmul(engine, TRANSPOSED_A, { M: K, N, K: M }, [a, dc, db]);
    return [da, db];
  });
}

interface ActivationSpec {
  name: ActivationName;
  attrs: Required<ActivationAttrs>;
}

/**
 * A hidden layer's output: its pre-activations z, the node of the graph, and the activations
 * f(z), values without a node of their own: the layer after it reads them and sends its gradient
 * straight to z, applying f' as it computes it.
 */
export interface Activated {
  z: Tensor;
  a: Tensor;
  activation: ActivationSpec;
  /**
   * Whether the layer that reads these activations may store z's gradient transposed, as dzᵀ
   * [units, rows], for this layer's weight gradient to read along the batch, and whether it did
   * (see dense). An Activated is read by one layer.
   */
  gradient: { transposable: boolean; transposed: boolean };
}

/**
 * y = x·Wᵀ + b, then f(y) if `activation`, for x the input or a hidden layer's output. On a
 * backend with epilogues (Tuning.epilogues) f is applied in the matmul's store, and so is the
 * input's f' in backward, and the weight gradient's product sums the bias gradient; elsewhere each
 * runs as a kernel of its own, to the same values.
 */
function dense(input: Tensor | Activated, weight: Tensor, bias: Tensor, activation: ActivationSpec | null) {
  const node = 'z' in input ? input.z : input;
  const x = 'z' in input ? input.a : input;
  const [N, I] = check2d(x, 'linear: x');
  const [O, I2] = check2d(weight, 'linear: weight');
  if (I !== I2) throw new Error(`linear: x has ${I} features but weight expects ${I2}`);
  if (bias.shape.length !== 1 || bias.shape[0] !== O) throw new Error(`linear: bias must have shape [${O}]`);
  const { engine } = x;
  const fused = engine.backend.tuning.epilogues;
  const epilogue = (kind: Epilogue['kind'], spec: ActivationSpec): Epilogue => ({ kind, activation: spec.name });
  const z = engine.empty([N, O]);
  const a = activation ? engine.empty([N, O]) : null;
  const forward = { M: N, N: O, K: I };
  if (activation && a && fused) {
    runMatmul(engine, { ...TRANSPOSED_B_WITH_BIAS, epilogue: epilogue('activate', activation) }, forward, [x, weight, z, bias, a], activation.attrs);
  } else {
    runMatmul(engine, TRANSPOSED_B_WITH_BIAS, forward, [x, weight, z, bias]);
    if (activation && a) engine.run(activationKernels(activation.name).forward, { ...activation.attrs, n: z.size }, [z, a]);
  }
  // The first hidden layer (its input needs no gradient) takes its gradient from the next layer's
  // product stored transposed, which its weight gradient reads faster (see runWeightGradient),
  // though that product then stores more slowly: in Chromium on SwiftShader a 784-128-10 step at
  // batch 1024 took 0.95 [0.80–1.28]× the time it took without (eleven pairs of six steps).
  const gradient = {
    transposable: fused && activation !== null && !node.requiresGrad && weight.requiresGrad && bias.requiresGrad && weightGradientTransposes({ outputs: O, inputs: I }),
    transposed: false,
  };
  z.recordOp([node, weight, bias], (dy) => {
    const dx = node.requiresGrad ? node.gradDestination() : null;
    const inputGradient = { M: N, N: I, K: O };
    if (dx && 'z' in input) {
      const spec = input.activation;
      if (fused) {
        input.gradient.transposed = input.gradient.transposable;
        const derivative = { ...PLAIN, epilogue: epilogue('derivative', spec), transposeC: input.gradient.transposed };
        runMatmul(engine, derivative, inputGradient, [dy, weight, dx, input.z], spec.attrs);
      }
      else {
        const da = engine.empty([N, I]);
        runMatmul(engine, PLAIN, inputGradient, [dy, weight, da]);
        engine.run(activationKernels(spec.name).backward, { ...spec.attrs, n: da.size }, [input.z, dx, da]);
      }
    } else if (dx) runMatmul(engine, PLAIN, inputGradient, [dy, weight, dx]);
    const dw = weight.requiresGrad ? weight.gradDestination() : null;
    const db = bias.requiresGrad ? bias.gradDestination() : null;
    // db = Σ_rows dy: with epilogues, added up as dW's product reads dy.
    if (dw && db && fused) runWeightGradient(engine, { outputs: O, inputs: I, rows: N, dyTransposed: gradient.transposed }, [dy, x, dw, db]);
    else {
      if (dw) runMatmul(engine, TRANSPOSED_A, { M: O, N: I, K: N }, [dy, x, dw]);
      if (db) sumColumns(dy, db);
    }
    return [dx, dw, db];
  });
  return { z, a, gradient };
}

/**
 * A fully connected layer in PyTorch's layout: y = x·Wᵀ + b for x [N,I], W [O,I], b [O].
 * dx = dy·W, dW = dyᵀ·x, db = Σ_rows dy. `x` may be a hidden layer's output (hiddenLayer).
 */
export function linear(x: Tensor | Activated, weight: Tensor, bias: Tensor): Tensor {
  return dense(x, weight, bias, null).z;
}

/** f(x·Wᵀ + b), a hidden layer of an MLP: as linear() followed by activation(), in fewer dispatches. */
export function hiddenLayer(x: Tensor | Activated, weight: Tensor, bias: Tensor, name: ActivationName, attrs: ActivationAttrs = {}): Activated {
  const activation = { name, attrs: activationAttrs(name, attrs) };
  const { z, a, gradient } = dense(x, weight, bias, activation);
  return { z, a: a!, activation, gradient };
}
