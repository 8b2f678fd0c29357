// The page's side of the bench worker (bench/wasm-worker.ts): the gradlab runners that must run in
// a dedicated Worker, called by message and measured from the page like every other contender.
import type { Mnist } from '../gpu';
import type { Contender } from './measure';
import type { AutoChoice, Mode } from './results';

export const WORKER_RUNNERS = ['gradlab-wasm-1', 'gradlab-wasm-n', 'auto'] as const;
export type WorkerRunner = (typeof WORKER_RUNNERS)[number];

export interface WorkerFacts {
  crossOriginIsolated: boolean;
  /** navigator.hardwareConcurrency: gradlab-wasm-n's threads. */
  threads: number;
  relaxedSimd: boolean;
  auto: AutoChoice | null;
  /** Runners that could not be started here, and why. */
  missing: Partial<Record<WorkerRunner, string>>;
}

/** Each call's argument and answer. */
export interface WorkerCalls {
  init: { args: Mnist; result: WorkerFacts };
  open: { args: { runner: WorkerRunner; batchSize: number; mode: Mode }; result: null };
  run: { args: number; result: number };
  close: { args: null; result: null };
  /** gradlab-wasm-1's time to first step on a backend made for it: firstStepMs. */
  firstStep: { args: number; result: number };
}
export type Call = keyof WorkerCalls;
export interface Request<C extends Call = Call> {
  id: number;
  call: C;
  args: WorkerCalls[C]['args'];
}
export type Reply = { id: number; result: unknown } | { id: number; error: string };

export class BenchWorker {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', ({ data }: MessageEvent<Reply>) => {
      const waiting = this.pending.get(data.id);
      this.pending.delete(data.id);
      if ('error' in data) waiting?.reject(new Error(`bench worker: ${data.error}`));
      else waiting?.resolve(data.result);
    });
    worker.addEventListener('error', (event) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`bench worker failed: ${event.message}`));
      this.pending.clear();
    });
  }

  call<C extends Call>(call: C, args: WorkerCalls[C]['args']): Promise<WorkerCalls[C]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, call, args } satisfies Request<C>);
    });
  }

  contender(runner: WorkerRunner, batchSize: number, mode: Mode, warmupSteps: number): Contender {
    return {
      name: runner,
      warmupSteps,
      open: async () => {
        await this.call('open', { runner, batchSize, mode });
        return { run: (steps) => this.call('run', steps), close: async () => void (await this.call('close', null)) };
      },
    };
  }

  terminate(): void {
    this.worker.terminate();
  }
}

export function startBenchWorker(): BenchWorker {
  return new BenchWorker(new Worker(new URL('./wasm-worker.ts', import.meta.url), { type: 'module' }));
}
