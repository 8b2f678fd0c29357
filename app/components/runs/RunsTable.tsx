import './runs-phone.css';
import { useMemo, useState, type CSSProperties } from 'react';
import type { RunId } from '../../protocol';
import { useRuns } from '../../state/trainer-provider';
import { displayName } from '../../runs/naming';
import { nextSort, sortRuns, type RunSort, type SortKey } from './run-order';
import { deleteButtonId } from './RunActions';
import { RunRow } from './RunRow';
import { useMessages } from '../../i18n/use-messages';

const COLUMNS: { key: SortKey; numeric?: boolean }[] = [
  { key: 'name' },
  { key: 'state' },
  { key: 'epoch', numeric: true },
  { key: 'testAccuracy', numeric: true },
  { key: 'testLoss', numeric: true },
  { key: 'time', numeric: true },
];
/** The swatch and show column, the sortable ones, and the actions. */
const COLUMN_COUNT = COLUMNS.length + 2;

function SortHeader({ column, sort, onSort }: { column: (typeof COLUMNS)[number]; sort: RunSort | null; onSort: (key: SortKey) => void }) {
  const sorted = sort?.key === column.key ? sort.direction : undefined;
  const t = useMessages();
  return (
    <th scope="col" aria-sort={sorted ?? 'none'} className={column.numeric ? 'numeric' : undefined}>
      <button type="button" className="sort" onClick={() => onSort(column.key)}>
        {t.runs.column[column.key]}
        <span className="sort-mark" aria-hidden="true">
          {sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}
        </span>
      </button>
    </th>
  );
}

/** The columns' names as CSS strings, for a phone's cards that show each figure after its name (runs-phone.css). */
function columnLabels(names: Record<SortKey, string>): CSSProperties {
  return Object.fromEntries(COLUMNS.map((column) => [`--column-${column.key}`, JSON.stringify(names[column.key])])) as CSSProperties;
}

/** The Runs heading's id: the table is labelled by it, and focus goes to it when no run is left. */
export const RUNS_TITLE_ID = 'runs-title';

/** Where focus goes when the run at `index` of `order` is deleted: the next row's Delete, else the previous row's, else the Runs heading. */
export function focusAfterDelete(order: readonly RunId[], index: number): string {
  const neighbour = order[index + 1] ?? order[index - 1];
  return neighbour === undefined ? RUNS_TITLE_ID : deleteButtonId(neighbour);
}

/** The runs, newest first until a column header says otherwise. */
export function RunsTable() {
  const runs = useRuns();
  const [sort, setSort] = useState<RunSort | null>(null);
  const t = useMessages();
  const order = useMemo(() => sortRuns(runs.map((run) => ({ ...run, name: displayName(run, t) })), sort).map((run) => run.id), [runs, sort, t]);

  return (
    <div className="table-scroll">
      <table className="runs-table" data-testid="runs-table" aria-labelledby={RUNS_TITLE_ID} style={columnLabels(t.runs.column)}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t.runs.showColumn}</span>
            </th>
            {COLUMNS.map((column) => (
              <SortHeader key={column.key} column={column} sort={sort} onSort={(key) => setSort(nextSort(sort, key))} />
            ))}
            <th scope="col">
              <span className="visually-hidden">{t.runs.actionsColumn}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {order.length === 0 ? (
            <tr>
              <td colSpan={COLUMN_COUNT} className="empty">
                {t.runs.none}
              </td>
            </tr>
          ) : (
            order.map((id, i) => <RunRow key={id} id={id} focusAfterDelete={focusAfterDelete(order, i)} />)
          )}
        </tbody>
      </table>
    </div>
  );
}
