// A run as IndexedDB keeps it: the record's schema, its migration from older schemas, and its
// validation. Anything read back is checked whole: a record that was altered, stored by another
// page or by a newer gradlab is skipped with its first problem named, and the other runs load.
import { configProblems, DEFAULT_CONFIG, type Checkpoint, type TrainConfig } from '../../gpu';
import { LANGUAGES } from '../i18n/language';
import { catalogueOf } from '../i18n/messages';
import { isSaid } from '../i18n/said';
import type { RunId } from '../protocol';
import { runName } from '../runs/naming';
import { INSIDE_FIELDS, noInsides, type RunOrigin, type RunRecord } from './run-record';
import { Unusable, type Expectation, type ShownValue, type StoredProblem } from './stored-problem';

/**
 * Version 1 is the first; 2 added lrChanges, 3 the earlier training of an imported model, 4 that
 * training's learning-rate changes, 5 the run's origin, 6 a failure as the worker described it
 * (worded when shown), 7 what a diverged run showed, described so too. A change to StoredRun raises
 * it and adds the migration from the one before to MIGRATIONS.
 */
export const SCHEMA_VERSION = 7;

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
  // Before schema 5 an imported run said so in its name, in the page's language of that moment.
  4: (record) => ({ ...record, ...originFromName(record) }),
  // Before schema 6 a failure was stored worded, in the page's language of that moment: a text, which
  // a Said keeps as it is, so it stays shown as it was.
  5: (record) => record,
  // Before schema 7 what a diverged run showed was stored worded, as a failure was before schema 6: it stays as it was.
  6: (record) => record,
};

/** What schema 4 wrote after an imported run's name, in each language the page spoke then. */
const IMPORTED_SUFFIXES = [' (imported)', '（导入）'];

/**
 * A name ending as an imported run's did is an imported run's: where the rest is the name its
 * settings make (in any language), it gives way to the name they make now, worded when shown;
 * a name the user wrote stays as written.
 */
function originFromName(record: Record<string, unknown>): { origin: RunOrigin; customName: unknown } {
  const { customName } = record;
  const suffix = typeof customName === 'string' ? IMPORTED_SUFFIXES.find((ending) => customName.endsWith(ending)) : undefined;
  if (suffix === undefined) return { origin: 'new', customName };
  const generated = config(record.config, 'config') === null && LANGUAGES.some((language) => runName(record.config as TrainConfig, catalogueOf(language)) + suffix === customName);
  return { origin: 'imported', customName: generated ? null : customName };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as a reason shows it, whatever it is. */
function shown(value: unknown): ShownValue {
  if (Array.isArray(value)) return { kind: 'list' };
  if (isRecord(value)) return { kind: 'object' };
  return { kind: 'as-stored', text: typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value) };
}

/** A problem with `value` at `path`, or null. */
type Check = (value: unknown, path: string) => StoredProblem | null;

const checkThat =
  (test: (value: unknown) => boolean, expected: Expectation): Check =>
  (value, path) =>
    test(value) ? null : { kind: 'wrong-value', path, value: shown(value), expected };

const number = checkThat((v) => typeof v === 'number', 'number');
const amount = checkThat((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, 'amount');
const count = checkThat((v) => Number.isSafeInteger(v) && (v as number) >= 0, 'count');
const positive = checkThat((v) => Number.isSafeInteger(v) && (v as number) >= 1, 'positive');
const text = checkThat((v) => typeof v === 'string', 'text');
const said = checkThat(isSaid, 'message');
const name = checkThat((v) => typeof v === 'string' && v.length > 0, 'name');
const flag = checkThat((v) => typeof v === 'boolean', 'flag');
const color = checkThat((v) => typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v), 'color');
const oneOf = (values: readonly unknown[]) => checkThat((v) => values.includes(v), { oneOf: values.map(String) });

const nullable = (check: Check): Check => (value, path) => (value === null ? null : check(value, path));

