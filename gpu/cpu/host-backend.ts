import {
  BackendError,
  BufferPool,
  ErrorListeners,
  checkSlice,
  zeroCounters,
  type Backend,
  type DeviceBuffer,
  type DeviceLoss,
  type DType,
  type HostArray,
  type Kernel,
  type ParamTypes,
  type ParamValues,
  type Scoped,
  type Tuning,
} from '../backend';

/** One invocation does everything; there is nothing to compile, so nothing to stand in for. */
export const HOST_TUNING: Tuning = { maxElementwiseWorkgroups: 1, matmul: 'register', subgroups: false, standIns: false, epilogues: true };

/**
 * What the backends that run kernels synchronously on the CPU (TypeScript, WebAssembly) share:
 * pooling, counters, and error scopes that can only catch what a test injects. A subclass says
 * where a buffer's elements live and how a kernel runs on them.
 */
export abstract class HostBackend<B extends DeviceBuffer> implements Backend {
  abstract readonly kind: Backend['kind'];
  abstract readonly adapter: string;
  readonly tuning: Tuning = HOST_TUNING;
  abstract readonly maxBufferElements: number;
  readonly lost = new Promise<DeviceLoss>(() => {});
  protected readonly pool = new BufferPool<B>();
  protected readonly stats = zeroCounters();
  private readonly errorListeners = new ErrorListeners();
  /** Validation errors injected inside the innermost scoped() call open now. */
  private caught: BackendError[] | null = null;
  private nextId = 1;

  /** A new buffer's storage; the id is the backend's to give. */
  protected abstract allocate(id: number, length: number, dtype: DType): B;
  /** A buffer, numbered `id`, over `length` elements of `parent` from `offset` on. */
  protected abstract sliceOf(parent: B, id: number, offset: number, length: number): B;
  /** Gives a pooled buffer's storage back (trim). */
  protected abstract free(buffer: B): void;
  /** The buffer's elements, as an array the caller may read and write. */
  protected abstract view(buffer: B): HostArray;
  protected abstract runKernel<T extends ParamTypes>(kernel: Kernel<T>, params: ParamValues<T>, buffers: B[]): void;
  protected abstract bytesOf(buffer: B): number;

  acquire(length: number, dtype: DType): B {
    const pooled = this.pool.take(length, dtype);
    if (pooled) return pooled;
    const buffer = this.allocate(this.nextId++, length, dtype);
    const bytes = this.bytesOf(buffer);
    this.stats.buffersCreated++;
    this.stats.bytesCreated += bytes;
    this.hold(1, bytes);
    return buffer;
  }

  release(buffer: DeviceBuffer): void {
    this.pool.give(buffer as B);
  }

  slice(buffer: DeviceBuffer, offsetElements: number, length: number): B {
    checkSlice(buffer, offsetElements, length);
    return this.sliceOf(buffer as B, this.nextId++, offsetElements, length);
  }

  write(buffer: DeviceBuffer, data: ArrayLike<number>, offsetElements = 0): void {
    this.view(buffer as B).set(data, offsetElements);
  }

  copy(from: DeviceBuffer, to: DeviceBuffer): void {
    this.view(to as B).set(this.view(from as B));
  }

  read(buffer: DeviceBuffer): Promise<HostArray> {
    const data = this.view(buffer as B).slice();
    const scope = this.caught;
    if (!scope) return Promise.resolve(data);
    // As on WebGPU, a read asked for inside scoped() fails with what its scope caught; the scope
    // has closed by the time this runs, work being synchronous.
    return Promise.resolve().then(() => {
      if (scope.length > 0) throw scope[0];
      return data;
    });
  }

  run<T extends ParamTypes>(kernel: Kernel<T>, params: ParamValues<T>, buffers: DeviceBuffer[]): void {
    this.stats.dispatches++;
    this.runKernel(kernel, params, buffers as B[]);
  }

  flush(): void {}

  idle(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing to compile at run time. */
  compiled(): Promise<void> {
    return Promise.resolve();
  }

  counters() {
    return { ...this.stats, pooledBuffers: this.pool.size };
  }

  /** Gives the pooled buffers' storage back; there is no other cache here. */
  trim(): Promise<void> {
    for (const buffer of this.pool.drain()) {
      this.hold(-1, -this.bytesOf(buffer));
      this.free(buffer);
    }
    return Promise.resolve();
  }

  onError(listener: (error: BackendError) => void): () => void {
    return this.errorListeners.add(listener);
  }

  /** Nothing here fails asynchronously: errors are thrown where they happen. */
  guard<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  /**
   * Nothing here fails asynchronously, so the scopes can only catch an error injected inside them:
   * as on WebGPU, an injected validation error is caught (and kept from the listeners), an injected
   * out-of-memory error is not (WebGPU raises that one as an uncaptured event), so both fault paths
   * can be tested here.
   */
  scoped<T>(work: () => T): Scoped<T> {
    const outer = this.caught;
    const caught: BackendError[] = [];
    this.caught = caught;
    try {
      return { result: work(), error: Promise.resolve(caught[0] ?? null) };
    } finally {
      this.caught = outer;
    }
  }

  injectError(kind: 'validation' | 'out-of-memory'): void {
    const error = new BackendError(kind, `injected on the ${this.kind} backend (a test of the fault path)`);
    if (this.caught && kind === 'validation') this.caught.push(error);
    else this.errorListeners.report(error);
  }

  destroy(): void {
    this.pool.drain();
    this.stats.buffersHeld = 0;
    this.stats.bytesHeld = 0;
  }

  private hold(buffers: number, bytes: number): void {
    this.stats.buffersHeld += buffers;
    this.stats.bytesHeld += bytes;
  }
}
