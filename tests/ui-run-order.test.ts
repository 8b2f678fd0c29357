import { describe, expect, it } from 'vitest';
import { nextSort, sortRuns, type SortableRun } from '../app/components/runs/run-order';
import { focusAfterDelete, RUNS_TITLE_ID } from '../app/components/runs/RunsTable';
import type { RunState } from '../app/protocol';

let made = 0;
function run(name: string, change: Partial<SortableRun> & { accuracy?: number; loss?: number } = {}) {
  const { accuracy, loss, ...rest } = change;
  const epochs = accuracy === undefined ? [] : [{ epoch: 0, step: 10, testAccuracy: accuracy, testLoss: loss ?? 1, seconds: 1 }];
  return { id: name, name, state: 'paused' as RunState, createdAt: ++made, step: 0, epochs, elapsedMs: 0, ...rest };
}

const names = (runs: readonly { name: string }[]) => runs.map((r) => r.name);

describe('the Runs table order', () => {
  it('is newest first until a column is chosen, without changing the list it is given', () => {
    const runs = [run('a'), run('b'), run('c')];
    expect(names(sortRuns(runs, null))).toEqual(['c', 'b', 'a']);
    expect(names(runs)).toEqual(['a', 'b', 'c']);
  });

  it('sorts names as people read them, numbers by value', () => {
    const runs = [run('ReLU · batch 128'), run('ReLU · batch 64'), run('GELU')];
    expect(names(sortRuns(runs, { key: 'name', direction: 'ascending' }))).toEqual(['GELU', 'ReLU · batch 64', 'ReLU · batch 128']);
  });

  it('sorts by test accuracy either way, runs without an epoch last both ways', () => {
    const runs = [run('none'), run('low', { accuracy: 0.8 }), run('high', { accuracy: 0.97 }), run('mid', { accuracy: 0.9 })];
    expect(names(sortRuns(runs, { key: 'testAccuracy', direction: 'descending' }))).toEqual(['high', 'mid', 'low', 'none']);
    expect(names(sortRuns(runs, { key: 'testAccuracy', direction: 'ascending' }))).toEqual(['low', 'mid', 'high', 'none']);
  });

  it('puts a NaN test loss (a diverged run) last, with the runs that have none', () => {
    const runs = [run('nan', { accuracy: 0.1, loss: NaN }), run('good', { accuracy: 0.9, loss: 0.3 }), run('bad', { accuracy: 0.5, loss: 1.5 })];
    expect(names(sortRuns(runs, { key: 'testLoss', direction: 'ascending' }))).toEqual(['good', 'bad', 'nan']);
    expect(names(sortRuns(runs, { key: 'testLoss', direction: 'descending' }))).toEqual(['bad', 'good', 'nan']);
  });

  it('sorts states live first, and ties newest first', () => {
    const runs = [run('failed', { state: 'failed' }), run('old training', { state: 'training' }), run('finished', { state: 'finished' }), run('new training', { state: 'training' })];
    expect(names(sortRuns(runs, { key: 'state', direction: 'ascending' }))).toEqual(['new training', 'old training', 'finished', 'failed']);
  });

  it('sorts by progress and by training time', () => {
    const runs = [run('far', { step: 900, elapsedMs: 5000 }), run('near', { step: 10, elapsedMs: 9000 })];
    expect(names(sortRuns(runs, { key: 'epoch', direction: 'ascending' }))).toEqual(['near', 'far']);
    expect(names(sortRuns(runs, { key: 'time', direction: 'ascending' }))).toEqual(['far', 'near']);
  });

  it('turns a header click into that column ascending, a second click the other way', () => {
    const first = nextSort(null, 'testLoss');
    expect(first).toEqual({ key: 'testLoss', direction: 'ascending' });
    expect(nextSort(first, 'testLoss')).toEqual({ key: 'testLoss', direction: 'descending' });
    expect(nextSort(nextSort(first, 'testLoss'), 'name')).toEqual({ key: 'name', direction: 'ascending' });
  });
});

describe('focus after a run is deleted', () => {
  it('goes to the Delete of the next row, of the previous one for the last row, and to the heading when none is left', () => {
    expect(focusAfterDelete(['a', 'b', 'c'], 1)).toBe('delete-c');
    expect(focusAfterDelete(['a', 'b', 'c'], 2)).toBe('delete-b');
    expect(focusAfterDelete(['a'], 0)).toBe(RUNS_TITLE_ID);
  });
});
