import { addKernel, scaleByKernel } from './ops/reduce';
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
 *
 * A leaf (a tensor no op made, such as a parameter) keeps its gradient in a buffer of its own that
 * outlives tidy(): gradients add up over backward passes until zeroGrad(), and a repeated step
 * writes the same buffer, so its bind groups stay cached.
 */
export class Tensor {
  grad: Tensor | null = null;
  private gradStore: Tensor | null = null;
  /** An op has been handed gradStore to write this pass's first gradient into (see gradDestination). */
  private gradStoreHandedOut = false;
  private parents: Tensor[] = [];
  private backwardFn: BackwardFn | null = null;
  /** Null once disposed (or released by tidy()). */
  private storage: DeviceBuffer | null;

  constructor(
    readonly engine: Engine,
    readonly shape: Shape,
    buffer: DeviceBuffer,
    public requiresGrad = false,
  ) {
    this.storage = buffer;
  }

  get buffer(): DeviceBuffer {
    if (!this.storage) throw new Error(`a tensor of shape [${this.shape.join(', ')}] was used after dispose()`);
    return this.storage;
  }

  get disposed(): boolean {
    return this.storage === null;
  }

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

  /** The next backward pass starts this tensor's gradient from zero. */
  zeroGrad(): void {
    this.grad = null;
    this.gradStoreHandedOut = false;
  }

  /**
   * Where an op's backward writes its gradient for this tensor. A leaf's first gradient of a pass
   * goes straight into the leaf's own gradient store, which saves copying it there afterwards (a
   * dispatch per parameter a step); any other gets a temporary that is added in as before.
   */
  gradDestination(): Tensor {
    if (this.backwardFn || this.grad || this.gradStoreHandedOut) return this.engine.empty(this.shape);
    this.gradStoreHandedOut = true;
    return this.ownGradStore();
  }

  /**
   * The Engine's half of Engine.moveInto: this tensor's elements are now `buffer` and its gradient
   * store `gradStore` (which holds its gradient, if it has one); returns what it leaves.
   */
  rehouse(buffer: DeviceBuffer, gradStore: Tensor): { buffer: DeviceBuffer; gradStore: Tensor | null } {
    const left = { buffer: this.buffer, gradStore: this.gradStore };
    this.storage = buffer;
    this.gradStore = gradStore;
    if (this.grad) this.grad = gradStore;
    return left;
  }

  /**
   * The Engine's half of dispose(): marks this tensor disposed and hands back what the engine frees,
   * its buffer and a leaf's gradient (null if it was disposed already).
   */
  takeStorage(): { buffer: DeviceBuffer; gradStore: Tensor | null } | null {
    if (!this.storage) return null;
    const taken = { buffer: this.storage, gradStore: this.gradStore };
    this.storage = null;
    this.gradStore = null;
    this.grad = null;
    return taken;
  }

  private accumulate(g: Tensor): void {
    const sum = this.grad ? this.engine.add(this.grad, g) : g;
    if (this.backwardFn) {
      this.grad = sum; // an op's output: its gradient is a temporary of the scope, like itself
      return;
    }
    const store = this.ownGradStore();
    this.engine.assign(store, sum); // nothing to do when the op wrote it there (gradDestination)
    this.grad = store;
  }

  /**
   * A leaf's gradient, moved into its gradient store if it was set from outside (`grad` is public):
   * an optimiser that updates many parameters at once reads them there. Null without one.
   */
  storedGrad(): Tensor | null {
    if (!this.grad || this.backwardFn) return this.grad;
    const store = this.ownGradStore();
    this.engine.assign(store, this.grad);
    this.grad = store;
    return store;
  }

