import type { DeviceBuffer, DType, HostArray, Kernel, ParamTypes, ParamValues, Tuning } from '../backend';
import { HOST_TUNING, HostBackend } from '../cpu/host-backend';
import { Arena, MAX_PAGES } from './arena';
import { RowSplitter, controlBytes, type ThreadWorker } from './threads';

/** What `WasmBackend.create` needs. */
export interface WasmBackendOptions {
  /**
   * The kernels' module: the build for the memory the threads ask for (kernelsUrl({ shared:
   * threads > 1, relaxed })), shared for threads > 1.
   */
  bytes: BufferSource;
  /** How many threads the matmuls split among, the caller one of them: 1 (the default) starts no worker. */
  threads?: number;
  /** A new worker that runs `runThread` (gpu/wasm/threads.ts); needed when threads > 1. */
  spawnWorker?: () => ThreadWorker;
}

interface WasmBuffer extends DeviceBuffer {
  /** Byte offset in the memory. */
  readonly offset: number;
  /** The elements, over `viewOf`; remade when the memory has grown since. */
  view: Float32Array | Uint32Array;
  viewOf: ArrayBuffer;
}

type Entry = (...args: number[]) => void;

/** A kernel's wasm export and the order its params are passed in (that of its `params`). */
interface Bound {
  entry: Entry;
  keys: string[];
}

/**
 * Buffers are regions of one WebAssembly.Memory; a kernel with a `wasm` entry runs that export of
 * the kernels' module (built from gpu/wasm/assembly by `npm run build:wasm`), called with its params
 * in order and then its buffers' byte offsets. A kernel without one runs its TypeScript twin on
 * typed arrays over the same memory, so every op works and the hot ones run as SIMD.
 */