function listOf(check: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return { kind: 'wrong-value', path, value: shown(value), expected: 'list' };
    for (let i = 0; i < value.length; i++) {
      const problem = check(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };
}

function shape(fields: Record<string, Check>): Check {
  return (value, path) => {
    if (!isRecord(value)) return { kind: 'wrong-value', path, value: shown(value), expected: 'object' };
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(value[key], path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    return null;
  };
}

const object = checkThat(isRecord, 'object');
const float32Array = checkThat((v) => v instanceof Float32Array, 'float32-array');

/** What a field of the engine's defaults is checked as, by its type. */
const EXPECTED_TYPE: Record<string, Expectation> = { number: 'number', string: 'text', boolean: 'flag' };

/** Each field of the type the engine's defaults have (configProblems reads them as such), then the engine's own validation. */
const configFields = shape(
  Object.fromEntries(
    Object.entries(DEFAULT_CONFIG).map(([key, fallback]) => [key, Array.isArray(fallback) ? listOf(number) : checkThat((v) => typeof v === typeof fallback, EXPECTED_TYPE[typeof fallback])]),
  ),
);

const config: Check = (value, path) => {
  const problem = configFields(value, path);
  if (problem) return problem;
  const [invalid] = Object.values(configProblems(value as TrainConfig));
  return invalid ? { kind: 'bad-setting', path: `${path}.${invalid.field}`, problem: invalid } : null;
};

const INCIDENTS: Record<string, Check> = {
  diverged: shape({ seen: said, step: count, rollback: shape({ step: count, lr: amount }) }),
  'rolled-back': shape({ step: count, lr: amount }),
  'gpu-error': shape({ message: said }),
};

const incident: Check = (value, path) => {
  if (!isRecord(value)) return { kind: 'wrong-value', path, value: shown(value), expected: 'object' };
  const check = INCIDENTS[String(value.kind)];
  return check ? check(value, path) : { kind: 'wrong-value', path: `${path}.kind`, value: shown(value.kind), expected: { oneOf: Object.keys(INCIDENTS) } };
};

const LR_CHANGE = shape({ step: count, from: amount, to: amount });

const STORED_RUN = {
  schemaVersion: oneOf([SCHEMA_VERSION]),
  id: name,
  raceId: name,
  customName: nullable(text),
  origin: oneOf(['new', 'imported'] satisfies RunOrigin[]),
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
export function migrate(raw: unknown, migrations = MIGRATIONS, current = SCHEMA_VERSION): Record<string, unknown> | Unusable {
  if (!isRecord(raw)) return new Unusable({ kind: 'not-a-run', value: shown(raw) });
  let record = raw;
  const version = record.schemaVersion;
  if (!Number.isSafeInteger(version)) return new Unusable({ kind: 'no-schema', value: shown(version) });
  if ((version as number) > current) return new Unusable({ kind: 'newer-schema', version: version as number, newest: current });
  for (let from = version as number; from < current; from++) {
    const migration = migrations[from];
    if (!migration) return new Unusable({ kind: 'unknown-schema', version: from });
    record = { ...migration(record), schemaVersion: from + 1 };
  }
  return record;
}

const unusable = (problem: StoredProblem | null) => (problem ? new Unusable(problem) : null);

/** `raw`, as read from the runs store, as a run of the current schema, or the reason it is not one. */
export function validateStoredRun(raw: unknown, migrations = MIGRATIONS): StoredRun | Unusable {
  const record = migrate(raw, migrations);
  if (record instanceof Unusable) return record;
  return unusable(storedRunProblem(record, '')) ?? (record as unknown as StoredRun);
}

/** The page checks what it needs to know which run the weights are of; the worker checks the checkpoint whole. */
export function validateStoredWeights(raw: unknown): StoredWeights | Unusable {
  return unusable(STORED_WEIGHTS(raw, '')) ?? (raw as StoredWeights);
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