  private ownGradStore(): Tensor {
    if (!this.gradStore || this.gradStore.disposed) this.gradStore = this.engine.tensor(this.shape);
    return this.gradStore;
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

  /**
   * Forgets graph links so that the buffers they hold can be reused, and the gradient unless this is
   * a leaf that keeps it.
   */
  detachGraph(): void {
    if (this.backwardFn || this.grad?.disposed) this.grad = null;
    this.parents = [];
    this.backwardFn = null;
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
  /** Buffers from Backend.slice: their storage is another buffer's, so freeing one releases nothing. */
  private readonly slices = new WeakSet<DeviceBuffer>();
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

  /** A persistent tensor over `shape`'s worth of `parent`'s elements from `offset` on (see Backend.slice). */
  slice(parent: Tensor, offset: number, shape: Shape): Tensor {
    const t = new Tensor(this, shape, this.sliceBuffer(parent, offset, sizeOf(shape)));
    this.persistent.add(t);
    return t;
  }

  /**
   * Moves a persistent tensor into `values` from `offset` on, its gradient store into `grads` at the
   * same offset, copying what they hold; the buffers it leaves are freed. How an optimiser gathers
   * its parameters into one buffer, to update them all in one dispatch.
   */
  moveInto(t: Tensor, values: Tensor, grads: Tensor, offset: number): void {
    if (this.slices.has(t.buffer)) throw new Error(`a tensor of shape [${t.shape}] has been moved into another buffer already`);
    const buffer = this.sliceBuffer(values, offset, t.size);
    const gradStore = this.slice(grads, offset, t.shape);
    this.backend.copy(t.buffer, buffer);
    if (t.grad) this.backend.copy(t.grad.buffer, gradStore.buffer);
    const left = t.rehouse(buffer, gradStore);
    this.backend.release(left.buffer);
    if (left.gradStore) this.dispose(left.gradStore);
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
   * target = source, on the device (as source · 1, which is exact). A kernel, not Backend.copy: it
   * runs inside training steps, where a copy would end the compute pass, and WebGPU refuses a copy
   * between two slices of one buffer.
   */
  assign(target: Tensor, source: Tensor): void {
    if (target === source) return;
    if (target.size !== source.size) throw new Error(`cannot assign a tensor of shape [${source.shape}] to one of shape [${target.shape}]`);
    this.run(scaleByKernel, { n: target.size, cols: 0, scale: 1 }, [source, target, this.one]);
  }

  /**
   * Runs fn; every temporary it creates is freed afterwards (and counts as disposed) except the
   * tensors it returns, which become persistent. Graph links made inside are cleared; the
   * gradients of leaves stay until zeroGrad().
   */
  tidy<R>(fn: () => R): R {
    if (this.scope) throw new Error('tidy() scopes do not nest');
    const scope: Tensor[] = [];
    this.scope = scope;
    try {
      const result = fn();
      const kept = new Set(collectTensors(result));
      // Freed in reverse order of creation, so the next identical step is handed the same buffers.
      for (let i = scope.length - 1; i >= 0; i--) {
        const t = scope[i];
        if (kept.has(t)) this.persistent.add(t);
        else this.free(t);
      }
      for (const t of this.persistent) t.detachGraph();
      return result;
    } finally {
      this.scope = null;
    }
  }

  /** Frees a tensor's buffer (and a leaf's gradient); a second dispose does nothing. */
  dispose(t: Tensor): void {
    this.persistent.delete(t);
    this.free(t);
  }

  private sliceBuffer(parent: Tensor, offset: number, length: number): DeviceBuffer {
    const buffer = this.backend.slice(parent.buffer, offset, length);
    this.slices.add(buffer);
    return buffer;
  }

  private free(t: Tensor): void {
    const taken = t.takeStorage();
    if (!taken) return;
    if (!this.slices.has(taken.buffer)) this.backend.release(taken.buffer);
    if (taken.gradStore) this.dispose(taken.gradStore);
  }
}

function collectTensors(value: unknown): Tensor[] {
  if (value instanceof Tensor) return [value];
  if (Array.isArray(value)) return value.flatMap(collectTensors);
  if (value && typeof value === 'object' && !(value instanceof Promise)) return Object.values(value).flatMap(collectTensors);
  return [];
}
