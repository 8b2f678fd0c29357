// The status part of the page's English catalogue: a run's state, why a command cannot act, and the
// notices the page posts; zh/status.ts has the same messages in Chinese. What a notice names as it
// is in every language (a record's key, a field's path, a stored value) comes as a Part, shown as code.
import type { Part, Parts } from '../wording';

export const status = {
  /** A run's state in words, as the Runs table and the Training panel say it. */
  runState: {
    ready: 'Ready',
    training: 'Training',
    paused: 'Paused',
    finished: 'Finished',
    diverged: 'Diverged',
    failed: 'Stopped by a GPU error',
  },
  /** Why the selected run cannot take Pause, Resume or Step, said as the button's reason. */
  whyNot: {
    ready: 'The run has not started',
    training: 'The run is training',
    paused: 'The run is paused',
    finished: 'The run has finished',
    diverged: 'Diverged: roll back from its row',
    failed: 'The run was stopped by a GPU error',
  },
  noRunSelected: 'No run selected',
  workerStopped: 'The training worker has stopped',
  beingBuilt: 'The run is being built',
  notKept: 'Its model was not kept: the run can only be viewed',
  /** Notices about the stored runs; `reason` as state/stored-problem.ts words it (a refusal the worker described in these words, a foreign error's message verbatim). */
  skipped: (key: Part, reason: Parts): Parts => ['A stored run could not be read and was skipped (', key, '): ', ...reason, '. The other runs are here.'],
  modelNotStored: (name: string, reason: Parts): Parts => [`The model of “${name}” is not stored: `, ...reason, '. After a reload the run can be viewed, not trained on.'],
  modelCouldNotBeStored: (name: string, reason: Parts): Parts => [`The model of “${name}” could not be stored: `, ...reason, '.'],
  storedModelUnusable: (name: string, reason: Parts): Parts => [`The stored model of “${name}” could not be used: `, ...reason, '. The run can still be viewed.'],
  /** Why a stored record cannot be read (see state/stored-problem.ts). */
  stored: {
    aList: 'a list',
    anObject: 'an object',
    expected: {
      number: 'a number',
      amount: 'a number ≥ 0',
      count: 'a whole number ≥ 0',
      positive: 'a whole number ≥ 1',
      text: 'text',
      name: 'a non-empty text',
      flag: 'true or false',
      color: 'a colour like #1f77b4',
      list: 'a list',
      object: 'an object',
      message: 'a text, or a message of the catalogue',
    },
    typedArray: (name: Part): Parts => ['a ', name],
    oneOf: (values: Part): Parts => ['one of ', values],
    notARun: (value: Parts): Parts => ['it is ', ...value, ', not a run'],
    noSchema: (field: Part, value: Parts): Parts => ['it has no schema version (', field, ' is ', ...value, '): not a gradlab run'],
    newerSchema: (version: number, newest: number) => `it was written by a newer gradlab (schema ${version}; this page reads up to ${newest})`,
    unknownSchema: (version: number) => `schema ${version} is not one this page can read`,
    wrongValue: (path: Part, value: Parts, expected: Parts): Parts => [path, ' is ', ...value, ', expected ', ...expected],
    recordIs: (value: Parts, expected: Parts): Parts => ['it is ', ...value, ', expected ', ...expected],
    badSetting: (path: Part, problem: string): Parts => [path, ': ', problem],
  },
  /** Notices about the link the page was opened with. */
  link: {
    noParameter: (param: string, value: string, activation: string) => `${param}=${value}: ${activation} has no parameter; it is ignored.`,
    notAComparison: (param: string, value: string, choices: string) => `${param}=${value} is not a comparison; choose one of ${choices}. No comparison is chosen.`,
    notASetting: (name: string) => `The link's parameter "${name}" is not a setting; it is ignored.`,
    refused: (param: string, value: string, problem: string, fallback: string) => `${param}=${value} ${problem}; using ${fallback}.`,
    notANumber: 'is not a number',
    refusedBecause: (error: string) => `is refused: ${error}`,
    momentumUnused: (param: string, value: string) => `${param}=${value}: only SGD with momentum uses momentum; it is ignored.`,
  },
  /** Why the runs or their weights cannot be stored, or a stored one read. */
  storage: {
    noIndexedDb: 'this browser has no IndexedDB',
    otherId: (id: Part): Parts => ['it is stored under another id than its own (', id, ')'],
    noWeights: 'no weights are stored for it',
    othersWeights: (id: Part): Parts => ["the weights stored for it are another run's (", id, ')'],
    tooBig: (megabytes: number, limit: number) => `its weights take ${megabytes} MB, more than the ${limit} MB kept for one run`,
  },
  noClipboard: 'this browser gives no clipboard to a page that is not served over https',
  /** Why a request to the training worker gets no answer. */
  workerNotRunning: 'The training worker is not running.',
  workerRestarted: 'The training worker was restarted before it answered.',
  workerClosed: 'The page closed the training worker before it answered.',
  workerNoAnswer: 'the training worker gave no answer',
  workerCrossedReply: (answered: string, asked: string, id: number) => `The training worker answered '${answered}' to the '${asked}' command ${id}.`,
  workerCrashed: (reason: string) => `The training worker crashed: ${reason}.`,
  unknownError: 'unknown error',
};
