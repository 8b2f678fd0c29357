// How the kernels' `rows` import runs a product: on the calling thread alone, or split by rows of C
// among T threads (the caller one of them) over one shared WebAssembly.Memory. The caller blocks in
// Atomics.wait until every part is written, because the Backend's run() is synchronous: the next
// kernel reads this one's output. Atomics.wait is allowed in Node's main thread, Node workers and
// Web Workers (where the engine runs in the page), never in a window: the backend there has T = 1.
//
// The handshake: the caller numbers each product (the generation), and each worker answers in a
// slot of its own with the number of the product it finished. An answer names its product, so a
// late one (to a product whose caller gave up on it) cannot be taken for an answer to the next:
// a shared countdown of answers could, and went below zero once in CI ("-1 of 1 matmul threads").

/** C's rows, as the kernels' product_rows export takes them (gpu/wasm/assembly/matmul.ts). */
type ProductRows = (
  rowStart: number, rowEnd: number, N: number, K: number,
  a: number, aRow: number, aK: number, b: number, c: number, accumulate: number,
) => void;

/**
 * Products of fewer multiply-adds than this stay on the calling thread: waking the others and
 * waiting for them costs tens of microseconds, what one thread multiplies 2^20 times in.
 */
export const THREADED_MIN_MADDS = 2 ** 20;

/** A part of one product takes milliseconds; one unanswered this long means its worker is gone. */
const STALLED_MS = 30_000;

/**
 * The control block's Int32 slots, in shared memory: the product's number, stop, rowsPerThread, M
 * and product_rows's eight other arguments, then one slot a worker for its answer.
 */
const SLOTS = { generation: 0, stop: 1, args: 2, answers: 12 } as const;

/** The control block's size for `threads` threads. */
export function controlBytes(threads: number): number {
  return 4 * (SLOTS.answers + threads - 1);
}

/** What a thread is started with (structured-cloned to it). */
export interface ThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Byte offset of the control block. */
  control: number;
  /** 1..T−1; the caller is 0. */
  index: number;
  slots: typeof SLOTS;
}

/** A worker that runs `runThread` (a Web Worker, or a Node worker_threads Worker adapted to this shape). */
export interface ThreadWorker {
  postMessage(init: ThreadInit): void;
  /** The worker posts one message when its instance is ready, or fails with an error event. */
  addEventListener(type: 'message' | 'error', listener: (event: unknown) => void, options: { once: true }): void;
  terminate(): void;
}

/**
 * A thread's whole life, inside its worker: instantiate the kernels over the shared memory, say
 * ready, then compute its rows of each product the caller posts until told to stop. Self-contained
 * (no imports, no outer names) so that its source can be a Node worker's script (see `threadScript`).
 */
export function runThread(init: ThreadInit, ready: () => void): void {
  const refuse = () => {
    throw new Error('a matmul thread computes rows only');
  };
  const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory, scratch: refuse, rows: refuse } });
  const productRows = instance.exports.product_rows as (...args: number[]) => void;
  const { generation, stop, args, answers } = init.slots;
  const answer = answers + init.index - 1;
  const control = new Int32Array(init.memory.buffer, init.control, answer + 1);
  let seen = Atomics.load(control, generation);
  ready();
  for (;;) {
    // Only a new number is a new product: a wake without one is not answered.
    while (Atomics.load(control, generation) === seen) Atomics.wait(control, generation, seen);
    seen = Atomics.load(control, generation);
    if (Atomics.load(control, stop) !== 0) return;
    const rowsPerThread = control[args];
    const M = control[args + 1];
    const rowStart = Math.min(M, init.index * rowsPerThread);
    const rowEnd = Math.min(M, rowStart + rowsPerThread);
    if (rowStart < rowEnd) {
      productRows(rowStart, rowEnd, control[args + 2], control[args + 3], control[args + 4], control[args + 5],
        control[args + 6], control[args + 7], control[args + 8], control[args + 9]);
    }
    Atomics.store(control, answer, seen);
    Atomics.notify(control, answer);
  }
}

/**
 * A worker's whole script, for a worker that runs source text (Node's worker_threads): `receive` is
 * an expression for a function that calls its listener with the first message's data, `postReady`
 * one that answers it. A browser's thread is thread-worker.ts instead (see `webThreadWorker`).
 */
export function threadScript(receive: string, postReady: string): string {
  return `(${receive})((init) => (${runThread.toString()})(init, () => ${postReady}));`;
}

/** A thread in a browser: thread-worker.ts as a module worker, which a bundler emits as a file of this origin. */
export function webThreadWorker(): ThreadWorker {
  return new Worker(new URL('./thread-worker.ts', import.meta.url), { type: 'module' });
}

