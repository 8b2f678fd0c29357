import type { ReactNode } from 'react';
import { useMessages } from '../i18n/use-messages';
import type { WorkerIncident } from '../state/page-state';
import type { RunIncident, RunRecord } from '../state/run-record';
import { usePlayground, useSelectedRun, useWorker } from '../state/trainer-provider';
import { useCommandOutcome } from '../use-command';
import { CommandOutcomeLine } from './CommandOutcomeLine';
import { asSentence } from './format';
import { word } from '../i18n/said';
import type { Notice as NoticeText } from '../i18n/wording';

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
function CommandAction({ label, failed, run }: { label: string; failed: NoticeText; run: () => Promise<void> }) {
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
  const t = useMessages();
  const { training } = t;
  switch (incident.kind) {
    case 'device-lost': {
      const step = selected ? incident.restored[selected.id] : undefined;
      return (
        <Notice kind={incident.kind} tone="warning">
          {training.deviceLost(word(incident.reason, t))}{' '}
          {incident.recovering ? training.movingRuns : step === undefined ? training.runsRestored : training.runsRestoredFrom(step.toLocaleString('en'))}
        </Notice>
      );
    }
    case 'data-failed':
      return (
        <Notice kind={incident.kind} tone="error" action={<CommandAction label={training.retry} failed={(m) => m.training.couldNotReload} run={retryData} />}>
          {training.dataFailed(word(incident.message, t))}
        </Notice>
      );
    case 'worker-silent':
      return (
        <Notice
          kind={incident.kind}
          tone="error"
          action={
            <button type="button" onClick={() => startAgain()}>
              {training.startAgain}
            </button>
          }
        >
          {training.workerSilent}
        </Notice>
      );
  }
}

function RunMessage({ run, incident }: { run: RunRecord; incident: RunIncident }) {
  const { rollback } = usePlayground();
  const t = useMessages();
  const { training } = t;
  switch (incident.kind) {
    case 'diverged': {
      const { step, lr } = incident.rollback;
      const action =
        run.state === 'diverged' ? (
          <CommandAction label={training.rollBack(step.toLocaleString('en'), lr)} failed={(m) => m.training.couldNotRollBack} run={() => rollback(run.id)} />
        ) : undefined;
      return (
        <Notice kind={incident.kind} tone="error" action={action}>
          {training.diverged(incident.step.toLocaleString('en'), word(incident.seen, t))}
        </Notice>
      );
    }
    case 'rolled-back':
      return (
        <Notice kind={incident.kind} tone="warning">
          {training.rolledBack(incident.step.toLocaleString('en'), incident.lr)}
        </Notice>
      );
    case 'gpu-error':
      return (
        <Notice kind={incident.kind} tone="error">
          {training.gpuError(asSentence(word(incident.message, t)))}
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
  const t = useMessages();
  const { training } = t;
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
                {training.startAgain}
              </button>
            )
          }
        >
          {word(error, t)}
        </Notice>
      )}
    </>
  );
}