export class WasmBackend extends HostBackend<WasmBuffer> {
  readonly kind = 'wasm';
  readonly adapter: string;
  /** How many threads its matmuls split among: the adapter's name says it in English, a page words it itself. */
  readonly threads: number;
  /** 64 Mi elements (256 MiB): the memory budget derived from it (1 GiB) leaves room in wasm32’s 4 GiB. */
  readonly maxBufferElements = 2 ** 26;
  override readonly tuning: Tuning = { ...HOST_TUNING, epilogues: false };
  private readonly arena: Arena;
  private readonly bound = new WeakMap<Kernel, Bound>();
  /** The region the module asks for as scratch memory (see `scratch`), kept for the next call. */
  private scratchRegion = { offset: 0, bytes: 0 };

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly exports: WebAssembly.Exports,
    private readonly splitter: RowSplitter,
    arena: Arena,
  ) {
    super();
    this.arena = arena;
    this.threads = splitter.threads;
    this.adapter = `WebAssembly SIMD (${this.threads} thread${this.threads === 1 ? '' : 's'})`;
  }

  /** One thread: instantiates the kernels' module (kernels.wasm or kernels-relaxed.wasm) from its bytes. */
  static async fromBytes(bytes: BufferSource): Promise<WasmBackend> {
    return WasmBackend.create({ bytes });
  }

  /**
   * `threads` threads over one shared memory (T − 1 workers from `spawnWorker`, each ready when this
   * resolves), or with threads 1 (the default) over a private memory and no worker. Threads need
   * SharedArrayBuffer (a cross-origin isolated page) and a thread that may block: a worker or Node.
   */
  static async create({ bytes, threads = 1, spawnWorker }: WasmBackendOptions): Promise<WasmBackend> {
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a whole number ≥ 1, not ${threads}`);
    if (threads > 1 && !spawnWorker) throw new Error(`${threads} threads need a spawnWorker to start their workers`);
    const shared = threads > 1;
    const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared });
    const module = await WebAssembly.compile(bytes);
    let backend: WasmBackend | null = null;
    const scratch = (size: number) => {
      if (!backend) throw new Error('the wasm module asked for scratch memory before its backend existed');
      return backend.scratch(size >>> 0);
    };
    const splitter = new RowSplitter();
    const instance = await WebAssembly.instantiate(module, { env: { memory, scratch, rows: splitter.rows } }).catch((error: unknown) => {
      if (!(error instanceof WebAssembly.LinkError)) throw error;
      const build = shared ? 'a shared build (kernelsUrl({ shared: true, … }))' : 'a private build (kernelsUrl({ shared: false, … }))';
      throw new Error(`${threads} thread${shared ? 's need' : ' needs'} ${build} of the kernels: ${error.message}`, { cause: error });
    });
    const exports = instance.exports;
    const arena = new Arena(memory, (exports.heap_base as () => number)());
    if (spawnWorker && shared) {
      // The control block lives below every buffer, for the backend's whole life.
      await splitter.start(threads, spawnWorker, module, memory, arena.allocate(controlBytes(threads)));
    }
    splitter.bind(exports.product_rows as Parameters<RowSplitter['bind']>[0]);
    backend = new WasmBackend(memory, exports, splitter, arena);
    return backend;
  }

  protected allocate(id: number, length: number, dtype: DType): WasmBuffer {
    const offset = this.arena.allocate(length * 4);
    const buffer = { id, length, dtype, offset, view: new Float32Array(0), viewOf: new ArrayBuffer(0) };
    // Like a new typed array (the CPU backend's), a new buffer reads as zeros.
    this.view(buffer).fill(0);
    return buffer;
  }

  protected sliceOf(parent: WasmBuffer, id: number, offset: number, length: number): WasmBuffer {
    return { id, length, dtype: parent.dtype, offset: parent.offset + offset * 4, view: new Float32Array(0), viewOf: new ArrayBuffer(0) };
  }

  protected free(buffer: WasmBuffer): void {
    this.arena.free(buffer.offset, buffer.length * 4);
  }

  protected view(buffer: WasmBuffer): HostArray {
    const memory = this.memory.buffer;
    if (buffer.viewOf !== memory) {
      const Elements = buffer.dtype === 'u32' ? Uint32Array : Float32Array;
      buffer.view = new Elements(memory, buffer.offset, buffer.length);
      buffer.viewOf = memory;
    }
    return buffer.view;
  }

  protected bytesOf(buffer: WasmBuffer): number {
    return buffer.length * 4;
  }

  protected runKernel<T extends ParamTypes>(kernel: Kernel<T>, params: ParamValues<T>, buffers: WasmBuffer[]): void {
    const bound = this.bind(kernel);
    if (!bound) {
      kernel.cpu(
        params,
        buffers.map((b) => this.view(b)),
      );
      return;
    }
    const args = bound.keys.map((key) => params[key]);
    for (const b of buffers) args.push(b.offset);
    bound.entry(...args);
  }

  override async trim(): Promise<void> {
    await super.trim();
    this.freeScratch();
  }

  override destroy(): void {
    super.destroy();
    this.splitter.stop();
    this.arena.reset();
    this.scratchRegion = { offset: 0, bytes: 0 };
  }

  /** At least `bytes` for the module's own use during one call (a transposed operand); reused after. */
  private scratch(bytes: number): number {
    if (bytes > this.scratchRegion.bytes) {
      this.freeScratch();
      this.scratchRegion = { offset: this.arena.allocate(bytes), bytes };
    }
    return this.scratchRegion.offset;
  }

  private freeScratch(): void {
    if (this.scratchRegion.bytes > 0) this.arena.free(this.scratchRegion.offset, this.scratchRegion.bytes);
    this.scratchRegion = { offset: 0, bytes: 0 };
  }

  private bind(kernel: Kernel): Bound | null {
    if (!kernel.wasm) return null;
    let bound = this.bound.get(kernel);
    if (!bound) {
      const entry = this.exports[kernel.wasm];
      if (typeof entry !== 'function') {
        throw new Error(`kernel ${kernel.name}: the wasm module has no export "${kernel.wasm}"; run npm run build:wasm`);
      }
      bound = { entry: entry as Entry, keys: Object.keys(kernel.params) };
      this.bound.set(kernel, bound);
    }
    return bound;
  }
}
