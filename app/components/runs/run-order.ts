// The order of the Runs table: newest first until a column header is clicked, then by that column.
import type { EpochResult, RunState } from '../../protocol';
import type { RunRecord } from '../../state/run-record';
import { latestTestAccuracy } from '../../state/selectors';

export type SortKey = 'name' | 'state' | 'epoch' | 'testAccuracy' | 'testLoss' | 'time';
export type SortDirection = 'ascending' | 'descending';
export interface RunSort {
  key: SortKey;
  direction: SortDirection;
}

/** What the order looks at of a run. */
export interface SortableRun {
  name: string;
  state: RunState;
  createdAt: number;
  step: number;
  epochs: readonly EpochResult[];
  confusion?: RunRecord['confusion'];
  elapsedMs: number;
}

/** Live runs first, then those that stopped on their own, then those stopped by a fault. */
const STATE_ORDER: readonly RunState[] = ['training', 'ready', 'paused', 'finished', 'diverged', 'failed'];

/** The column's value; undefined when the run has none yet (no epoch evaluated). */
function valueOf(run: SortableRun, key: SortKey): string | number | undefined {
  switch (key) {
    case 'name':
      return run.name;
    case 'state':
      return STATE_ORDER.indexOf(run.state);
    case 'epoch':
      return run.step;
    case 'testAccuracy':
      return latestTestAccuracy(run) ?? undefined;
    case 'testLoss':
      return run.epochs.at(-1)?.testLoss;
    case 'time':
      return run.elapsedMs;
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'en', { numeric: true });
  return Number(a) - Number(b);
}

/**
 * The runs in table order (a new array). Runs without a value for the column (or a NaN one, a
 * diverged run's test loss) go last whichever the direction; ties keep newest first.
 */
export function sortRuns<T extends SortableRun>(runs: readonly T[], sort: RunSort | null): T[] {
  const newestFirst = (a: T, b: T) => b.createdAt - a.createdAt;
  if (!sort) return [...runs].sort(newestFirst);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...runs].sort((a, b) => {
    const x = valueOf(a, sort.key);
    const y = valueOf(b, sort.key);
    const xMissing = x === undefined || Number.isNaN(x);
    const yMissing = y === undefined || Number.isNaN(y);
    if (xMissing || yMissing) return xMissing === yMissing ? newestFirst(a, b) : xMissing ? 1 : -1;
    return sign * compareValues(x, y) || newestFirst(a, b);
  });
}

/** A click on a column's header: that column ascending, or the other way when it already sorts by it. */
export function nextSort(current: RunSort | null, key: SortKey): RunSort {
  if (current?.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: 'ascending' };
}
