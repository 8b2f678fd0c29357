// Runs op cases (format: shared/op-cases/README.md) on an engine and compares with the expected values.
import type { Engine, Tensor } from './tensor';
import { linear, matmul } from './ops/matmul';
import { activation, type ActivationName } from './ops/activation';
import { logSoftmax } from './ops/softmax';
import { bceWithLogits, mse, softmaxCrossEntropy } from './ops/losses';

interface CaseTensor {
  shape: number[];
  data: (number | string)[];
}

export interface OpCase {
  name: string;
  op: string;
  attrs: Record<string, unknown>;
  inputs: Record<string, CaseTensor>;
  grad_output: CaseTensor;
  expected: { output: CaseTensor; grads: Record<string, CaseTensor> };
  tolerance: { abs: number; rel: number };
}

export interface CaseResult {
  name: string;
  passed: boolean;
  maxAbsError: number;
  maxRelError: number;
  /** What failed, when something did: the first mismatching value, or an error. */
  detail?: string;
}

type OpFn = (t: Record<string, Tensor>, attrs: Record<string, unknown>) => Tensor;

const unary =
  (name: ActivationName): OpFn =>
  (t, attrs) =>
    activation(t.x, name, {
      alpha: num(attrs.negative_slope ?? attrs.alpha),
      beta: num(attrs.beta),
      threshold: num(attrs.threshold),
    });

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** Each op by its case-file name, with the names of its inputs (integer inputs marked). */
const OPS: Record<string, { inputs: string[]; integer?: string[]; run: OpFn }> = {
  matmul: { inputs: ['a', 'b'], run: (t) => matmul(t.a, t.b) },
  linear: { inputs: ['x', 'weight', 'bias'], run: (t) => linear(t.x, t.weight, t.bias) },
  relu: { inputs: ['x'], run: unary('relu') },
  leaky_relu: { inputs: ['x'], run: unary('leaky_relu') },
  sigmoid: { inputs: ['x'], run: unary('sigmoid') },
  tanh: { inputs: ['x'], run: unary('tanh') },
  silu: { inputs: ['x'], run: unary('silu') },
  elu: { inputs: ['x'], run: unary('elu') },
  softplus: { inputs: ['x'], run: unary('softplus') },
  gelu: {
    inputs: ['x'],
    run: (t, attrs) => {
      if (attrs.approximate !== undefined && attrs.approximate !== 'none' && attrs.approximate !== 'tanh') {
        throw new Error(`gelu: approximate must be "none" or "tanh", got ${JSON.stringify(attrs.approximate)}`);
      }
      return unary(attrs.approximate === 'tanh' ? 'gelu_tanh' : 'gelu')(t, attrs);
    },
  },
  log_softmax: { inputs: ['x'], run: (t) => logSoftmax(t.x) },
  softmax_cross_entropy: {
    inputs: ['logits', 'target'],
    integer: ['target'],
    run: (t) => softmaxCrossEntropy(t.logits, t.target),
  },
  mse: { inputs: ['input', 'target'], run: (t) => mse(t.input, t.target) },
  bce_with_logits: { inputs: ['input', 'target'], run: (t) => bceWithLogits(t.input, t.target) },
};

export const SUPPORTED_OPS = Object.keys(OPS);

function decode(v: number | string): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new Error(`"${v}" is not a number`);
}

function checkTensor(t: unknown, where: string): CaseTensor {
  const ct = t as CaseTensor;
  if (!ct || !Array.isArray(ct.shape) || !Array.isArray(ct.data)) {
    throw new Error(`${where} must be {"shape": [...], "data": [...]}`);
  }
  const size = ct.shape.reduce((a, b) => a * b, 1);
  if (ct.data.length !== size) throw new Error(`${where} has ${ct.data.length} values but shape [${ct.shape}] needs ${size}`);
  return ct;
}

