// What the training worker says (refusals, why a run failed or diverged), in the page's language: the
// worker is told it in `init` and `language`. zh/worker.ts has the same messages in Chinese.
export const worker = {
  /** "run r-1", "runs r-1, r-2": `ids` joined by commas. */
  runs: (ids: string, count: number) => (count === 1 ? `run ${ids}` : `runs ${ids}`),
  theRun: 'The run',
  runOf: (n: number, count: number) => `Run ${n} of ${count}`,
  explained: (what: string, error: string) => `${what}: ${error}`,
  finishedAll: (id: string) => `run ${id} has finished all its epochs`,
  divergedGoOn: (id: string) => `run ${id} diverged: roll it back to go on`,
  endedByError: (id: string) => `run ${id} was ended by an error and cannot go on`,
  noRunsToCreate: 'there are no runs to create',
  alreadyARun: (id: string) => `there is already a run ${id}`,
  cannotTrainTogether: (count: number, problem: string) => `These ${count} runs cannot train together on this device: ${problem}`,
  noRoom: (count: number) => `There is no room on the device for ${count === 1 ? 'the run' : `${count} more runs`} (pause some first)`,
  couldNotBuild: (which: string, run: string) => `${which} (${run}) could not be built`,
  isTrainingStep: (id: string) => `run ${id} is training: pause it to step it`,
  stepEnded: (runs: string, count: number) => `the step ended ${runs} (see ${count === 1 ? 'its' : 'their'} error)`,
  /** `state`: the run's state in words (status.runState). */
  cannotRollBack: (id: string, state: string) => `only a diverged run, or one rolled back before, can be rolled back (run ${id}: ${state})`,
  cannotTrainNow: (id: string) => `run ${id} cannot train now`,
  isTrainingConfusion: (id: string) => `run ${id} is training: its confusion matrix comes at the end of each epoch`,
  noModelToEvaluate: (id: string) => `run ${id} was ended by an error: there is no model to evaluate`,
  cannotTakeBack: (id: string) => `the stored run ${id} cannot be taken back`,
  noRunsNamed: 'no runs were named',
  cannotNow: (runs: string, doing: string) => `${runs} cannot ${doing} now`,
  doing: { resume: 'resume', step: 'step', 'be evaluated': 'be evaluated' },
  tooManyModels: (count: number, limit: number) => `${count} models would be on the device at once, beyond the limit of ${limit}`,
  tooBig: (count: number, bytes: string, budget: string) =>
    `${count === 1 ? 'it needs' : `the ${count} models need`} about ${bytes} of device memory, beyond the ${budget} this device has for models besides the dataset`,
  /** Between the problems of one run. */
  problemSeparator: '; ',
  cannotBeTrained: (which: string, run: string, problems: string) => `${which} (${run}) cannot be trained here: ${problems}`,
  /** A GPU error: its kind (the engine's GpuErrorKind) in words, and the driver's own words, kept as they are. */
  gpuErrorKind: { validation: 'validation', 'out-of-memory': 'out of memory', internal: 'internal' },
  gpuError: (kind: string, detail: string) => `GPU error (${kind}): ${detail}`,
  endedByGpuError: (kind: string, detail: string) => `The run was ended by a GPU error (${kind}): ${detail}`,
  /** The WebAssembly backend's matmul threads (gpu/wasm/threads.ts); `detail`: the thread worker's own error. */
  threadFailed: (thread: number, detail: string) => `matmul thread ${thread} of the WebAssembly backend failed to start: ${detail}`,
  threadStalled: (thread: number, workers: number, seconds: number) =>
    `matmul thread ${thread} of the ${workers} of the WebAssembly backend gave no answer in ${seconds} s: a thread stopped`,
  kernelsNotLoaded: (status: string) => `the WebAssembly kernels could not be loaded (${status})`,
  /** Why the GPU device went, by WebGPU's reason; an unknown one is followed by the browser's words. */
  lossReason: { destroyed: 'the device was destroyed', unknown: 'the driver or the browser gave it up' },
  failed: (error: string) => `The run failed: ${error}`,
  couldNotMove: (error: string) => `Training could not move to a new device: ${error}`,
  couldNotRestore: (error: string) => `The run could not be restored on the new device: ${error}`,
  lostTwice: 'the GPU device was lost twice while this was being done; try again',
  deviceLost: (why: string) => `the GPU device was lost: ${why}`,
  noDataset: 'The dataset is not loaded yet.',
  noRun: (id: string) => `there is no run ${id} in the worker`,
  noRunToInject: (id: string) => `there is no run ${id} to inject an error into`,
  modelGone: (id: string) => `run ${id} was ended by an error: its model is gone`,
  /** After a refusal for want of room: how many of the runs that stay are training. */
  someTraining: (problem: string, training: number) => `${problem} (${training} of them training)`,
  noActivation: (name: string) => `there is no activation ${name}`,
  noBackend: 'the worker has no backend',
  cellClasses: (last: number) => `a cell is named by two classes from 0 to ${last}`,
  notEvaluated: (id: string) => `run ${id} has not been evaluated yet: its confusion matrix comes at the end of an epoch, or when asked for`,
  deleted: (id: string) => `run ${id} was deleted`,
  noModel: (id: string) => `run ${id} has no model on the device`,
  notSubmitted: 'the step could not be submitted',
  /** What was seen of a run that diverged. */
  weightsNotFinite: "the model's weights became NaN or infinite",
  lossBecame: (loss: string) => `the training loss became ${loss}`,
  lossReached: (loss: string) => `the training loss reached ${loss}`,
  lossStayedHigh: (factor: number, untrained: string, last: string) => `the training loss stayed above ${factor}× the untrained model's ${untrained} (last ${last})`,
};
