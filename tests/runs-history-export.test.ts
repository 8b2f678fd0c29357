// The runs' histories as CSV and JSON: one row per point, every name safe in a cell.
import { describe, expect, it } from 'vitest';
import { samplesSeen } from '../gpu';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { csvField, HISTORY_COLUMNS, historyCsv, historyJson, type ExportedRun } from '../app/runs/history-export';
import { runName } from '../app/runs/naming';

const run = (id: string, customName: string | null): ExportedRun => ({
  id,
  customName,
  origin: 'new',
  config: { ...APP_DEFAULT_CONFIG, lr: 0.0001 },
  stepsPerEpoch: 469,
  trainCount: 60_000,
  points: [
    { step: 10, loss: 2.1, accuracy: 0.25, seconds: 0.5 },
    { step: 469, loss: 0.4, accuracy: 0.875, seconds: 9.25 },
    { step: 470, loss: NaN, accuracy: 0.1, seconds: 9.3 },
  ],
  epochs: [{ epoch: 1, step: 469, testAccuracy: 0.9, testLoss: 0.35, seconds: 9.75 }],
  // Steps 11 to 469 trained at 0.01, from 470 on at 0.0001 (the rate the settings say now).
  lrChanges: [{ step: 10, from: 0.001, to: 0.01 }, { step: 469, from: 0.01, to: 0.0001 }],
});

/** RFC 4180, read back: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('history export', () => {
  it('writes a header and one row per point, training and epoch points by step, empty cells where a point lacks a metric', () => {
    const [header, ...rows] = parseCsv(historyCsv([run('r-1', null)]));
    expect(header).toEqual([...HISTORY_COLUMNS]);
    const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
    expect(column('run')).toEqual(Array(4).fill(runName({ ...APP_DEFAULT_CONFIG, lr: 0.0001 })));
    expect(column('step')).toEqual(['10', '469', '469', '470']);
    expect(column('train_loss')).toEqual(['2.1', '0.4', '', 'NaN']);
    expect(column('test_accuracy')).toEqual(['', '', '0.9', '']);
    expect(column('epoch').map(Number)).toEqual([10 / 469, 1, 1, 470 / 469]);
    expect(column('samples').map(Number)).toEqual([10, 469, 469, 470].map((step) => samplesSeen(step, 128, 60_000)));
    expect(column('seconds')).toEqual(['0.5', '9.25', '9.75', '9.3']);
    expect(column('learning_rate'), 'the rate each step was trained with').toEqual(['0.001', '0.01', '0.01', '0.0001']);
  });

  it('quotes names with commas, quotes or line breaks, so they read back whole', () => {
    const names = ['plain', 'relu, fast', 'the "good" one', 'two\nlines', '"'];
    const rows = parseCsv(historyCsv(names.map((name, i) => run(`r-${i}`, name)))).slice(1);
    expect([...new Set(rows.map((row) => row[0]))]).toEqual(names);
    for (const row of rows) expect(row).toHaveLength(HISTORY_COLUMNS.length);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
  });

  it('writes JSON with each run’s settings and the same rows, null where there is no number', () => {
    const parsed = JSON.parse(historyJson([run('r-1', 'mine')]));
    expect(parsed.runs).toHaveLength(1);
    expect(parsed.runs[0]).toMatchObject({ id: 'r-1', name: 'mine', config: { ...APP_DEFAULT_CONFIG, lr: 0.0001 }, lrChanges: run('r-1', null).lrChanges });
    expect(parsed.runs[0].rows.map((row: { step: number }) => row.step)).toEqual([10, 469, 469, 470]);
    expect(parsed.runs[0].rows[3]).toMatchObject({ train_loss: null, train_accuracy: 0.1, test_loss: null });
    expect(parsed.runs[0].rows[2]).toMatchObject({ train_loss: null, test_loss: 0.35, test_accuracy: 0.9 });
  });

  it('writes only the header for no runs', () => {
    expect(parseCsv(historyCsv([]))).toEqual([[...HISTORY_COLUMNS]]);
  });
});
