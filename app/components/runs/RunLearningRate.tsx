import './run-lr.css';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { RunRecord } from '../../state/run-record';
import { usePlayground, useSelectedRun } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { CommandOutcomeLine } from '../CommandOutcomeLine';
import { useMessages } from '../../i18n/use-messages';
import { LR_COMMIT_PAUSE_MS, lrRangeText, lrBlocker, lrFieldEvent, SHOWING_RUN_RATE, type LrField, type LrFieldEvent } from './lr-field';

/** The selected run's learning rate, when a run is selected. */
export function SelectedRunLearningRate() {
  const run = useSelectedRun();
  return run && <RunLearningRate key={run.id} run={run} />;
}

/**
 * The selected run's learning rate, changed mid-run: what is typed applies once committed (Enter,
 * leaving the field, a pause in typing), from the run's next step on (see lr-field.ts). Keyed by
 * the run's id: another run starts from its own rate.
 */
function RunLearningRate({ run }: { run: RunRecord }) {
  const { setLearningRate } = usePlayground();
  const { outcome, issue } = useCommandOutcome();
  const [field, setField] = useState<LrField>(SHOWING_RUN_RATE);
  const id = useId();
  const t = useMessages();
  const blocker = lrBlocker(run, t);
  // The pause's timer fires after renders: it reads the field and the run's rate as they are then.
  const latest = useRef({ field, lr: run.config.lr, runId: run.id });
  latest.current.lr = run.config.lr;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const clearTimer = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => clearTimer, []);

  function handle(event: LrFieldEvent) {
    const { field: next, apply } = lrFieldEvent(latest.current.field, event, latest.current.lr);
    latest.current.field = next;
    setField(next);
    if (apply !== null) issue(setLearningRate(latest.current.runId, apply), { done: (m) => m.runs.lr.applied(apply), failed: (m) => m.runs.lr.couldNotChange });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    // Enter commits this field; it does not submit the settings form around it (which would train a new run).
    event.preventDefault();
    clearTimer();
    handle({ type: 'enter' });
  }

  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className={field.error ? 'run-lr invalid' : 'run-lr'} data-testid="run-lr">
      <label htmlFor={id}>{t.runs.lr.label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={field.text ?? String(run.config.lr)}
        disabled={blocker !== null}
        aria-invalid={field.error !== null}
        aria-describedby={field.error ? `${errorId} ${hintId}` : hintId}
        onChange={(event) => {
          handle({ type: 'input', text: event.target.value });
          clearTimer();
          timer.current = setTimeout(() => {
            timer.current = null;
            handle({ type: 'pause' });
          }, LR_COMMIT_PAUSE_MS);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          clearTimer();
          handle({ type: 'blur' });
        }}
      />
      <p className="hint" id={hintId}>
        {blocker ? t.runs.lr.cannotChange(blocker) : t.runs.lr.hint(lrRangeText(t))}
      </p>
      {field.error && (
        <p className="field-error" id={errorId} data-testid="run-lr-error">
          {field.error}
        </p>
      )}
      <CommandOutcomeLine outcome={outcome} />
    </div>
  );
}
