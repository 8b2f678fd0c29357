// A run as IndexedDB keeps it: the record's schema, its migration from older schemas, and its
// validation. Anything read back is checked whole: a record that was altered, stored by another
// page or by a newer gradlab is skipped with its first problem named, and the other runs load.
import { DEFAULT_CONFIG, validateConfig, type Checkpoint, type TrainConfig } from '../../gpu';
import type { RunId } from '../protocol';
import { INSIDE_FIELDS, noInsides, type RunRecord } from './run-record';

/**
 * Version 1 is the first; 2 added lrChanges, 3 the earlier training of an imported model, 4 that
 * training's learning-rate changes. A change to StoredRun raises it and adds the
 * migration from the one before to MIGRATIONS.
 */
export const SCHEMA_VERSION = 4;

/**
 * A run as the page keeps it; what it had from the worker alone (its model's predictions and
 * insides, its place there) is not kept.
 */
export interface StoredRun extends Omit<RunRecord, Transient | 'initialWeightsHash'> {
  schemaVersion: typeof SCHEMA_VERSION;
  /** When it was written, milliseconds since 1970. */
  savedAt: number;
  initialWeightsHash: string;
}

/** A run's latest checkpoint; the worker checks it whole when it takes the run back. */
export interface StoredWeights {
  runId: RunId;
  checkpoint: Checkpoint;
  savedAt: number;
}

export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a record of schema n into one of schema n + 1. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // A run of schema 1 knew nothing of learning-rate changes: it had none that were recorded.
  1: (record) => ({ ...record, lrChanges: [] }),
  // Before schema 3 an imported model's earlier training was not kept: none is known.
  2: (record) => ({ ...record, earlier: { epochs: 0, steps: 0 } }),
  // Before schema 4 the learning-rate changes of an imported model's file were not read: none is known.
  3: (record) => ({ ...record, earlier: isRecord(record.earlier) ? { ...record.earlier, lrChanges: [] } : record.earlier }),
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as a reason shows it, whatever it is. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'an object';
  return String(value);
}

/** A problem with `value` at `path`, or null. */
type Check = (value: unknown, path: string) => string | null;

const checkThat = (test: (value: unknown) => boolean, expected: string): Check => (value, path) => (test(value) ? null : `${path} is ${shown(value)}, expected ${expected}`);

const number = checkThat((v) => typeof v === 'number', 'a number');
const amount = checkThat((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, 'a number ≥ 0');
const count = checkThat((v) => Number.isSafeInteger(v) && (v as number) >= 0, 'a whole number ≥ 0');
const positive = checkThat((v) => Number.isSafeInteger(v) && (v as number) >= 1, 'a whole number ≥ 1');
const text = checkThat((v) => typeof v === 'string', 'text');
const name = checkThat((v) => typeof v === 'string' && v.length > 0, 'a non-empty text');
const flag = checkThat((v) => typeof v === 'boolean', 'true or false');
const color = checkThat((v) => typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v), 'a colour like #1f77b4');
const oneOf = (values: readonly unknown[]) => checkThat((v) => values.includes(v), `one of ${values.join(', ')}`);

const nullable = (check: Check): Check => (value, path) => (value === null ? null : check(value, path));

