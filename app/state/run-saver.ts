// Writes the runs' records to storage as they change: a training run's at most every two seconds,
// any other's at once, so a stop is never lost and a progress report ten times a second costs nothing.
import { saidOf, type Said } from '../i18n/said';
import type { RunId } from '../protocol';
import type { PageStore } from './store';
import type { RunRecord } from './run-record';
import { sameStoredFields, storedRun, type StoredRun } from './stored-run';

export const SAVE_INTERVAL_MS = 2000;

/** What the saver needs of storage. */
export interface RunWriter {
  saveRun(run: StoredRun): Promise<void>;
  deleteRun(runId: RunId): Promise<void>;
}

/** Milliseconds until a changed run's record is due: at once unless it trains, then SAVE_INTERVAL_MS after its last write. */
export function saveDelay(training: boolean, lastSavedAt: number | undefined, now: number): number {
  if (!training || lastSavedAt === undefined) return 0;
  return Math.max(0, lastSavedAt + SAVE_INTERVAL_MS - now);
}

export class RunSaver {
  /** Each run as last seen, to tell which changed. */
  private readonly seen = new Map<RunId, RunRecord>();
  private readonly savedAt = new Map<RunId, number>();
  /** Runs that have a record in storage: read from it, or written. */
  private readonly stored = new Set<RunId>();
  private readonly due = new Map<RunId, ReturnType<typeof setTimeout>>();
  private lastRuns: unknown = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly storage: RunWriter,
    private readonly store: PageStore,
    /** A write failed: the runs may not outlive the tab. */
    private readonly failed: (reason: Said) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The runs the page has now are taken as they are stored; what changes from now on is written. */
  start(): void {
    const { runs } = this.store.get();
    this.lastRuns = runs;
    for (const [id, run] of Object.entries(runs)) {
      this.seen.set(id, run);
      this.stored.add(id);
    }
    this.unsubscribe = this.store.subscribe(() => this.changed());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const timer of this.due.values()) clearTimeout(timer);
    this.due.clear();
  }

  /** Writes every record still waiting for its turn: the page is going away. */
  flush(): void {
    for (const [id, timer] of this.due) {
      clearTimeout(timer);
      this.write(id);
    }
    this.due.clear();
  }

  private changed(): void {
    const { runs } = this.store.get();
    if (runs === this.lastRuns) return;
    this.lastRuns = runs;
    for (const [id, run] of Object.entries(runs)) {
      const before = this.seen.get(id);
      if (before === run) continue;
      this.seen.set(id, run);
      if (before && sameStoredFields(before, run)) continue;
      if (run.initialWeightsHash === null) continue;
      const training = run.state === 'training';
      if (this.due.has(id) && training) continue;
      clearTimeout(this.due.get(id));
      this.due.delete(id);
      const delay = saveDelay(training, this.savedAt.get(id), this.now());
      if (delay === 0) this.write(id);
      else {
        const timer = setTimeout(() => {
          this.due.delete(id);
          this.write(id);
        }, delay);
        this.due.set(id, timer);
      }
    }
    for (const id of this.seen.keys()) if (!(id in runs)) this.forget(id);
  }

  /** The run as it is at the time of writing, not as it was when its write was scheduled. */
  private write(id: RunId): void {
    const run = this.store.get().runs[id];
    const record = run && storedRun(run, this.now());
    if (!record) return;
    this.savedAt.set(id, record.savedAt);
    this.stored.add(id);
    this.storage.saveRun(record).catch((error: unknown) => this.failed(saidOf(error)));
  }

  private forget(id: RunId): void {
    clearTimeout(this.due.get(id));
    this.due.delete(id);
    this.seen.delete(id);
    this.savedAt.delete(id);
    if (!this.stored.delete(id)) return;
    this.storage.deleteRun(id).catch((error: unknown) => this.failed(saidOf(error)));
  }
}
