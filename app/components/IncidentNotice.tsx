import type { ReactNode } from 'react';
import type { WorkerIncident } from '../state/page-state';
import type { RunIncident, RunRecord } from '../state/run-record';
import { usePlayground, useSelectedRun, useWorker } from '../state/trainer-provider';
import { useCommandOutcome } from '../use-command';
import { CommandOutcomeLine } from './CommandOutcomeLine';
import { asSentence } from './format';

interface NoticeProps {
  kind: WorkerIncident['kind'] | RunIncident['kind'] | 'error';
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

function WorkerMessage({ incident, selected }: { incident: WorkerIncident; selected: RunRecord | null }) {
  const { retryData, startAgain } = usePlayground();
  switch (incident.kind) {
    case 'device-lost': {
      const step = selected ? incident.restored[selected.id] : undefined;
      return (
        <Notice kind={incident.kind} tone="warning">
          The GPU device was lost ({incident.reason}).{' '}
          {incident.recovering
            ? 'Moving every run to a new device…'
            : `The runs are on a new device, each restored from its own last checkpoint${step === undefined ? '' : ` (this one from step ${step.toLocaleString('en')})`}.`}
        </Notice>
      );
    }
    case 'data-failed':
      return (
        <Notice kind={incident.kind} tone="error" action={<CommandAction label="Retry" failed="Could not load the data again" run={retryData} />}>
          The MNIST dataset could not be loaded. {incident.message}
        </Notice>
      );
    case 'worker-silent':
      return (
        <Notice
          kind={incident.kind}
          tone="error"
          action={
            <button type="button" onClick={() => startAgain()}>
              Start again
            </button>
          }
        >
          The training worker has stopped answering: it crashed, or is stuck in a very long step.
        </Notice>
      );
  }
}

function RunMessage({ run, incident }: { run: RunRecord; incident: RunIncident }) {
  const { rollback } = usePlayground();
  switch (incident.kind) {
    case 'diverged': {
      const { step, lr } = incident.rollback;
      const action =
        run.state === 'diverged' ? (
          <CommandAction label={`Roll back to step ${step.toLocaleString('en')} with learning rate ${lr}`} failed="Could not roll back" run={() => rollback(run.id)} />
        ) : undefined;
      return (
        <Notice kind={incident.kind} tone="error" action={action}>
          Training stopped at step {incident.step.toLocaleString('en')}: {incident.seen}. The model diverged: its learning rate is too large.
        </Notice>
      );
    }
    case 'rolled-back':
      return (
        <Notice kind={incident.kind} tone="warning">
          Rolled back to step {incident.step.toLocaleString('en')}: training carries on with learning rate {incident.lr}.
        </Notice>
      );
    case 'gpu-error':
      return (
        <Notice kind={incident.kind} tone="error">
          {asSentence(incident.message)} The other runs go on; Train starts a new one.
        </Notice>
      );
  }
}

/** What went wrong (or was put right) with the worker or the selected run, and the one thing to do about it. */
export function IncidentNotice() {
  const incident = useWorker('incident');
  const error = useWorker('error');
  const phase = useWorker('phase');
  const selected = useSelectedRun();
  const { startAgain } = usePlayground();
  return (
    <>
      {incident && <WorkerMessage incident={incident} selected={selected} />}
      {selected?.incident && <RunMessage run={selected} incident={selected.incident} />}
      {error && (
        <Notice
          kind="error"
          tone="error"
          action={
            phase === 'failed' && (
              <button type="button" onClick={() => startAgain()}>
                Start again
              </button>
            )
          }
        >
          {error}
        </Notice>
      )}
    </>
  );
}