/** An error event's message: a Web Worker's ErrorEvent, or the Error a Node worker emits. */
function describe(event: unknown): string {
  if (event instanceof Error) return event.message;
  const message = (event as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(event);
}

/** Why the matmul threads failed: one did not start (`detail`: its worker's own error), or some gave no answer in time. */
export type ThreadProblem = { kind: 'start-failed'; thread: number; detail: string } | { kind: 'stalled'; thread: number; workers: number; seconds: number };

/** A matmul thread that failed: the message in English (the CLI's, the logs'); `problem` for a page to word. */
export class WasmThreadError extends Error {
  constructor(readonly problem: ThreadProblem) {
    super(
      problem.kind === 'start-failed'
        ? `matmul thread ${problem.thread} failed to start: ${problem.detail}`
        : `matmul thread ${problem.thread} of ${problem.workers} gave no answer in ${problem.seconds} s: a worker stopped`,
    );
    this.name = 'WasmThreadError';
  }
}

/** The `rows` import for T threads: T − 1 workers, started and ready; T = 1 has none. */
export class RowSplitter {
  private productRows: ProductRows | null = null;
  private readonly workers: ThreadWorker[] = [];
  /**
   * Null until workers start. Over the memory's buffer of that moment: a shared memory's old
   * buffers stay valid when it grows, their bytes the same.
   */
  private control: Int32Array | null = null;

  /** How long a worker may take to answer before its product fails (tests shorten it). */
  stalledMs = STALLED_MS;

  /** How many threads a product may run on. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Starts `threads − 1` workers on `module` over `memory`, with the control block (controlBytes)
   * at `control`. If one fails to start, every one is ended.
   */
  async start(
    threads: number,
    spawnWorker: () => ThreadWorker,
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    control: number,
  ): Promise<void> {
    const view = new Int32Array(memory.buffer, control, controlBytes(threads) / 4).fill(0);
    const workers = Array.from({ length: threads - 1 }, () => spawnWorker());
    this.workers.push(...workers);
    try {
      await Promise.all(
        workers.map(
          (worker, i) =>
            new Promise<void>((resolve, reject) => {
              worker.addEventListener('message', () => resolve(), { once: true });
              worker.addEventListener('error', (event) => reject(new WasmThreadError({ kind: 'start-failed', thread: i + 1, detail: describe(event) })), { once: true });
              worker.postMessage({ module, memory, control, index: i + 1, slots: SLOTS });
            }),
        ),
      );
    } catch (error) {
      this.stop();
      throw error;
    }
    this.control = view;
  }

  /** Binds the caller's own instance, once it exists (its imports include `rows`). */
  bind(productRows: ProductRows): void {
    this.productRows = productRows;
  }

  readonly rows = (M: number, N: number, K: number, a: number, aRow: number, aK: number, b: number, c: number, accumulate: number): void => {
    const productRows = this.productRows;
    if (!productRows) throw new Error('the wasm module multiplied before its backend existed');
    const threads = this.workers.length + 1;
    const control = this.control;
    if (!control || M * N * K < THREADED_MIN_MADDS || M < 8 * threads) {
      productRows(0, M, N, K, a, aRow, aK, b, c, accumulate);
      return;
    }
    // Whole blocks of four rows each (the kernel's register block), the last thread the rest.
    const rowsPerThread = Math.ceil(M / threads / 4) * 4;
    const { generation, args, answers } = SLOTS;
    // Slot by slot: an array literal here would be garbage on every product.
    control[args] = rowsPerThread;
    control[args + 1] = M;
    control[args + 2] = N;
    control[args + 3] = K;
    control[args + 4] = a;
    control[args + 5] = aRow;
    control[args + 6] = aK;
    control[args + 7] = b;
    control[args + 8] = c;
    control[args + 9] = accumulate;
    const product = (Atomics.add(control, generation, 1) + 1) | 0;
    Atomics.notify(control, generation);
    try {
      productRows(0, Math.min(M, rowsPerThread), N, K, a, aRow, aK, b, c, accumulate);
    } finally {
      // Even when the caller's part fails (a trap a scope catches), the others finish this product
      // before the next one is posted: else they would still be writing this one's output.
      for (let slot = answers; slot < answers + threads - 1; slot++) {
        for (let got = Atomics.load(control, slot); got !== product; got = Atomics.load(control, slot)) {
          if (Atomics.wait(control, slot, got, this.stalledMs) === 'timed-out' && Atomics.load(control, slot) === got) {
            // eslint-disable-next-line no-unsafe-finally -- a stalled worker is the error to report
            throw new WasmThreadError({ kind: 'stalled', thread: slot - answers + 1, workers: threads - 1, seconds: this.stalledMs / 1000 });
          }
        }
      }
    }
  };

  /** Tells every worker to stop and ends it. */
  stop(): void {
    const control = this.control;
    if (control) {
      Atomics.store(control, SLOTS.stop, 1);
      Atomics.add(control, SLOTS.generation, 1);
      Atomics.notify(control, SLOTS.generation);
    }
    for (const worker of this.workers) worker.terminate();
    this.workers.length = 0;
    this.control = null;
  }
}
