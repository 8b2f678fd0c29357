import { useId } from 'react';
import type { Catalogue } from '../../i18n/messages';
import { useMessages } from '../../i18n/use-messages';
import { displayName } from '../../runs/naming';
import { usePlayground, useRaceBlocker, useSelectedRun } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { CommandOutcomeLine } from '../CommandOutcomeLine';
import { buttonList, goOnNote } from './train-blocker';
import { useFormConfig } from './use-form-config';

/** "Step: The run has finished." — one line per button that cannot act, the same reason said once. */
function reasonLine(blockers: [string, string | null][], t: Catalogue): string {
  const byReason = new Map<string, string[]>();
  for (const [button, reason] of blockers) if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), button]);
  return [...byReason].map(([reason, buttons]) => t.settings.buttonsReason(buttonList(buttons, t), reason)).join(' ');
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
  const t = useMessages();
  const { pause, resume, step } = t.settings;

  const pausing = pauseBlocker === null;
  const toggleBlocker = pausing ? null : resumeBlocker;
  const reasons = reasonLine(
    [
      [pausing ? pause : resume, toggleBlocker],
      [step, stepBlocker],
    ],
    t,
  );
  const enabled = [!pausing && toggleBlocker === null && resume, stepBlocker === null && step].filter((name) => name !== false);
  const note = goOnNote(valid, run && displayName(run), enabled, t);
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
            ? issue(playground.pause(), { done: null, failed: (m) => m.settings.couldNotPause })
            : issue(playground.resume(), { done: null, failed: (m) => m.settings.couldNotResume })
        }
      >
        {pausing ? pause : resume}
      </button>
      <button
        type="button"
        disabled={stepBlocker !== null || pending}
        aria-describedby={describedBy(stepBlocker)}
        onClick={() => issue(playground.step(), { done: null, failed: (m) => m.settings.couldNotStep })}
      >
        {step}
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
