// What the page derives from its state: which runs a race command moves, the runs on the chart, the chart's metric.
import { CLASSES } from '../../gpu';
import type { EpochResult, RunId, RunState } from '../protocol';
import { defaultMetric } from '../runs/chart-series';
import { displayName } from '../runs/naming';
import { messages } from '../i18n/messages';
import type { ChartSettings, PageState } from './page-state';
import type { RunRecord } from './run-record';

/** Pause, Resume and Step act on the selected run's race. */
export type RaceCommand = 'pause' | 'resume' | 'step';

const CAN: Record<RaceCommand, readonly RunState[]> = {
  pause: ['training'],
  resume: ['ready', 'paused'],
  step: ['ready', 'paused'],
};

export const runsInOrder = (state: PageState): RunRecord[] => state.runOrder.map((id) => state.runs[id]);

export function selectedRun(state: PageState): RunRecord | null {
  return state.selectedRunId === null ? null : (state.runs[state.selectedRunId] ?? null);
}

/** The runs of the selected run's race that `command` can move now, and when there are none, why not. */
export function raceCommand(state: PageState, command: RaceCommand): { runIds: RunId[]; reason: string | null } {
  const t = messages();
  const selected = selectedRun(state);
  if (!selected) return { runIds: [], reason: t.status.noRunSelected };
  if (state.worker.phase === 'failed') return { runIds: [], reason: t.status.workerStopped };
  const race = runsInOrder(state).filter((run) => run.raceId === selected.raceId);
  const runIds = race.filter((run) => run.inWorker && CAN[command].includes(run.state)).map((run) => run.id);
  if (runIds.length > 0) return { runIds, reason: null };
  if (!selected.inWorker) {
    return { runIds, reason: selected.initialWeightsHash === null ? t.status.beingBuilt : t.status.notKept };
  }
  return { runIds, reason: t.status.whyNot[selected.state] };
}

/**
 * The runs whose insides the page shows, in creation order: while "Inside the network" is open,
 * the visible runs and the selected one, of those the worker holds.
 */
export function watchedRunIds(state: PageState): RunId[] {
  if (!state.inside.open) return [];
  return runsInOrder(state)
    .filter((run) => run.inWorker && (run.visible || run.id === state.selectedRunId))
    .map((run) => run.id);
}

/** Runs that `keep` keeps, in creation order: the same array while none of them changes. */
function runListSelector(keep: (run: RunRecord) => boolean): (state: PageState) => readonly RunRecord[] {
  let last: readonly RunRecord[] = [];
  let lastRuns: PageState['runs'] | null = null;
  let lastOrder: PageState['runOrder'] | null = null;
  return (state) => {
    if (state.runs === lastRuns && state.runOrder === lastOrder) return last;
    lastRuns = state.runs;
    lastOrder = state.runOrder;
    const next = runsInOrder(state).filter(keep);
    if (next.length !== last.length || next.some((run, i) => run !== last[i])) last = next;
    return last;
  };
}

export const allRunsSelector = () => runListSelector(() => true);

/** The runs on the chart: the chart does not redraw for a run it does not show. */
export const visibleRunsSelector = () => runListSelector((run) => run.visible);

/** The settings as the chart applies them: until the user picks a metric, the one the runs can be compared by. */
export function chartSettingsSelector(visibleRuns: (state: PageState) => readonly RunRecord[]): (state: PageState) => ChartSettings {
  let last: ChartSettings | null = null;
  return (state) => {
    const { chart } = state;
    const metric = chart.metricChosenByUser ? chart.metric : defaultMetric(visibleRuns(state));
    const next = { ...chart, metric };
    const previous = last;
    if (previous && (Object.keys(next) as (keyof ChartSettings)[]).every((key) => previous[key] === next[key])) return previous;
    last = next;
    return next;
  };
}

/** One run as the debug handle's runs() reports it. */
export interface DebugRun {
  id: RunId;
  name: string;
  config: RunRecord['config'];
  /** The changes of its learning rate, as the page holds them. */
  lrChanges: RunRecord['lrChanges'];
  state: RunState;
  step: number;
  epoch: number;
  lastLoss: number | null;
  epochs: { epoch: number; testAccuracy: number; testLoss: number }[];
  initialWeightsHash: string | null;
  color: string;
  visible: boolean;
}

export function debugRuns(state: PageState): DebugRun[] {
  return runsInOrder(state).map((run) => ({
    id: run.id,
    name: displayName(run),
    config: run.config,
    lrChanges: run.lrChanges,
    state: run.state,
    step: run.step,
    epoch: run.epoch,
    lastLoss: run.lastLoss,
    epochs: run.epochs.map(({ epoch, testAccuracy, testLoss }) => ({ epoch, testAccuracy, testLoss })),
    initialWeightsHash: run.initialWeightsHash,
    color: run.color,
    visible: run.visible,
  }));
}

/** One linear layer as the debug handle's layerStats() reports it; null before the worker said. */
export interface DebugLayer {
  gradNorm: number | null;
  updateRatio: number | null;
  /** The hidden layers only (every layer but the last): their units on the probe set. */
  deadFraction?: number | null;
  saturatedFraction?: number | null;
  meanAbsDerivative?: number | null;
  histogram?: { edges: number[]; counts: number[] } | null;
}

export interface DebugLayerStats {
  /** The steps of the latest norms and of the latest probe; null before any. */
  step: number | null;
  healthStep: number | null;
  /** One per linear layer, from the input to the output. */
  layers: DebugLayer[];
}

/** The run's latest norms and unit health, one entry per linear layer. */
export function layerStats(run: RunRecord): DebugLayerStats {
  const norms = run.norms.at(-1) ?? null;
  const { health } = run;
  const layers = Array.from({ length: run.config.hidden.length + 1 }, (_, i): DebugLayer => {
    const { gradNorm = null, updateRatio = null } = norms?.layers[i] ?? {};
    if (i === run.config.hidden.length) return { gradNorm, updateRatio };
    const unit = health?.layers[i];
    return {
      gradNorm,
      updateRatio,
      deadFraction: unit ? unit.deadFraction : null,
      saturatedFraction: unit?.saturatedFraction ?? null,
      meanAbsDerivative: unit?.meanAbsDerivative ?? null,
      histogram: unit ? { edges: [...unit.histogram.edges], counts: [...unit.histogram.counts] } : null,
    };
  });
  return { step: norms?.step ?? null, healthStep: health?.step ?? null, layers };
}

/** The last evaluation's counts as rows (true class) of columns (predicted class); null before any. */
export function confusionRows(run: RunRecord): number[][] | null {
  const counts = run.confusion?.counts;
  return counts ? Array.from({ length: CLASSES }, (_, row) => counts.slice(row * CLASSES, (row + 1) * CLASSES)) : null;
}

/** The newest test accuracy measured: an evaluation on demand (an imported run's, say) or the last epoch's; null before either. */
export function latestTestAccuracy(run: { epochs: readonly EpochResult[]; confusion?: RunRecord['confusion'] }): number | null {
  const epoch = run.epochs.at(-1);
  if (run.confusion && (!epoch || run.confusion.step >= epoch.step)) return run.confusion.accuracy;
  return epoch?.testAccuracy ?? null;
}
