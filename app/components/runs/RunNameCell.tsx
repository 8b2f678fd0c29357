import { useEffect, useId, useRef } from 'react';
import type { RunRecord } from '../../state/run-record';
import { usePlayground } from '../../state/trainer-provider';
import { useMessages } from '../../i18n/use-messages';

interface NameCellProps {
  run: RunRecord;
  name: string;
  /** Renaming: the name is an input until `done` is called. */
  editing: boolean;
  done: () => void;
}

/**
 * The run's name, a button that selects the run, or while renaming an input: Enter or leaving it
 * keeps the new name (an empty one brings back the generated name), Escape keeps the old one.
 */
export function RunNameCell({ run, name, editing, done }: NameCellProps) {
  const { select, renameRun } = usePlayground();
  const inputId = useId();
  const t = useMessages();
  // Enter and Escape end the edit before the input goes and blurs: the blur must not commit again.
  const finished = useRef(false);
  useEffect(() => {
    if (editing) finished.current = false;
  }, [editing]);

  function finish(newName: string | null) {
    if (finished.current) return;
    finished.current = true;
    if (newName !== null) renameRun(run.id, newName.trim());
    done();
  }

  if (!editing) {
    return (
      <button type="button" className="run-name" onClick={() => select(run.id)}>
        {name}
      </button>
    );
  }
  return (
    <span className="rename">
      <label htmlFor={inputId} className="visually-hidden">
        {t.runs.nameOf(name)}
      </label>
      <input
        id={inputId}
        type="text"
        autoFocus
        defaultValue={run.customName ?? name}
        placeholder={name}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            finish(event.currentTarget.value);
          } else if (event.key === 'Escape') {
            finish(null);
          }
        }}
        onBlur={(event) => finish(event.currentTarget.value)}
      />
    </span>
  );
}
