// window.gradlab under ?debug: what tests (and curious people) can ask of the page and its worker.
import type { TrainConfig } from '../../gpu';
import { APP_DEFAULT_CONFIG } from '../config-form';
import type { InjectedError, RunId, WorkerStatus } from '../protocol';
import type { Playground } from './playground';
import type { PageState } from './page-state';
import { confusionRows, debugRuns, layerStats, selectedRun, type DebugLayerStats, type DebugRun } from './selectors';

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
  /** The page's default settings, as createRuns takes them. */
  defaultConfig(): TrainConfig;
  /**
   * The run's (default: the selected one's) latest layer norms and, for the hidden layers, unit
   * health on the probe set: sampled while "Inside the network" shows it. Throws for no such run.
   */
  layerStats(runId?: RunId): DebugLayerStats;
  /** The run's (default: the selected one's) last test evaluation as 10 × 10 counts, row = true class; null before any. */
  confusion(runId?: RunId): number[][] | null;
}

/** The run named, or the selected one. */
function runOf(state: PageState, runId?: RunId) {
  const run = runId === undefined ? selectedRun(state) : state.runs[runId];
  if (!run) throw new Error(runId === undefined ? 'no run is selected' : `there is no run ${runId} on the page`);
  return run;
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
    defaultConfig: () => structuredClone(APP_DEFAULT_CONFIG),
    layerStats: (runId) => layerStats(runOf(store.get(), runId)),
    confusion: (runId) => confusionRows(runOf(store.get(), runId)),
  };
}
