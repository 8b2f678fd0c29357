// The page's state: the worker as the page sees it, the runs, and the page's own settings; a pure
// reducer over what the worker says and what the page does.
import type { Checkpoint } from '../../gpu';
import { APP_DEFAULT_CONFIG, draftFrom, type ConfigDraft } from '../config-form';
import type { Said } from '../i18n/said';
import { verbatim, type Notice } from '../i18n/wording';
import type { BackendKind, FromWorker, RunId, TestSample, WorkerPhase } from '../protocol';
import type { ChartMetric, ChartXAxis } from '../runs/chart-series';
import type { ComparePresetId } from '../runs/presets';
import { MAX_SMOOTHING } from '../runs/smoothing';
import { orphaned, reduceRun, type RunRecord } from './run-record';
import { storedProblemText, type StoredProblem } from './stored-problem';

/** The backend in use, as the worker's 'backend' message describes it. */
export type BackendInfo = Omit<Extract<FromWorker, { type: 'backend' }>, 'type' | 'backend' | 'webgpu'> & { kind: BackendKind };

/** Something that happened to the worker as a whole, that the page must say (with what to do about it). */
export type WorkerIncident =
  /** `recovering` until the runs are on a new device; `restored`: the step each run went back to. */
  | { kind: 'device-lost'; reason: Said; recovering: boolean; restored: Record<RunId, number> }
  | { kind: 'data-failed'; message: Said }
  | { kind: 'worker-silent' };

export interface WorkerView {
  backend: BackendInfo | null;
  download: { loadedBytes: number; totalBytes: number } | null;
  /** Set once the dataset is on the device. */
  dataset: { trainCount: number; testCount: number } | null;
  phase: WorkerPhase;
  incident: WorkerIncident | null;
  /** A failure that no command was waiting for; a command's own failure goes to whoever issued it. */
  error: Said | null;
  samples: TestSample[];
}

export type StorageStatus = { ok: true } | { ok: false; reason: Said };

export interface ChartSettings {
  metric: ChartMetric;
  xAxis: ChartXAxis;
  /** 0 (raw) to MAX_SMOOTHING. */
  smoothing: number;
  logScale: boolean;
  /** Until the user picks a metric, the chart shows the one the visible runs can be compared by. */
  metricChosenByUser: boolean;
}

/** What the loss lens looks at: the drawing pad's digit, or a test image (clicked in the strip or the confusion matrix). */
export type LensInput = { kind: 'pad'; pixels: Float32Array } | { kind: 'test'; index: number };

export interface PageState {
  worker: WorkerView;
  runs: Readonly<Record<RunId, RunRecord>>;
  /** Creation order, oldest first. */
  runOrder: readonly RunId[];
  selectedRunId: RunId | null;
  storage: StorageStatus;
  /** Things to tell the user once, until dismissed: worded when shown, in the page's language then. */
  notices: readonly Notice[];
  /** The settings form: what the next run will be. */
  draft: ConfigDraft;
  /** The comparison chosen next to the form (none: null); it goes in the page's link with the form. */
  compare: ComparePresetId | null;
  /**
   * Each run's model as the worker last gave it, its parameters only (what Export weights writes):
   * the optimiser state and data order are storage's to keep, not the page's memory's.
   */
  models: Readonly<Record<RunId, Checkpoint>>;
  chart: ChartSettings;
  /** "Inside the network": while it is open, the page watches its visible runs (see watchedRunIds). */
  inside: { open: boolean };
  /** The loss lens's input (none until the pad is drawn on or an image is clicked) and target digit (null: the label, or the model's answer). */
  lens: { input: LensInput | null; target: number | null };
}

/** More runs on one chart than this cannot be told apart (and cost the chart its frame budget). */
export const MAX_VISIBLE_RUNS = 8;

export const INITIAL_WORKER: WorkerView = { backend: null, download: null, dataset: null, phase: 'loading', incident: null, error: null, samples: [] };

export const INITIAL_PAGE: PageState = {
  worker: INITIAL_WORKER,
  runs: {},
  runOrder: [],
  selectedRunId: null,
  storage: { ok: true },
  notices: [],
  draft: draftFrom(APP_DEFAULT_CONFIG),
  compare: null,
  models: {},
  chart: { metric: 'train-loss', xAxis: 'step', smoothing: 0.6, logScale: false, metricChosenByUser: false },
  inside: { open: false },
  lens: { input: null, target: null },
};

/** What the worker link reports: the worker's messages (answers go to whoever asked), and what happened to the worker. */
export type LinkEvent =
  | Exclude<FromWorker, { type: 'reply' | 'predictions' | 'status' | 'pong' | 'inspection' | 'activation-curve' | 'cell-images' }>
  | { type: 'worker-crashed'; message: Said }
  | { type: 'worker-silent' }
  | { type: 'worker-answering' }
  | { type: 'retrying-data' }
  /** A new worker in place of the old one. */
  | { type: 'restart' };

