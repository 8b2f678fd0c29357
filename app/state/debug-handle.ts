// window.gradlab under ?debug: what tests (and curious people) can ask of the page and its worker.
import type { TrainConfig } from '../../gpu';
import type { InjectedError, RunId, WorkerStatus } from '../protocol';
import type { Playground } from './playground';
import { debugRuns, type DebugRun } from './selectors';

export interface DebugHandle {
  /** What the worker holds: the backend, every run, the buffers. */
  status(): Promise<WorkerStatus>;
  /** Every run as the page shows it, oldest first. */
  runs(): DebugRun[];
  /** Runs created together (a race), selected by the first; resolves with their ids once the worker has built them. */
  createRuns(configs: TrainConfig[], start: boolean): Promise<RunId[]>;
  /** One step of these runs, or of the selected race's runs that can step. */
  step(runIds?: RunId[]): Promise<void>;
  deleteRun(runId: RunId): Promise<void>;
  /** Destroys the GPU device in use, as a driver reset would. */
  loseDevice(): void;
  /** A real GPU error of this kind: inside that run's next step, or at once outside any run. */
  injectError(kind: InjectedError, runId?: RunId): void;
  /** Stops the worker dead, as a crash would. */
  crashWorker(): void;
}

export function debugHandle(playground: Playground): DebugHandle {
  const { link, store } = playground;
  return {
    status: () => link.status(),
    runs: () => debugRuns(store.get()),
    createRuns: (configs, start) => playground.createRuns(configs, start),
    step: (runIds) => playground.commandRace('step', runIds),
    deleteRun: (runId) => playground.deleteRun(runId),
    loseDevice: () => link.loseDevice(),
    injectError: (kind, runId) => link.injectError(kind, runId),
    crashWorker: () => link.crashWorker(),
  };
}
