import type { RunRecord } from '../../state/run-record';
import { usePlayground } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { CommandOutcomeLine } from '../CommandOutcomeLine';

/** Pause or Resume where the run can, or why it cannot. */
function GoOnButton({ run, name, pending, issue }: { run: RunRecord; name: string } & Pick<ReturnType<typeof useCommandOutcome>, 'pending' | 'issue'>) {
  const { pauseRun, resumeRun } = usePlayground();
  if (run.state === 'training') {
    return (
      <button type="button" className="small" disabled={pending} aria-label={`Pause ${name}`} onClick={() => issue(pauseRun(run.id), { done: null, failed: 'Could not pause' })}>
        Pause
      </button>
    );
  }
  if (run.state !== 'paused' && run.state !== 'ready') return null;
  if (!run.inWorker) return <span className="hint">View only: its model was not kept</span>;
  return (
    <button type="button" className="small" disabled={pending} aria-label={`Resume ${name}`} onClick={() => issue(resumeRun(run.id), { done: null, failed: 'Could not resume' })}>
      Resume
    </button>
  );
}

/** What can be done with one run from its row. */
export function RunActions({ run, name, rename }: { run: RunRecord; name: string; rename: () => void }) {
  const { deleteRun, loadSettings } = usePlayground();
  const { outcome, pending, issue } = useCommandOutcome();
  return (
    <>
      <span className="row-buttons">
        <GoOnButton run={run} name={name} pending={pending} issue={issue} />
        <button type="button" className="small" aria-label={`Use these settings (${name})`} onClick={() => loadSettings(run.id)}>
          Use these settings
        </button>
        <button type="button" className="small" aria-label={`Rename ${name}`} onClick={rename}>
          Rename
        </button>
        <button type="button" className="small" disabled={pending} aria-label={`Delete ${name}`} onClick={() => issue(deleteRun(run.id), { done: null, failed: 'Could not delete' })}>
          Delete
        </button>
      </span>
      <CommandOutcomeLine outcome={outcome} />
    </>
  );
}
