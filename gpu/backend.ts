// The one interface every backend implements. Code above it (tensors, ops, training) never knows
// whether kernels run as WGSL on a GPU, as WebAssembly or as TypeScript on the CPU.

export type DType = 'f32' | 'u32';

/** A float buffer on the CPU backend is float32 (like the GPU) or float64 (the reference in tests). */
export type HostArray = Float32Array | Float64Array | Uint32Array;

/**
 * Elements at which a slice may start (Backend.slice): 256 bytes, the coarsest storage-binding
 * offset alignment WebGPU lets an adapter ask for.
 */
export const SLICE_ALIGNMENT = 64;

export interface DeviceBuffer {
  readonly id: number;
  /** Elements, not bytes: every element is 32 bits on the GPU. */
  readonly length: number;
  readonly dtype: DType;
}

/** Field types of a kernel's uniform parameters, in the order of the WGSL `Params` struct. */
export type ParamTypes = Record<string, 'u32' | 'f32'>;
export type ParamValues<T extends ParamTypes> = { [K in keyof T]: number };

/**
 * A compute kernel, described once for every backend: the WGSL entry point that runs on the GPU,
 * the TypeScript function that computes the same thing on the CPU, and optionally its WebAssembly twin. By convention binding 0 of
 * the WGSL entry is `var<uniform> p: Params` and bindings 1… are the call's buffers in order.
 */
export interface Kernel<T extends ParamTypes = ParamTypes> {
  readonly name: string;
  readonly wgsl: string;
  readonly entry: string;
  readonly params: T;
  /** WGSL `override` constants, fixed per kernel variant. */
  readonly constants?: Record<string, number>;
  /**
   * Kernels that compute the same from the same bindings and params but compile much faster: the
   * WebGPU backend runs one of them in this one's place while this one compiles (see
   * Tuning.standIns): the first whose pipeline it has or is compiling, else the first.
   */
  readonly standIns?: readonly Kernel<T>[];
  /**
   * How many buffers its WGSL binds (bindings 1…), where a call may pass fewer: the WebGPU backend
   * binds placeholders to the rest, which the kernel leaves alone.
   */
  readonly declaredBuffers?: number;
  workgroups(p: ParamValues<T>, tuning: Tuning): [number, number?, number?];
  /**
   * The export of the WebAssembly kernels' module (gpu/wasm/assembly) that computes the same, called
   * with the params in the order of `params` and then the buffers' byte offsets. Without one the
   * wasm backend runs `cpu` on views of its memory.
   */
  readonly wasm?: string;
  cpu(p: ParamValues<T>, buffers: HostArray[]): void;
}

/**
 * Which matmul shader runs: `register` (barrier-free 32×16 blocks per invocation, 16×8 for
 * unaligned products; fastest on SwiftShader and CPU-like adapters), `tiled` (workgroup-memory
 * tiles, as GPUs prefer) or `quick` (4×4 tiles: the register kernel's stand-in while it compiles,
 * chosen alone only by tests).
 */
export type MatmulVariant = 'register' | 'tiled' | 'quick';

/** Per-adapter choices of kernel variants and dispatch sizes. */
export interface Tuning {
  /** Upper bound on workgroups for grid-stride elementwise kernels. */
  readonly maxElementwiseWorkgroups: number;
  readonly matmul: MatmulVariant;
  /**
   * The device has WGSL subgroups, always exactly four invocations wide (SwiftShader's SIMD
   * width): the `register` matmul then shares its loads across each workgroup's four lanes.
   */
  readonly subgroups: boolean;
  /**
   * Run a kernel's stand-in while the kernel itself compiles in the background, so the first
   * training step does not wait for slow compiles (tests turn it off to test one kernel at a time).
   */
  readonly standIns: boolean;
  /**
   * The matmuls apply an activation (forward) or its derivative (backward) as they store, and a
   * weight gradient's product sums the bias gradient, rather than leave each to a kernel of its
   * own: a dispatch less each. Off where the matmuls are WebAssembly exports without such
   * epilogues, which the composed kernels outrun.
   */
  readonly epilogues: boolean;
}

export interface Counters {
  pipelinesCompiled: number;
  buffersCreated: number;
  bytesCreated: number;
  buffersHeld: number;
  bytesHeld: number;
  bindGroupsCreated: number;
  submissions: number;
  dispatches: number;
  /** Current sizes of the caches, not totals: trim() brings them back down. */
  cachedBindGroups: number;
  cachedUniforms: number;
  /** Released buffers waiting in the pools (staging buffers for reads included). */
  pooledBuffers: number;
}

export type GpuErrorKind = 'out-of-memory' | 'validation' | 'internal';

/**
 * An error the device reported, of one of WebGPU's three kinds. The message names the kind in
 * English (the CLI's, the logs'); `detail` is the driver's own words, which a page shows as they are.
 */
export class BackendError extends Error {
  constructor(
    readonly kind: GpuErrorKind,
    readonly detail: string,
  ) {
    super(`WebGPU ${kind} error: ${detail}`);
    this.name = 'BackendError';
  }
}

/**
 * Why a device went: WebGPU's reason ('destroyed': by its owner, as the debug handle's loseDevice
 * does; 'unknown': anything else, a driver reset or a crash) and the browser's own words, if any.
 */
export interface DeviceLoss {
  reason: 'destroyed' | 'unknown';
  message: string;
}

/** A lost device in English: the browser's words, else its reason. */
export const deviceLossText = (loss: DeviceLoss): string => loss.message || `device lost (${loss.reason})`;

/**
 * A read-back that will not complete because the device went away (lost, or the backend
 * destroyed). It is a cancellation, not a fault of its own: whoever handles the device's loss
 * handles it, and the reader may let it go.
 */
