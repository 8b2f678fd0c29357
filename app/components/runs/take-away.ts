// What Export weights and Import weights decide, apart from the page: whether a run's model can be
// written, under which file name, with which test accuracy, and the settings an imported model trains on with.
import type { Checkpoint, ImportedModel, TrainConfig } from '../../../gpu';
import type { RunRecord } from '../../state/run-record';
import { messages, type Catalogue } from '../../i18n/messages';

/** Why the run's weights cannot be exported now, or null when they can. `model`: the one the page holds for it. */
export function exportBlocker(run: Pick<RunRecord, 'state' | 'inWorker'>, model: Checkpoint | undefined, t: Catalogue = messages()): string | null {
  if (run.state === 'training') return t.runs.exportBlocker.training;
  if (model) return null;
  if (run.state === 'failed') return t.runs.exportBlocker.failed;
  if (run.state === 'ready') return t.runs.exportBlocker.ready;
  return t.runs.exportBlocker.notKept;
}

/** "<run name>.safetensors", without the characters file systems refuse. */
export function weightsFileName(runName: string): string {
  const safe = runName.replace(/[/\\:*?"<>|]/g, '-').trim();
  return `${safe || 'gradlab-run'}.safetensors`;
}

/** The test accuracy of the model at `step`: the epoch's or the evaluation's that measured it, else null (unknown). */
export function accuracyAt(run: Pick<RunRecord, 'epochs' | 'confusion'>, step: number): number | null {
  const epoch = run.epochs.findLast((e) => e.step === step);
  if (epoch) return epoch.testAccuracy;
  return run.confusion?.step === step ? run.confusion.accuracy : null;
}

/** The activation and scaling a file without gradlab's metadata does not say, as the user chose them. */
export type ImportChoices = Partial<Pick<TrainConfig, ImportedModel['missing'][number]>>;

/**
 * The settings an imported model trains on with: what the file says, else the user's choices for
 * what it does not, else `base` (the form's settings) for the rest; the layers are the file's.
 */
export function importedConfig(model: Pick<ImportedModel, 'config' | 'hidden'>, base: TrainConfig, choices: ImportChoices): TrainConfig {
  return { ...base, ...choices, ...model.config, hidden: [...model.hidden] };
}
