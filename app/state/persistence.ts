// The runs in IndexedDB (through idb): their records, and the weights of the most recent ones, so
// that the history outlives a reload or a crashed tab. Nothing here throws at the page for a bad
// record: it is skipped with its reason.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Checkpoint } from '../../gpu';
import type { RunId } from '../protocol';
import { said, SaidError, saidOf, type Said } from '../i18n/said';
import { Unusable, type StoredProblem } from './stored-problem';
import { validateStoredRun, validateStoredWeights, type StoredRun, type StoredWeights } from './stored-run';

export const DB_NAME = 'gradlab';
/** The database's own version: its stores and indexes. A record's schema has its own (SCHEMA_VERSION). */
export const DB_VERSION = 1;
/** At least 8, as the issue asks; each is a model with its optimiser state and data order. */
export const MAX_STORED_WEIGHTS = 8;
/** A checkpoint larger than this is not stored: a few of them would use up a typical origin quota. */
export const MAX_WEIGHTS_BYTES = 64 * 1024 * 1024;

export interface GradlabDb extends DBSchema {
  /** Keyed by run id, out of line: a record is read as unknown and checked, whatever was written. */
  runs: { key: string; value: unknown };
  weights: { key: string; value: StoredWeights; indexes: { 'by-saved-at': number } };
}

export type OpenDatabase = () => Promise<IDBPDatabase<GradlabDb>>;

export const openGradlabDb: OpenDatabase = () => {
  if (typeof indexedDB === 'undefined') return Promise.reject(new SaidError(said('status', 'storage', 'noIndexedDb')));
  return openDB<GradlabDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('runs');
        db.createObjectStore('weights').createIndex('by-saved-at', 'savedAt');
      }
    },
    // Another tab wants a newer database: this one lets it have it, and its own writes fail from then on.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
};

export interface LoadedRuns {
  runs: StoredRun[];
  /** The ids of runs with stored weights. */
  withWeights: Set<RunId>;
  skipped: { key: string; problem: StoredProblem }[];
}

export interface SavedWeights {
  stored: boolean;
  /** Why not, when not. */
  reason?: StoredProblem;
  /** Runs whose weights went to make room. */
  evicted: RunId[];
}

/** The bytes a checkpoint's arrays hold. */
export function checkpointBytes(checkpoint: Checkpoint): number {
  const arrays = [checkpoint.order, ...checkpoint.parameters, ...checkpoint.optimizerState];
  return arrays.reduce((sum, array) => sum + array.byteLength, 0);
}

/** What the page needs of storage (a test gives its own). */
export interface RunStore {
  loadRuns(): Promise<LoadedRuns>;
  loadWeights(runId: RunId): Promise<Checkpoint | Unusable>;
  saveRun(run: StoredRun): Promise<void>;
  saveWeights(runId: RunId, checkpoint: Checkpoint): Promise<SavedWeights>;
  deleteRun(runId: RunId): Promise<void>;
}

export type OpenedStore = RunStore | { reason: Said };

export class RunStorage implements RunStore {
  private constructor(private readonly db: IDBPDatabase<GradlabDb>) {}

  /** The storage, or why there is none (no IndexedDB, private mode, a refused open). */
  static async open(open: OpenDatabase = openGradlabDb): Promise<OpenedStore> {
    try {
      return new RunStorage(await open());
    } catch (error) {
      return { reason: saidOf(error) };
    }
  }

  /** Every run that reads as one; the others with why not. Never throws for a bad record. */
  async loadRuns(): Promise<LoadedRuns> {
    const tx = this.db.transaction(['runs', 'weights']);
    const runs = tx.objectStore('runs');
    const [keys, values, weightKeys] = await Promise.all([runs.getAllKeys(), runs.getAll(), tx.objectStore('weights').getAllKeys()]);
    await tx.done;
    const loaded: LoadedRuns = { runs: [], withWeights: new Set(), skipped: [] };
    keys.forEach((key, i) => {
      const run = validateStoredRun(values[i]);
      if (run instanceof Unusable) loaded.skipped.push({ key: String(key), problem: run.problem });
      else if (run.id !== key) loaded.skipped.push({ key: String(key), problem: { kind: 'other-id', id: run.id } });
      else loaded.runs.push(run);
    });
    const ids = new Set(loaded.runs.map((run) => run.id));
    for (const key of weightKeys) if (ids.has(key)) loaded.withWeights.add(key);
    return loaded;
  }

  /** The run's checkpoint, or why there is none to use. */
  async loadWeights(runId: RunId): Promise<Checkpoint | Unusable> {
    const raw: unknown = await this.db.get('weights', runId);
    if (raw === undefined) return new Unusable({ kind: 'no-weights' });
    const weights = validateStoredWeights(raw);
    if (weights instanceof Unusable) return weights;
    return weights.runId === runId ? weights.checkpoint : new Unusable({ kind: 'others-weights', id: weights.runId });
  }

  async saveRun(run: StoredRun): Promise<void> {
    await this.db.put('runs', run, run.id);
  }

  /** Keeps the checkpoint, and only the newest MAX_STORED_WEIGHTS, in one transaction. */
  async saveWeights(runId: RunId, checkpoint: Checkpoint, savedAt = Date.now()): Promise<SavedWeights> {
    const bytes = checkpointBytes(checkpoint);
    if (bytes > MAX_WEIGHTS_BYTES) {
      return { stored: false, reason: { kind: 'too-big', megabytes: Math.round(bytes / 2 ** 20), limit: MAX_WEIGHTS_BYTES / 2 ** 20 }, evicted: [] };
    }
    const tx = this.db.transaction('weights', 'readwrite');
    await tx.store.put({ runId, checkpoint, savedAt }, runId);
    // The index gives the runs' keys oldest first, without reading their checkpoints.
    const oldestFirst = await tx.store.index('by-saved-at').getAllKeys();
    const evicted = oldestFirst.slice(0, Math.max(0, oldestFirst.length - MAX_STORED_WEIGHTS));
    await Promise.all(evicted.map((key) => tx.store.delete(key)));
    await tx.done;
    return { stored: true, evicted };
  }

  /** The run's record and its weights. */
  async deleteRun(runId: RunId): Promise<void> {
    const tx = this.db.transaction(['runs', 'weights'], 'readwrite');
    await Promise.all([tx.objectStore('runs').delete(runId), tx.objectStore('weights').delete(runId), tx.done]);
  }

  close(): void {
    this.db.close();
  }
}
