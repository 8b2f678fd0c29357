// A record read back from IndexedDB is outside input (another app, an old version, a damaged disk):
// for any value, validateStoredRun gives a run or a reason worded in every language, never an exception, and a run it accepts
// comes back unchanged when stored again.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import { reduceRun, requestedRun } from '../app/state/run-record';
import { storedRun, validateStoredRun, validateStoredWeights } from '../app/state/stored-run';
import { storedProblemText, Unusable } from '../app/state/stored-problem';
import { LANGUAGES } from '../app/i18n/language';
import { catalogueOf } from '../app/i18n/messages';
import { plainText } from '../app/i18n/wording';

/** A refusal must say something in every language. */
function expectWorded(refusal: Unusable): void {
  for (const language of LANGUAGES) expect(plainText(storedProblemText(refusal.problem, catalogueOf(language))).length, language).toBeGreaterThan(5);
}

function trainedRecord(): Record<string, unknown> {
  let run = requestedRun({ id: 'r-1', raceId: 'r-1', config: APP_DEFAULT_CONFIG, color: '#1f77b4', createdAt: 1_700_000_000_000 });
  run = reduceRun(run, { type: 'run-created', runId: 'r-1', config: APP_DEFAULT_CONFIG, stepsPerEpoch: 469, trainCount: 60_000, step: 0, epoch: 0, initialWeightsHash: '9e3779b9', backend: 'webgpu', adapter: 'SwiftShader' });
  run = reduceRun(run, { type: 'progress', runId: 'r-1', points: [{ step: 10, loss: 2, accuracy: 0.2, seconds: 1 }], step: 10, epoch: 0, samplesPerSec: 900, elapsedMs: 1000 });
  return storedRun(run, 1_700_000_100_000) as unknown as Record<string, unknown>;
}

const VALID = trainedRecord();

/** The valid record with some of its fields (config's too) replaced by any JSON-like value, or removed. */
const damaged = fc
  .array(
    fc.tuple(
      fc.constantFrom(...Object.keys(VALID), ...Object.keys(APP_DEFAULT_CONFIG).map((k) => `config.${k}`)),
      fc.option(fc.jsonValue(), { nil: undefined }),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((changes) => {
    const record = structuredClone(VALID);
    for (const [path, value] of changes) {
      const [head, tail] = path.split('.');
      const inner = record[head];
      // A config already replaced by a number or a list has no fields to damage.
      if (tail && (typeof inner !== 'object' || inner === null || Array.isArray(inner))) continue;
      const target = tail ? (inner as Record<string, unknown>) : record;
      const key = tail ?? head;
      if (value === undefined) delete target[key];
      else target[key] = value;
    }
    return record;
  });

describe('stored run records, for any input', () => {
  it('give a run or a reason, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), damaged), (raw) => {
        const result = validateStoredRun(raw);
        if (result instanceof Unusable) expectWorded(result);
        else expect(validateStoredRun(structuredClone(result))).toEqual(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('give weights or a reason for any value', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const result = validateStoredWeights(raw);
        if (result instanceof Unusable) expectWorded(result);
        else expect(result).toBe(raw);
      }),
      { numRuns: 1000 },
    );
  });
});