export type PageAction =
  | LinkEvent
  /** Runs the page asked the worker for; the first is selected. */
  | { type: 'runs-added'; runs: RunRecord[] }
  | { type: 'runs-removed'; runIds: RunId[] }
  /** Runs read back from storage, and the records that could not be (`key`: the record's key). */
  | { type: 'runs-loaded'; runs: RunRecord[]; skipped: { key: string; problem: StoredProblem }[] }
  | { type: 'storage'; status: StorageStatus }
  | { type: 'weights-stored'; runId: RunId }
  | { type: 'weights-dropped'; runIds: RunId[] }
  /** An empty name gives the run back the name its settings make. */
  | { type: 'renamed'; runId: RunId; name: string }
  | { type: 'visibility'; runId: RunId; visible: boolean }
  | { type: 'select'; runId: RunId | null }
  | { type: 'draft'; draft: ConfigDraft }
  | { type: 'compare'; presetId: ComparePresetId | null }
  | { type: 'chart'; settings: Partial<ChartSettings> }
  | { type: 'notice'; notice: Notice }
  | { type: 'dismiss-notice'; index: number }
  | { type: 'inside-open'; open: boolean }
  | { type: 'lens-input'; input: LensInput | null }
  | { type: 'lens-target'; target: number | null };

export function reducePage(state: PageState, action: PageAction): PageState {
  switch (action.type) {
    case 'run-created':
    case 'run-state':
    case 'lr-changes':
    case 'progress':
    case 'epoch':
    case 'sample-predictions':
    case 'diverged':
    case 'run-failed':
    case 'confusion':
    case 'norms':
    case 'health':
      return updateRun(state, action.runId, (run) => reduceRun(run, action));
    case 'restored': {
      const next = updateRun(state, action.runId, (run) => reduceRun(run, action));
      const { incident } = next.worker;
      if (action.cause !== 'device-lost' || incident?.kind !== 'device-lost' || !(action.runId in next.runs)) return next;
      return withWorker(next, { incident: { ...incident, restored: { ...incident.restored, [action.runId]: action.step } } });
    }
    case 'weights':
      return action.runId in state.runs ? { ...state, models: { ...state.models, [action.runId]: modelOnly(action.checkpoint) } } : state;
    case 'backend': {
      const { backend: kind, adapter, reason, trial, webgpuMissing, unavailable, maxBufferElements, memoryBudgetBytes } = action;
      return withWorker(state, { backend: { kind, adapter, reason, trial, webgpuMissing, unavailable, maxBufferElements, memoryBudgetBytes } });
    }
    case 'data-progress':
      return withWorker(state, { download: { loadedBytes: action.loadedBytes, totalBytes: action.totalBytes } });
    case 'data-ready':
      return withWorker(state, { dataset: { trainCount: action.trainCount, testCount: action.testCount }, samples: action.samples });
    case 'data-failed':
      return withWorker(state, { download: null, incident: { kind: 'data-failed', message: action.message } });
    case 'retrying-data':
      return state.worker.incident?.kind === 'data-failed' ? withWorker(state, { incident: null }) : state;
    case 'phase': {
      const { incident } = state.worker;
      const recovered = action.phase === 'ready' && incident?.kind === 'device-lost' && incident.recovering;
      return withWorker(state, recovered ? { phase: action.phase, incident: { ...incident, recovering: false } } : { phase: action.phase });
    }
    case 'device-lost':
      return withWorker(state, { incident: { kind: 'device-lost', reason: action.reason, recovering: true, restored: {} } });
    case 'error':
      return withWorker(state, { error: action.message });
    case 'worker-silent':
      return withWorker(state, { incident: { kind: 'worker-silent' } });
    case 'worker-answering':
      return state.worker.incident?.kind === 'worker-silent' ? withWorker(state, { incident: null }) : state;
    case 'worker-crashed':
      return orphanAll(withWorker(state, { error: action.message, phase: 'failed' }));
    case 'restart':
      return orphanAll({ ...state, worker: INITIAL_WORKER });
    case 'runs-added':
      return addRuns(state, action.runs, action.runs[0]?.id ?? state.selectedRunId);
    case 'runs-loaded': {
      const fresh = action.runs.filter((run) => !(run.id in state.runs)).map(orphaned);
      const newest = [...fresh].sort((a, b) => a.createdAt - b.createdAt).at(-1);
      const loaded = addRuns(state, fresh, state.selectedRunId ?? newest?.id ?? null, true);
      const skipped = action.skipped.map(({ key, problem }): Notice => (t) => t.status.skipped(verbatim(key), storedProblemText(problem, t)));
      return skipped.length === 0 ? loaded : { ...loaded, notices: [...loaded.notices, ...skipped] };
    }
    case 'runs-removed':
      return removeRuns(state, new Set(action.runIds));
    case 'storage':
      return { ...state, storage: action.status };
    case 'weights-stored':
      return updateRun(state, action.runId, (run) => (run.hasStoredWeights ? run : { ...run, hasStoredWeights: true }));
    case 'weights-dropped':
      return action.runIds.reduce((next, runId) => updateRun(next, runId, (run) => (run.hasStoredWeights ? { ...run, hasStoredWeights: false } : run)), state);
    case 'renamed': {
      const customName = action.name.trim() === '' ? null : action.name.trim();
      return updateRun(state, action.runId, (run) => (run.customName === customName ? run : { ...run, customName }));
    }
    case 'visibility':
      return setVisible(state, action.runId, action.visible);
    case 'select':
      return action.runId === state.selectedRunId || (action.runId !== null && !(action.runId in state.runs)) ? state : { ...state, selectedRunId: action.runId };
    case 'draft':
      return { ...state, draft: action.draft };
    case 'compare':
      return state.compare === action.presetId ? state : { ...state, compare: action.presetId };
    case 'chart':
      return { ...state, chart: chartSettings(state.chart, action.settings) };
    case 'notice':
      return { ...state, notices: [...state.notices, action.notice] };
    case 'dismiss-notice':
      return action.index in state.notices ? { ...state, notices: state.notices.filter((_, i) => i !== action.index) } : state;
    case 'inside-open':
      return state.inside.open === action.open ? state : { ...state, inside: { open: action.open } };
    case 'lens-input':
      return { ...state, lens: { ...state.lens, input: action.input } };
    case 'lens-target':
      return state.lens.target === action.target ? state : { ...state, lens: { ...state.lens, target: action.target } };
  }
}

