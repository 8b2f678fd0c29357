import type { ReactNode } from 'react';
import { CommandOutcomeLine } from './CommandOutcomeLine';
import { useTrainerCommands, useTrainerState } from './state/trainer-provider';
import type { Incident } from './state/trainer-state';
import type { TrainerCommands } from './state/worker-link';
import { useCommandOutcome } from './use-command';

interface NoticeProps {
  kind: Incident['kind'] | 'error';
  tone: 'warning' | 'error';
  action?: ReactNode;
  children: ReactNode;
}

function Notice({ kind, tone, action, children }: NoticeProps) {
  return (
    <div className={tone} role={tone === 'error' ? 'alert' : 'status'} data-testid="incident" data-kind={kind}>
      <p>{children}</p>
      {action}
    </div>
  );
}

function Action({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" onClick={onClick}>
      {label}
    </button>
  );
}

/** The worker's messages may or may not end with a full stop. */
const asSentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** A button that issues a command; its error, if the worker gives one, shows beside it. */
function CommandAction({ label, failed, run }: { label: string; failed: string; run: () => Promise<void> }) {
  const { outcome, pending, issue } = useCommandOutcome();
  return (
    <>
      <button type="button" disabled={pending} onClick={() => issue(run(), { done: null, failed })}>
        {label}
      </button>
      <CommandOutcomeLine outcome={outcome} />
    </>
  );
}

function IncidentMessage({ incident, commands }: { incident: Incident; commands: TrainerCommands }) {
  switch (incident.kind) {
    case 'device-lost':
      return (
        <Notice kind={incident.kind} tone="warning">
          The GPU device was lost ({incident.reason}).{' '}
          {incident.restoredStep === null
            ? 'Moving training to a new device…'
            : `The run is on a new device, restored from the checkpoint at step ${incident.restoredStep.toLocaleString('en')}.`}
        </Notice>
      );
    case 'diverged': {
      const { step, lr } = incident.rollback;
      return (
        <Notice
          kind={incident.kind}
          tone="error"
          action={
            <CommandAction
              label={`Roll back to step ${step.toLocaleString('en')} with learning rate ${lr}`}
              failed="Could not roll back"
              run={() => commands.rollback()}
            />
          }
        >
          Training paused at step {incident.step.toLocaleString('en')}: {incident.seen}. The model diverged: its learning rate is too
          large.
        </Notice>
      );
    }
    case 'rolled-back':
      return (
        <Notice kind={incident.kind} tone="warning">
          Rolled back to step {incident.step.toLocaleString('en')}: training carries on with learning rate {incident.lr}.
        </Notice>
      );
    case 'data-failed':
      return (
        <Notice
          kind={incident.kind}
          tone="error"
          action={<CommandAction label="Retry" failed="Could not load the data again" run={() => commands.retryData()} />}
        >
          The MNIST dataset could not be loaded. {incident.message}
        </Notice>
      );
    case 'gpu-error':
      return (
        <Notice kind={incident.kind} tone="error">
          {asSentence(incident.message)} Train starts a fresh model.
        </Notice>
      );
    case 'worker-silent':
      return (
        <Notice kind={incident.kind} tone="error" action={<Action label="Start again" onClick={() => commands.startAgain()} />}>
          The training worker has stopped answering: it crashed, or is stuck in a very long step.
        </Notice>
      );
  }
}

/** What went wrong (or was put right), and the one thing to do about it. */
export function IncidentNotice() {
  const commands = useTrainerCommands();
  const incident = useTrainerState('incident');
  const error = useTrainerState('error');
  const phase = useTrainerState('phase');
  return (
    <>
      {incident && <IncidentMessage incident={incident} commands={commands} />}
      {error && (
        <Notice
          kind="error"
          tone="error"
          action={phase === 'failed' && <Action label="Start again" onClick={() => commands.startAgain()} />}
        >
          {error}
        </Notice>
      )}
    </>
  );
}
