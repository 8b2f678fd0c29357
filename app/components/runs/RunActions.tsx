import { useId } from 'react';
import { exportModel } from '../../../gpu';
import type { RunId } from '../../protocol';
import type { RunRecord } from '../../state/run-record';
import { usePlayground, useRunModel } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { CommandOutcomeLine } from '../CommandOutcomeLine';
import { downloadFile } from '../download';
import { accuracyAt, exportBlocker, weightsFileName } from './take-away';
import { useMessages } from '../../i18n/use-messages';

/** Pause or Resume where the run can, or why it cannot. */
function GoOnButton({ run, name, pending, issue }: { run: RunRecord; name: string } & Pick<ReturnType<typeof useCommandOutcome>, 'pending' | 'issue'>) {
  const { pauseRun, resumeRun } = usePlayground();
  const t = useMessages();
  if (run.state === 'training') {
    return (
      <button type="button" className="small" disabled={pending} aria-label={t.runs.pauseRun(name)} onClick={() => issue(pauseRun(run.id), { done: null, failed: (m) => m.runs.couldNotPause })}>
        {t.runs.pause}
      </button>
    );
  }
  if (run.state !== 'paused' && run.state !== 'ready') return null;
  if (!run.inWorker) return <span className="hint">{t.runs.viewOnly}</span>;
  return (
    <button type="button" className="small" disabled={pending} aria-label={t.runs.resumeRun(name)} onClick={() => issue(resumeRun(run.id), { done: null, failed: (m) => m.runs.couldNotResume })}>
      {t.runs.resume}
    </button>
  );
}

/** The run's model as a .safetensors file PyTorch loads, or why it cannot be written now. */
function ExportButton({ run, name, issue }: { run: RunRecord; name: string } & Pick<ReturnType<typeof useCommandOutcome>, 'issue'>) {
  const model = useRunModel(run.id);
  const t = useMessages();
  const blocker = exportBlocker(run, model, t);
  const reasonId = useId();
  function exportWeights() {
    if (!model) return;
    // exportModel refuses a model with NaN weights: its reason is the outcome.
    issue(
      new Promise<void>((resolve) => {
        downloadFile(weightsFileName(name), exportModel(model, accuracyAt(run, model.step), { lrChanges: run.lrChanges, earlier: run.earlier }).slice(), 'application/octet-stream');
        resolve();
      }),
      { done: null, failed: (m) => m.runs.couldNotExport },
    );
  }
  return (
    <>
      <button
        type="button"
        className="small"
        disabled={blocker !== null}
        aria-label={t.runs.exportWeightsOf(name)}
        aria-describedby={blocker ? reasonId : undefined}
        title={blocker ?? t.runs.exportTitle}
        onClick={exportWeights}
      >
        {t.runs.exportWeights}
      </button>
      {blocker && (
        <span className="visually-hidden" id={reasonId}>
          {blocker}
        </span>
      )}
    </>
  );
}

/** The id of a run's Delete button: where focus goes when the run next to it is deleted. */
export const deleteButtonId = (runId: RunId) => `delete-${runId}`;

/**
 * What can be done with one run from its row. `focusAfterDelete`: the id of the element that takes
 * the focus once this run is deleted (see useFocusKeeper).
 */
export function RunActions({ run, name, rename, focusAfterDelete }: { run: RunRecord; name: string; rename: () => void; focusAfterDelete: string }) {
  const { deleteRun, loadSettings } = usePlayground();
  const { outcome, pending, issue } = useCommandOutcome();
  const t = useMessages();
  return (
    <>
      <span className="row-buttons">
        <GoOnButton run={run} name={name} pending={pending} issue={issue} />
        <button type="button" className="small" aria-label={t.runs.useSettingsOf(name)} onClick={() => loadSettings(run.id)}>
          {t.runs.useSettings}
        </button>
        <ExportButton run={run} name={name} issue={issue} />
        <button type="button" className="small" aria-label={t.runs.renameRun(name)} onClick={rename}>
          {t.runs.rename}
        </button>
        {/* Not disabled while it works: focus stays on it until its row goes, then moves on to focusAfterDelete. */}
        <button
          type="button"
          className="small"
          id={deleteButtonId(run.id)}
          data-focus-next={focusAfterDelete}
          aria-disabled={pending || undefined}
          aria-label={t.runs.deleteRun(name)}
          onClick={() => {
            if (!pending) issue(deleteRun(run.id), { done: null, failed: (m) => m.runs.couldNotDelete });
          }}
        >
          {t.runs.delete}
        </button>
      </span>
      <CommandOutcomeLine outcome={outcome} />
    </>
  );
}
