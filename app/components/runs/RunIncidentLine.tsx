import type { RunRecord } from '../../state/run-record';
import { usePlayground } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { CommandOutcomeLine } from '../CommandOutcomeLine';
import { asSentence } from '../format';

/** What stopped (or put right) the run, on its row; a diverged run's rollback is offered here. */
export function RunIncidentLine({ run }: { run: RunRecord }) {
  const { rollback } = usePlayground();
  const { outcome, pending, issue } = useCommandOutcome();
  const incident = run.incident;
  if (!incident) return null;
  switch (incident.kind) {
    case 'diverged': {
      const { step, lr } = incident.rollback;
      return (
        <div className="run-incident bad">
          <p>
            The run diverged at step {incident.step.toLocaleString('en')}: {incident.seen}.
          </p>
          {run.state === 'diverged' && (
            <button type="button" className="small" disabled={pending} onClick={() => issue(rollback(run.id), { done: null, failed: 'Could not roll back' })}>
              Roll back to step {step.toLocaleString('en')} with learning rate {lr}
            </button>
          )}
          <CommandOutcomeLine outcome={outcome} />
        </div>
      );
    }
    case 'rolled-back':
      return (
        <p className="run-incident">
          Rolled back to step {incident.step.toLocaleString('en')}, learning rate {incident.lr}.
        </p>
      );
    case 'gpu-error':
      return <p className="run-incident bad">{asSentence(incident.message)}</p>;
  }
}
