// Why a stored run or its weights cannot be used, as data (a kind and the values it names), worded
// when it is shown, in the page's language then (see status.stored in the catalogue).
import { describeProblem, type ConfigProblem } from '../../gpu';
import type { Catalogue } from '../i18n/messages';
import { saidOf, word, type Said } from '../i18n/said';
import { verbatim, type Parts } from '../i18n/wording';

/** A value as a reason shows it: as stored (text quoted, long text cut), or what it is. */
export type ShownValue = { kind: 'as-stored'; text: string } | { kind: 'list' } | { kind: 'object' };

/** What a field should have held. */
export type Expectation =
  | 'number'
  | 'amount'
  | 'count'
  | 'positive'
  | 'text'
  | 'name'
  | 'flag'
  | 'color'
  | 'list'
  | 'object'
  | 'message'
  | 'float32-array'
  | { oneOf: readonly string[] };

export type StoredProblem =
  | { kind: 'not-a-run'; value: ShownValue }
  | { kind: 'no-schema'; value: ShownValue }
  | { kind: 'newer-schema'; version: number; newest: number }
  | { kind: 'unknown-schema'; version: number }
  /** `path`: where in the record, as `earlier.lrChanges[0].to`; "" for the record itself. */
  | { kind: 'wrong-value'; path: string; value: ShownValue; expected: Expectation }
  /** A configuration of the right types that the engine refuses. */
  | { kind: 'bad-setting'; path: string; problem: ConfigProblem }
  | { kind: 'other-id'; id: string }
  | { kind: 'no-weights' }
  | { kind: 'others-weights'; id: string }
  | { kind: 'too-big'; megabytes: number; limit: number }
  /** A read or write of storage failed, or the worker refused the model: `reason`, described (see i18n/said.ts) or as it came. */
  | { kind: 'refused'; reason: Said };

/** `error` as a problem: the worker's refusal keeps its description, so it is worded when shown; a foreign error (IndexedDB's) keeps its message. */
export const refusedBy = (error: unknown): StoredProblem => ({ kind: 'refused', reason: saidOf(error) });

/** What a read or write of storage gives in place of a record it cannot use: told apart from any record, whatever its fields. */
export class Unusable {
  constructor(readonly problem: StoredProblem) {}
}

function valueText(value: ShownValue, t: Catalogue): Parts {
  const { stored } = t.status;
  if (value.kind === 'list') return [stored.aList];
  if (value.kind === 'object') return [stored.anObject];
  return [verbatim(value.text)];
}

function expectationText(expected: Expectation, t: Catalogue): Parts {
  const { stored } = t.status;
  if (expected === 'float32-array') return stored.typedArray(verbatim('Float32Array'));
  if (typeof expected === 'string') return [stored.expected[expected]];
  return stored.oneOf(verbatim(expected.oneOf.join(', ')));
}

/** The problem in the words of `t`; paths, keys and stored values verbatim. */
export function storedProblemText(problem: StoredProblem, t: Catalogue): Parts {
  const { stored, storage } = t.status;
  switch (problem.kind) {
    case 'not-a-run':
      return stored.notARun(valueText(problem.value, t));
    case 'no-schema':
      return stored.noSchema(verbatim('schemaVersion'), valueText(problem.value, t));
    case 'newer-schema':
      return [stored.newerSchema(problem.version, problem.newest)];
    case 'unknown-schema':
      return [stored.unknownSchema(problem.version)];
    case 'wrong-value':
      if (problem.path === '') return stored.recordIs(valueText(problem.value, t), expectationText(problem.expected, t));
      return stored.wrongValue(verbatim(problem.path), valueText(problem.value, t), expectationText(problem.expected, t));
    case 'bad-setting':
      return stored.badSetting(verbatim(problem.path), describeProblem(problem.problem, t.problems));
    case 'other-id':
      return storage.otherId(verbatim(problem.id));
    case 'no-weights':
      return [storage.noWeights];
    case 'others-weights':
      return storage.othersWeights(verbatim(problem.id));
    case 'too-big':
      return [storage.tooBig(problem.megabytes, problem.limit)];
    case 'refused':
      return typeof problem.reason === 'string' ? [verbatim(problem.reason)] : [word(problem.reason, t)];
  }
}
