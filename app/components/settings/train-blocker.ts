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