/** The checkpoint's model without what only training on needs (the optimiser's state, the data order). */
export function modelOnly(checkpoint: Checkpoint): Checkpoint {
  return { ...checkpoint, order: new Uint32Array(0), optimizerState: [] };
}

function withWorker(state: PageState, change: Partial<WorkerView>): PageState {
  return { ...state, worker: { ...state.worker, ...change } };
}

/** A message about a run the page no longer has (deleted while the worker spoke) changes nothing. */
function updateRun(state: PageState, runId: RunId, update: (run: RunRecord) => RunRecord): PageState {
  const run = state.runs[runId];
  if (!run) return state;
  const next = update(run);
  return next === run ? state : { ...state, runs: { ...state.runs, [runId]: next } };
}

function orphanAll(state: PageState): PageState {
  const runs = Object.fromEntries(Object.entries(state.runs).map(([id, run]) => [id, orphaned(run)]));
  return { ...state, runs };
}

/**
 * `older`: the runs were made before any the page has (read back from storage), so they go first.
 * Either way no more than MAX_VISIBLE_RUNS stay visible: the newest visible ones.
 */
function addRuns(state: PageState, added: readonly RunRecord[], selectedRunId: RunId | null, older = false): PageState {
  if (added.length === 0) return state;
  const runs = { ...state.runs };
  for (const run of added) runs[run.id] = run;
  const ids = [...added].sort((a, b) => a.createdAt - b.createdAt).map((run) => run.id);
  const runOrder = older ? [...ids, ...state.runOrder] : [...state.runOrder, ...ids];
  return { ...state, runs: capVisible(runs, runOrder, null), runOrder, selectedRunId };
}

/** Hides the oldest visible runs beyond MAX_VISIBLE_RUNS, never `keep`. */
function capVisible(runs: Record<RunId, RunRecord>, runOrder: readonly RunId[], keep: RunId | null): Record<RunId, RunRecord> {
  const visible = runOrder.filter((id) => runs[id].visible);
  let excess = visible.length - MAX_VISIBLE_RUNS;
  for (const id of visible) {
    if (excess <= 0) break;
    if (id === keep) continue;
    runs[id] = { ...runs[id], visible: false };
    excess--;
  }
  return runs;
}

function setVisible(state: PageState, runId: RunId, visible: boolean): PageState {
  const run = state.runs[runId];
  if (!run || run.visible === visible) return state;
  const runs = { ...state.runs, [runId]: { ...run, visible } };
  return { ...state, runs: visible ? capVisible(runs, state.runOrder, runId) : runs };
}

/** The selection moves to the newest run left when its run goes. */
function removeRuns(state: PageState, gone: ReadonlySet<RunId>): PageState {
  const runOrder = state.runOrder.filter((id) => !gone.has(id));
  if (runOrder.length === state.runOrder.length) return state;
  const runs = Object.fromEntries(runOrder.map((id) => [id, state.runs[id]]));
  const models = Object.fromEntries(Object.entries(state.models).filter(([id]) => !gone.has(id)));
  const selectedRunId = state.selectedRunId !== null && gone.has(state.selectedRunId) ? (runOrder.at(-1) ?? null) : state.selectedRunId;
  return { ...state, runs, runOrder, models, selectedRunId };
}

/** Choosing a metric is the user's choice from then on, unless said otherwise; smoothing stays in range. */
function chartSettings(current: ChartSettings, change: Partial<ChartSettings>): ChartSettings {
  const next = { ...current, ...change };
  if (change.metric !== undefined && change.metricChosenByUser === undefined) next.metricChosenByUser = true;
  next.smoothing = Number.isFinite(next.smoothing) ? Math.min(Math.max(next.smoothing, 0), MAX_SMOOTHING) : current.smoothing;
  return next;
}
