import {
  BackendError,
  BufferPool,
  ErrorListeners,
  zeroCounters,
  type Backend,
  type DeviceBuffer,
  type DType,
  type HostArray,
  type Kernel,
  type ParamTypes,
  type ParamValues,
  type Scoped,
} from '../backend';

/** float64 makes this backend the reference that the GPU is checked against; float32 matches the GPU. */
export type CpuPrecision = 'f32' | 'f64';

interface CpuBuffer extends DeviceBuffer {
  readonly data: HostArray;
}

/** Runs each kernel's TypeScript twin synchronously: the fallback without WebGPU, and the reference. */
export class CpuBackend implements Backend {
  readonly kind = 'cpu';
  readonly adapter: string;
  readonly tuning = { maxElementwiseWorkgroups: 1, matmul: 'register', subgroups: false, standIns: false } as const;
  readonly maxBufferElements = 2 ** 28;
  readonly lost = new Promise<string>(() => {});
  private readonly pool = new BufferPool<CpuBuffer>();
  private readonly stats = zeroCounters();
  private readonly errorListeners = new ErrorListeners();
  /** Validation errors injected inside the innermost scoped() call open now. */
  private caught: BackendError[] | null = null;
  private nextId = 1;

  constructor(readonly precision: CpuPrecision = 'f32') {
    this.adapter = `CPU (TypeScript, ${precision === 'f64' ? 'float64' : 'float32'})`;
  }

  acquire(length: number, dtype: DType): CpuBuffer {
    const pooled = this.pool.take(length, dtype);
    if (pooled) return pooled;
    const FloatArray = this.precision === 'f64' ? Float64Array : Float32Array;
    const data = dtype === 'u32' ? new Uint32Array(length) : new FloatArray(length);
    this.stats.buffersCreated++;
    this.stats.bytesCreated += data.byteLength;
    this.hold(1, data.byteLength);
    return { id: this.nextId++, length, dtype, data };
  }

  release(buffer: DeviceBuffer): void {
    this.pool.give(buffer as CpuBuffer);
  }

  write(buffer: DeviceBuffer, data: ArrayLike<number>, offsetElements = 0): void {
    (buffer as CpuBuffer).data.set(data, offsetElements);
  }

  read(buffer: DeviceBuffer): Promise<HostArray> {
    const data = (buffer as CpuBuffer).data.slice();
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
    kernel.cpu(
      params,
      buffers.map((b) => (b as CpuBuffer).data),
    );
  }

  flush(): void {}

  idle(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing to compile: kernels are TypeScript. */
  compiled(): Promise<void> {
    return Promise.resolve();
  }

  counters() {
    return { ...this.stats, pooledBuffers: this.pool.size };
  }

  /** Lets the pooled arrays be garbage-collected; there is no other cache here. */
  trim(): Promise<void> {
    for (const buffer of this.pool.drain()) this.hold(-1, -buffer.data.byteLength);
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
    const error = new BackendError(kind, 'injected on the CPU backend (a test of the fault path)');
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