/** Parses and validates a case file; errors name the case and what is wrong with it. */
export function parseCaseFile(text: string): { source: string; cases: OpCase[] } {
  let doc: { format?: string; source?: string; cases?: unknown[] };
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (doc.format !== 'op-cases/1') throw new Error(`unknown format ${JSON.stringify(doc.format)}, expected "op-cases/1"`);
  if (!Array.isArray(doc.cases)) throw new Error('"cases" must be an array');
  const cases = doc.cases.map((raw, i) => {
    const c = raw as OpCase;
    const label = `case ${i} (${c?.name ?? 'unnamed'})`;
    const op = OPS[c?.op];
    if (!op) throw new Error(`${label}: unknown op ${JSON.stringify(c?.op)}; supported: ${SUPPORTED_OPS.join(', ')}`);
    for (const name of op.inputs) checkTensor(c.inputs?.[name], `${label}: input "${name}"`);
    checkTensor(c.grad_output, `${label}: grad_output`);
    checkTensor(c.expected?.output, `${label}: expected.output`);
    for (const [name, g] of Object.entries(c.expected.grads ?? {})) {
      if (!op.inputs.includes(name)) throw new Error(`${label}: expected.grads names unknown input "${name}"`);
      checkTensor(g, `${label}: expected.grads.${name}`);
    }
    if (typeof c.tolerance?.abs !== 'number' || typeof c.tolerance?.rel !== 'number') {
      throw new Error(`${label}: tolerance must be {"abs": number, "rel": number}`);
    }
    return { ...c, attrs: c.attrs ?? {}, expected: { ...c.expected, grads: c.expected.grads ?? {} } };
  });
  return { source: doc.source ?? '', cases };
}

function compare(got: ArrayLike<number>, expected: CaseTensor, tol: OpCase['tolerance'], what: string, result: CaseResult) {
  for (let i = 0; i < expected.data.length; i++) {
    const want = decode(expected.data[i]);
    const value = got[i];
    const abs = Math.abs(value - want);
    const rel = abs / Math.max(Math.abs(want), Number.MIN_VALUE);
    if (Number.isFinite(abs)) {
      result.maxAbsError = Math.max(result.maxAbsError, abs);
      if (Math.abs(want) > tol.abs) result.maxRelError = Math.max(result.maxRelError, rel);
    }
    const ok = Number.isFinite(value) && abs <= tol.abs + tol.rel * Math.abs(want);
    if (!ok && result.passed) {
      result.passed = false;
      result.detail = `${what}[${i}] = ${value}, expected ${want}`;
    }
  }
}

/** Forward with the case's inputs, backward with its grad_output, compared with its expectations. */
export async function runCase(engine: Engine, c: OpCase): Promise<CaseResult> {
  const result: CaseResult = { name: c.name, passed: true, maxAbsError: 0, maxRelError: 0 };
  const op = OPS[c.op];
  const inputs: Record<string, Tensor> = {};
  try {
    for (const name of op.inputs) {
      const spec = c.inputs[name];
      const integer = op.integer?.includes(name);
      inputs[name] = engine.tensor(spec.shape, spec.data.map(decode), {
        dtype: integer ? 'u32' : 'f32',
        requiresGrad: name in c.expected.grads,
      });
    }
    const gradOutput = engine.tensor(c.grad_output.shape, c.grad_output.data.map(decode));
    const { output, grads } = engine.tidy(() => {
      const output = op.run(inputs, c.attrs);
      output.backward(gradOutput);
      return { output, grads: Object.keys(c.expected.grads).map((name) => inputs[name].grad) };
    });
    const outShape = c.expected.output.shape.join();
    if (output.shape.join() !== outShape) throw new Error(`output shape [${output.shape}], expected [${outShape}]`);
    compare(await output.read(), c.expected.output, c.tolerance, 'output', result);
    const names = Object.keys(c.expected.grads);
    for (let i = 0; i < names.length; i++) {
      const g = grads[i];
      if (!g) throw new Error(`no gradient reached input "${names[i]}"`);
      compare(await g.read(), c.expected.grads[names[i]], c.tolerance, `grad ${names[i]}`, result);
    }
    for (const t of [output, gradOutput, ...grads]) if (t) engine.dispose(t);
  } catch (error) {
    result.passed = false;
    result.detail = (error as Error).message;
  } finally {
    for (const t of Object.values(inputs)) engine.dispose(t);
  }
  return result;
}
