// The runs' histories as files to download: one row per point, training steps and epoch ends alike.
import type { LrChange, RunId } from '../protocol';
import { xOf, type RunHistory } from './chart-series';
import { lrOfStep } from './lr-changes';
import { displayName, type NamedRun } from './naming';

export interface ExportedRun extends RunHistory, NamedRun {
  id: RunId;
  lrChanges: readonly LrChange[];
}

export const HISTORY_COLUMNS = ['run', 'step', 'epoch', 'samples', 'seconds', 'learning_rate', 'train_loss', 'train_accuracy', 'test_loss', 'test_accuracy'] as const;

type Metric = 'train_loss' | 'train_accuracy' | 'test_loss' | 'test_accuracy';

/** One point of a run (`learning_rate`: the one its step was trained with): a metric the point does not have is null. */
export type HistoryRow = { run: string; step: number; epoch: number; samples: number; seconds: number; learning_rate: number } & Record<Metric, number | null>;

/** A run's rows by step; an epoch's test figures come after the training point of the same step. */
export function historyRows(run: ExportedRun): HistoryRow[] {
  const name = displayName(run);
  const at = (step: number, seconds: number) => ({
    run: name,
    step,
    epoch: xOf(run, 'epoch', step, seconds),
    samples: xOf(run, 'samples', step, seconds),
    seconds,
    learning_rate: lrOfStep(run.lrChanges, run.config.lr, step),
  });
  const training = run.points.map((p) => ({ ...at(p.step, p.seconds), train_loss: p.loss, train_accuracy: p.accuracy, test_loss: null, test_accuracy: null }));
  const tests = run.epochs.map((e) => ({ ...at(e.step, e.seconds), train_loss: null, train_accuracy: null, test_loss: e.testLoss, test_accuracy: e.testAccuracy }));
  return [...training, ...tests].sort((a, b) => a.step - b.step || Number(a.train_loss === null) - Number(b.train_loss === null));
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function historyCsv(runs: readonly ExportedRun[]): string {
  const lines = [HISTORY_COLUMNS.join(',')];
  for (const run of runs) for (const row of historyRows(run)) lines.push(HISTORY_COLUMNS.map((column) => csvField(row[column])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** JSON has no NaN: a loss that was not a number is written null, as a missing one is. `config.lr` is the rate at the end; `lrChanges`, how it got there. */
export function historyJson(runs: readonly ExportedRun[]): string {
  const exported = runs.map((run) => ({ id: run.id, name: displayName(run), config: run.config, lrChanges: run.lrChanges, rows: historyRows(run) }));
  return JSON.stringify({ runs: exported }, (_, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2);
}