function listOf(check: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} is ${shown(value)}, expected a list`;
    for (let i = 0; i < value.length; i++) {
      const problem = check(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };
}

function shape(fields: Record<string, Check>): Check {
  return (value, path) => {
    if (!isRecord(value)) return `${path} is ${shown(value)}, expected an object`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(value[key], path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    return null;
  };
}

const object = checkThat(isRecord, 'an object');
const float32Array = checkThat((v) => v instanceof Float32Array, 'a Float32Array');

/** Each field of the type the engine's defaults have (validateConfig reads them as such), then the engine's own validation. */
const configFields = shape(
  Object.fromEntries(
    Object.entries(DEFAULT_CONFIG).map(([key, fallback]) => [key, Array.isArray(fallback) ? listOf(number) : checkThat((v) => typeof v === typeof fallback, `a ${typeof fallback}`)]),
  ),
);

const config: Check = (value, path) => {
  const problem = configFields(value, path);
  if (problem) return problem;
  const [invalid] = Object.entries(validateConfig(value as TrainConfig));
  return invalid ? `${path}.${invalid[0]}: ${invalid[1]}` : null;
};

const INCIDENTS: Record<string, Check> = {
  diverged: shape({ seen: text, step: count, rollback: shape({ step: count, lr: amount }) }),
  'rolled-back': shape({ step: count, lr: amount }),
  'gpu-error': shape({ message: text }),
};

const incident: Check = (value, path) => {
  if (!isRecord(value)) return `${path} is ${shown(value)}, expected an object`;
  const check = INCIDENTS[String(value.kind)];
  return check ? check(value, path) : `${path}.kind is ${shown(value.kind)}, expected one of ${Object.keys(INCIDENTS).join(', ')}`;
};

const LR_CHANGE = shape({ step: count, from: amount, to: amount });

const STORED_RUN = {
  schemaVersion: oneOf([SCHEMA_VERSION]),
  id: name,
  raceId: name,
  customName: nullable(text),
  config,
  lrChanges: listOf(LR_CHANGE),
  earlier: shape({ epochs: count, steps: count, lrChanges: listOf(LR_CHANGE) }),
  color,
  createdAt: amount,
  savedAt: amount,
  state: oneOf(['ready', 'training', 'paused', 'finished', 'diverged', 'failed']),
  step: count,
  epoch: count,
  stepsPerEpoch: positive,
  trainCount: positive,
  points: listOf(shape({ step: count, loss: number, accuracy: number, seconds: number })),
  pointGrid: positive,
  epochs: listOf(shape({ epoch: count, step: count, testAccuracy: number, testLoss: number, seconds: number })),
  lastLoss: nullable(number),
  samplesPerSec: amount,
  elapsedMs: amount,
  backend: nullable(oneOf(['webgpu', 'wasm', 'cpu'])),
  adapter: nullable(text),
  initialWeightsHash: name,
  visible: flag,
  incident: nullable(incident),
} satisfies Record<keyof StoredRun, Check>;
const storedRunProblem = shape(STORED_RUN);

const STORED_WEIGHTS = shape({ runId: name, savedAt: amount, checkpoint: shape({ config: object, parameters: listOf(float32Array) }) });

/** The record in the current schema, through each migration from its own; or why it cannot be. */
export function migrate(raw: unknown, migrations = MIGRATIONS, current = SCHEMA_VERSION): Record<string, unknown> | string {
  if (!isRecord(raw)) return `it is ${shown(raw)}, not a run`;
  let record = raw;
  const version = record.schemaVersion;
  if (!Number.isSafeInteger(version)) return `it has no schema version (schemaVersion is ${shown(version)}): not a gradlab run`;
  if ((version as number) > current) return `it was written by a newer gradlab (schema ${version}; this page reads up to ${current})`;
  for (let from = version as number; from < current; from++) {
    const migration = migrations[from];
    if (!migration) return `schema ${from} is not one this page can read`;
    record = { ...migration(record), schemaVersion: from + 1 };
  }
  return record;
}

/** `raw`, as read from the runs store, as a run of the current schema, or the reason it is not one. */
export function validateStoredRun(raw: unknown, migrations = MIGRATIONS): StoredRun | string {
  const record = migrate(raw, migrations);
  if (typeof record === 'string') return record;
  return storedRunProblem(record, '') ?? (record as unknown as StoredRun);
}

/** The page checks what it needs to know which run the weights are of; the worker checks the checkpoint whole. */
export function validateStoredWeights(raw: unknown): StoredWeights | string {
  return STORED_WEIGHTS(raw, '') ?? (raw as StoredWeights);
}

/**
 * What a run had from the worker alone: its model's predictions and insides (the statistics come
 * again from the model once it trains or is watched), and whether the worker and storage hold its model.
 */
const TRANSIENT = ['samplePredictions', 'inWorker', 'hasStoredWeights', ...INSIDE_FIELDS] as const satisfies readonly (keyof RunRecord)[];
type Transient = (typeof TRANSIENT)[number];
const TRANSIENT_KEYS: ReadonlySet<string> = new Set(TRANSIENT);

/** Whether `a` and `b` store the same: a change of what the worker alone showed (the insides, a few times a second) is no reason to write. */
export function sameStoredFields(a: RunRecord, b: RunRecord): boolean {
  return (Object.keys(a) as (keyof RunRecord)[]).every((key) => TRANSIENT_KEYS.has(key) || Object.is(a[key], b[key]));
}

/** null for a run the worker has not built yet: there is nothing to come back to. */
export function storedRun(run: RunRecord, savedAt: number): StoredRun | null {
  if (run.initialWeightsHash === null) return null;
  const stored: Record<string, unknown> = { ...run, schemaVersion: SCHEMA_VERSION, savedAt };
  for (const key of TRANSIENT) delete stored[key];
  return stored as unknown as StoredRun;
}

export function runFromStored(stored: StoredRun, hasStoredWeights: boolean): RunRecord {
  const run: Record<string, unknown> = { ...stored, samplePredictions: null, inWorker: false, hasStoredWeights, ...noInsides() };
  delete run.schemaVersion;
  delete run.savedAt;
  return run as unknown as RunRecord;
}
