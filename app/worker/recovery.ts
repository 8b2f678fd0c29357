// A lost GPU device, or another backend chosen: a new backend, the dataset uploaded to it again from
// its CPU copy, and every run that had its model on the old one restored on the new one from its own
// last good checkpoint. Parked runs were on the CPU all along; failed ones have nothing to restore.
import { ReadCancelledError } from '../../gpu';
import type { RestoreCause } from '../protocol';
import type { Runs } from './runs';
import type { Session } from './session';
import { errorSaid } from './transport';
import { said, SaidError, type Said } from '../i18n/said';

export class Recovery {
  /** Why the device was lost, from the loss until the runs are on a new one; the page sees 'recovering' meanwhile. */
  reason: Said | null = null;
  /** Losses so far: a recovery that sees another loss start under it leaves the work to that one's recovery. */
  private losses = 0;

  lost(why: Said): void {
    this.reason = why;
    this.losses++;
  }

  /**
   * Moves everything to the device `connect` gives (null: no dataset to move yet). Resolves true
   * when it is done, false when another loss took over meanwhile; rejects when the move failed.
   * `cause`: a lost device, or a backend the user chose (whose runs were checkpointed just before).
   */
  async recover(connect: () => Promise<Session | null>, runs: Runs, report: (error: unknown) => void, cause: RestoreCause = 'device-lost'): Promise<boolean> {
    const attempt = this.losses;
    try {
      const session = await connect();
      if (session) await restoreAll(session, runs, report, cause);
    } catch (error) {
      if (attempt !== this.losses) return false;
      this.reason = null;
      throw new SaidError(said('worker', 'couldNotMove', errorSaid(error)), { cause: error });
    }
    if (attempt !== this.losses) return false;
    this.reason = null;
    return true;
  }
}

/** Each live run from its last good checkpoint; one that cannot be restored there ends, and the others go on. */
async function restoreAll(session: Session, runs: Runs, report: (error: unknown) => void, cause: RestoreCause): Promise<void> {
  const restored = [];
  for (const run of runs.all()) {
    if (!run.live) continue;
    try {
      run.restore(session, cause);
      restored.push(run);
    } catch (error) {
      if (error instanceof ReadCancelledError) throw error;
      run.fail(said('worker', 'couldNotRestore', errorSaid(error)));
    }
  }
  // The strip as each restored model sees it; one cut off by yet another loss is that loss's to handle.
  await Promise.all(restored.map((run) => run.predictStrip().catch(report)));
}
