// When Train (and Train comparison) can start a run, and what they say when they cannot: a
// disabled button always tells why, next to it.
import type { WorkerPhase } from '../../protocol';

const WORKER_BUSY: Record<Exclude<WorkerPhase, 'ready'>, string> = {
  loading: 'Loading the MNIST data…',
  recovering: 'Moving the runs to a new GPU device…',
  failed: 'The training worker stopped: start it again above.',
};

/** Why a new run cannot start now, or null when it can. */
export function trainBlocker(phase: WorkerPhase, dataLoaded: boolean, formValid: boolean): string | null {
  if (phase !== 'ready') return WORKER_BUSY[phase];
  if (!dataLoaded) return WORKER_BUSY.loading;
  if (!formValid) return 'Fix the settings marked in red.';
  return null;
}

/**
 * What Resume and Step say while the form is invalid, when they can act: the form describes the
 * next run, and they continue the selected one (its race too) with its own settings, not the form's.
 */
export function goOnNote(formValid: boolean, runName: string | null, enabled: readonly string[]): string | null {
  if (formValid || runName === null || enabled.length === 0) return null;
  return `${enabled.join(' and ')} ${enabled.length === 1 ? 'continues' : 'continue'} ${runName} with its own settings.`;
}
