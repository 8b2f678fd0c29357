import { addKernel } from './ops/reduce';
import type { Backend, DType, DeviceBuffer, HostArray, Kernel, ParamTypes, ParamValues } from './backend';

export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Computes the gradients of an op's inputs from the gradient of its output (null: no gradient). */
export type BackwardFn = (grad: Tensor) => (Tensor | null)[];

/**
 * An n-dimensional array in a device buffer, and a node of the autograd graph: an op's output
 * remembers its inputs and how to send a gradient back to them (as in micrograd).
 */
export class Tensor {
  grad: Tensor | null = null;
  private parents: Tensor[] = [];
  private backwardFn: BackwardFn | null = null;

  constructor(
    readonly engine: Engine,
    readonly shape: Shape,
    readonly buffer: DeviceBuffer,
    public requiresGrad = false,
  ) {}

  get size(): number {
    return this.buffer.length;
  }

  get dtype(): DType {
    return this.buffer.dtype;
  }

  /** Explicit and asynchronous: the only way data comes back from the device. */
  read(): Promise<HostArray> {
    return this.engine.backend.read(this.buffer);
  }

  /** Records that this tensor came from `inputs`, if any of them needs a gradient. */
  recordOp(inputs: Tensor[], backward: BackwardFn): Tensor {
    if (inputs.some((t) => t.requiresGrad)) {
      this.requiresGrad = true;
      this.parents = inputs;
      this.backwardFn = backward;
    }
    return this;
  }

  /**
   * Accumulates d(this)/d(leaf) · gradOutput into every tensor that requires a gradient, visiting
   * ops in reverse topological order. Without gradOutput, this must be a scalar, seeded with 1.
   */
  backward(gradOutput?: Tensor): void {
    if (!gradOutput && this.size !== 1) throw new Error('backward() without a gradient needs a scalar');
    const seed = gradOutput ?? this.engine.one;
    const order = this.topologicalOrder();
    this.accumulate(seed);
    for (const node of order.reverse()) {
      if (!node.backwardFn || !node.grad) continue;
      const grads = node.backwardFn(node.grad);
      node.parents.forEach((parent, i) => {
        const g = grads[i];
        if (g && parent.requiresGrad) parent.accumulate(g);
      });
    }
  }

  dispose(): void {
    this.engine.dispose(this);
  }

  private accumulate(g: Tensor): void {
    this.grad = this.grad ? this.engine.add(this.grad, g) : g;
  }

  private topologicalOrder(): Tensor[] {
    const order: Tensor[] = [];
    const seen = new Set<Tensor>();
    const visit = (t: Tensor) => {
      if (seen.has(t)) return;
      seen.add(t);
      for (const p of t.parents) if (p.requiresGrad) visit(p);
      order.push(t);
    };
    visit(this);
    return order;
  }

  /** Forgets graph links and gradient so that the buffers they hold can be reused. */
  detachGraph(): void {
    this.parents = [];
    this.backwardFn = null;
    this.grad = null;
  }
}

/**
 * Owns a backend and the lifetime of tensors. Ops allocate their outputs as temporaries of the
 * current `tidy` scope; leaving the scope returns them to the buffer pool in reverse order, so the
 * next identical step is handed the very same buffers and every cached bind group still fits.
 */
export class Engine {
  private scope: Tensor[] | null = null;
  private readonly persistent = new Set<Tensor>();
  private oneScalar: Tensor | null = null;

  constructor(readonly backend: Backend) {}

  /** A tensor that lives until dispose(): inputs, parameters, optimiser state. */
  tensor(shape: Shape, data?: ArrayLike<number>, options: { dtype?: DType; requiresGrad?: boolean } = {}): Tensor {
    const t = new Tensor(this, shape, this.backend.acquire(sizeOf(shape), options.dtype ?? 'f32'), options.requiresGrad);
    if (data) {
      if (data.length !== t.size) throw new Error(`data has ${data.length} values but shape [${shape}] needs ${t.size}`);
      this.backend.write(t.buffer, data);
    }
    this.persistent.add(t);
    return t;
  }

  /** An uninitialised temporary of the current scope; ops write it completely. */
  empty(shape: Shape, dtype: DType = 'f32'): Tensor {
    const t = new Tensor(this, shape, this.backend.acquire(sizeOf(shape), dtype));
    this.scope?.push(t);
    return t;
  }

  /** The scalar 1 that seeds backward(), written once so that a step needs no write of its own. */
  get one(): Tensor {
    this.oneScalar ??= this.tensor([], [1]);
    return this.oneScalar;
  }

  /** Runs a kernel over tensors' buffers, in binding order. */
  run<T extends ParamTypes>(kernel: Kernel<T>, params: ParamValues<T>, tensors: Tensor[]): void {
    this.backend.run(kernel, params, tensors.map((t) => t.buffer));
  }

  /** Element-wise sum without recording a graph node: how gradients accumulate. */
  add(a: Tensor, b: Tensor): Tensor {
    const out = this.empty(a.shape);
    this.run(addKernel, { n: a.size, cols: 0, scale: 1 }, [a, out, b]);
    return out;
  }

  /**
   * Runs fn; every temporary it creates is freed afterwards except the tensors it returns, which
   * become persistent. Parameter gradients and graph links made inside are cleared.
   */
  tidy<R>(fn: () => R): R {
    if (this.scope) throw new Error('tidy() scopes do not nest');
    const scope: Tensor[] = [];
    this.scope = scope;
    try {
      const result = fn();
      const kept = new Set(collectTensors(result));
      for (const t of this.persistent) t.detachGraph();
      for (let i = scope.length - 1; i >= 0; i--) {
        const t = scope[i];
        if (kept.has(t)) {
          t.detachGraph();
          this.persistent.add(t);
        } else {
          t.detachGraph();
          this.backend.release(t.buffer);
        }
      }
      return result;
    } finally {
      this.scope = null;
    }
  }

  dispose(t: Tensor): void {
    if (this.persistent.delete(t)) this.backend.release(t.buffer);
  }
}

function collectTensors(value: unknown): Tensor[] {
  if (value instanceof Tensor) return [value];
  if (Array.isArray(value)) return value.flatMap(collectTensors);
  if (value && typeof value === 'object' && !(value instanceof Promise)) return Object.values(value).flatMap(collectTensors);
  return [];
}