export class ReadCancelledError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReadCancelledError';
  }
}

/** What Backend.scoped() returns: the work's result at once, and later what its scopes caught. */
export interface Scoped<T> {
  result: T;
  error: Promise<BackendError | null>;
}

/** The onError() subscribers of a backend. */
export class ErrorListeners {
  private readonly listeners = new Set<(error: BackendError) => void>();

  add(listener: (error: BackendError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get count(): number {
    return this.listeners.size;
  }

  report(error: BackendError): void {
    for (const listener of [...this.listeners]) listener(error);
  }
}

export interface Backend {
  readonly kind: 'webgpu' | 'cpu' | 'wasm';
  /** Human-readable adapter description, e.g. "SwiftShader (Google, vulkan)" or "CPU float64". */
  readonly adapter: string;
  readonly tuning: Tuning;
  /** Largest buffer, in 32-bit elements, that one binding may hold. */
  readonly maxBufferElements: number;

  /** A buffer from the pool (contents undefined). */
  acquire(length: number, dtype: DType): DeviceBuffer;
  /** Back to the pool, to be handed out again by a later acquire of the same size. */
  release(buffer: DeviceBuffer): void;
  /**
   * A buffer over `length` elements of `buffer` from `offsetElements` (a multiple of
   * SLICE_ALIGNMENT) on: kernels, reads and writes through it see those elements. It shares their
   * storage, so it is never released, and lives as long as `buffer`.
   */
  slice(buffer: DeviceBuffer, offsetElements: number, length: number): DeviceBuffer;
  write(buffer: DeviceBuffer, data: ArrayLike<number>, offsetElements?: number): void;
  /**
   * to = from, two buffers (or slices of two) of the same length, in order with the work run: a
   * copy, which on WebGPU needs no pipeline (a model's first step waits for every one it compiles).
   */
  copy(from: DeviceBuffer, to: DeviceBuffer): void;
  /** Copies the buffer to the host. The copy is ordered after all work run so far. */
  read(buffer: DeviceBuffer): Promise<HostArray>;
  run<T extends ParamTypes>(kernel: Kernel<T>, params: ParamValues<T>, buffers: DeviceBuffer[]): void;
  /** Submits the work recorded so far; the GPU runs it while the caller goes on. */
  flush(): void;
  /** Resolves when all submitted work has finished. */
  idle(): Promise<void>;
  /** Resolves when every pipeline asked for so far is compiled, those behind stand-ins included. */
  compiled(): Promise<void>;
  counters(): Counters;
  /**
   * After a model is discarded: frees the pooled (released) buffers, evicts bind groups that
   * reference freed buffers and uniforms no remaining bind group uses. Waits for queued work first.
   */
  trim(): Promise<void>;
  /** Uncaptured device errors (WebGPU's 'uncapturederror'); the CPU backend never calls it. Returns an unsubscribe function. */
  onError(listener: (error: BackendError) => void): () => void;
  /**
   * Runs `work` inside out-of-memory, validation and internal error scopes and rejects with a
   * BackendError if any of them caught one; the CPU backend just runs it. Used around building a
   * model and its first step.
   */
  guard<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs synchronous `work` inside out-of-memory, validation and internal error scopes, popped as
   * soon as it returns, without waiting: `error` resolves to the first error they caught, or null.
   * What they catch never reaches onError listeners, and reads asked for inside `work` reject with
   * it. Work that a backend defers (WebGPU's, behind a pipeline still compiling) runs outside the
   * scopes, so its errors are uncaptured. Used around one run's training step, to tell whose step
   * failed. A `work` that throws throws here.
   */
  scoped<T>(work: () => T): Scoped<T>;
  /**
   * Test hook: raises an error of this kind as the device would (see each backend); on the CPU it
   * goes to the onError listeners, so the same fault path can be tested there.
   */
  injectError(kind: 'validation' | 'out-of-memory'): void;
  /** Frees every buffer and cached object; reads still in flight reject. */
  destroy(): void;
  /** Resolves (with why) if the device is lost; never for the CPU. */
  readonly lost: Promise<DeviceLoss>;
}

/** Throws unless a slice of `length` from `offset` is aligned and inside `buffer`. */
export function checkSlice(buffer: DeviceBuffer, offset: number, length: number): void {
  if (offset % SLICE_ALIGNMENT !== 0 || offset < 0 || length < 0 || offset + length > buffer.length) {
    throw new Error(
      `a slice of ${length} elements from ${offset} does not fit a buffer of ${buffer.length} (offsets are multiples of ${SLICE_ALIGNMENT})`,
    );
  }
}

export function zeroCounters(): Counters {
  return {
    pipelinesCompiled: 0,
    buffersCreated: 0,
    bytesCreated: 0,
    buffersHeld: 0,
    bytesHeld: 0,
    bindGroupsCreated: 0,
    submissions: 0,
    dispatches: 0,
    cachedBindGroups: 0,
    cachedUniforms: 0,
    pooledBuffers: 0,
  };
}

/** Free lists keyed by dtype and length; last in, first out, so a repeated step gets the same buffers. */
export class BufferPool<B extends DeviceBuffer> {
  private readonly free = new Map<string, B[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  take(length: number, dtype: DType): B | undefined {
    const buffer = this.free.get(`${dtype}:${length}`)?.pop();
    if (buffer) this.count--;
    return buffer;
  }

  give(buffer: B): void {
    const key = `${buffer.dtype}:${buffer.length}`;
    const list = this.free.get(key);
    if (list) list.push(buffer);
    else this.free.set(key, [buffer]);
    this.count++;
  }

  drain(): B[] {
    const all = [...this.free.values()].flat();
    this.free.clear();
    this.count = 0;
    return all;
  }
}
