import { useId } from 'react';
import { displayName } from '../../runs/naming';
import { usePlayground, useRaceBlocker, useSelectedRun } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { CommandOutcomeLine } from '../CommandOutcomeLine';
import { goOnNote } from './train-blocker';
import { useFormConfig } from './use-form-config';

/** "Step: The run has finished." — one line per button that cannot act, the same reason said once. */
function reasonLine(blockers: [string, string | null][]): string {
  const byReason = new Map<string, string[]>();
  for (const [button, reason] of blockers) if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), button]);
  return [...byReason].map(([reason, buttons]) => `${buttons.join(' and ')}: ${reason}.`).join(' ');
}

/**
 * Pause (while a run of the selected race trains) or Resume, and Step: they act on the selected
 * run's race with its own settings, and say why when they cannot.
 */
export function RaceButtons() {
  const pauseBlocker = useRaceBlocker('pause');
  const resumeBlocker = useRaceBlocker('resume');
  const stepBlocker = useRaceBlocker('step');
  const playground = usePlayground();
  const { outcome, pending, issue } = useCommandOutcome();
  const reasonId = useId();
  const noteId = useId();
  const run = useSelectedRun();
  const { valid } = useFormConfig();

  const pausing = pauseBlocker === null;
  const toggleBlocker = pausing ? null : resumeBlocker;
  const reasons = reasonLine([
    [pausing ? 'Pause' : 'Resume', toggleBlocker],
    ['Step', stepBlocker],
  ]);
  const enabled = [!pausing && toggleBlocker === null && 'Resume', stepBlocker === null && 'Step'].filter((name) => name !== false);
  const note = goOnNote(valid, run && displayName(run), enabled);
  const describedBy = (blocker: string | null) => (blocker ? reasonId : note ? noteId : undefined);

  return (
    <>
      <button
        type="button"
        id="race-toggle"
        disabled={toggleBlocker !== null || pending}
        aria-describedby={pausing ? undefined : describedBy(toggleBlocker)}
        onClick={() =>
          pausing
            ? issue(playground.pause(), { done: null, failed: 'Could not pause' })
            : issue(playground.resume(), { done: null, failed: 'Could not resume' })
        }
      >
        {pausing ? 'Pause' : 'Resume'}
      </button>
      <button
        type="button"
        disabled={stepBlocker !== null || pending}
        aria-describedby={describedBy(stepBlocker)}
        onClick={() => issue(playground.step(), { done: null, failed: 'Could not step' })}
      >
        Step
      </button>
      {reasons && (
        <p className="hint reason" id={reasonId} data-testid="race-reason">
          {reasons}
        </p>
      )}
      {note && (
        <p className="hint reason" id={noteId} data-testid="go-on-note">
          {note}
        </p>
      )}
      <CommandOutcomeLine outcome={outcome} />
    </>
  );
}
