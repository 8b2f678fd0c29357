import { diagnoseStuck } from '../../runs/stuck';
import type { RunRecord } from '../../state/run-record';
import { usePlayground } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { CommandOutcomeLine } from '../CommandOutcomeLine';
import { asSentence } from '../format';
import { word } from '../../i18n/said';
import { useMessages } from '../../i18n/use-messages';

/** What stopped (or put right) the run, on its row, and why a run that trains on is stuck; the rollback a run can take is offered here. */
export function RunIncidentLine({ run }: { run: RunRecord }) {
  const { rollback } = usePlayground();
  const { outcome, pending, issue } = useCommandOutcome();
  const t = useMessages();
  const incident = run.incident;
  const stuck = diagnoseStuck(run, t);
  const rollbackButton = ({ step, lr }: { step: number; lr: number }) => (
    <button type="button" className="small" disabled={pending} onClick={() => issue(rollback(run.id), { done: null, failed: (m) => m.runs.couldNotRollBack })}>
      {t.runs.rollBack(step.toLocaleString('en'), lr)}
    </button>
  );
  const stuckLine = stuck && (
    <div className="run-incident bad" data-testid="run-stuck">
      <p>{stuck.message}</p>
      {stuck.rollback && run.inWorker && rollbackButton(stuck.rollback)}
      <CommandOutcomeLine outcome={outcome} />
    </div>
  );
  switch (incident?.kind) {
    case undefined:
      return stuckLine;
    case 'diverged':
      return (
        <div className="run-incident bad">
          <p>{t.runs.divergedAt(incident.step.toLocaleString('en'), word(incident.seen, t))}</p>
          {run.state === 'diverged' && rollbackButton(incident.rollback)}
          <CommandOutcomeLine outcome={outcome} />
        </div>
      );
    case 'rolled-back':
      return (
        <>
          <p className="run-incident">{t.runs.rolledBack(incident.step.toLocaleString('en'), incident.lr)}</p>
          {stuckLine}
        </>
      );
    case 'gpu-error':
      return <p className="run-incident bad">{asSentence(word(incident.message, t))}</p>;
  }
}
