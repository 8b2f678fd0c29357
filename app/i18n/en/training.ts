// The training panel, the phone's status bar, the test images, and what the page says when the worker
// or a run runs into trouble, in English; zh/training.ts has the same messages in Chinese.

export const training = {
  title: 'Training',
  run: (name: string) => `Run: ${name}`,
  noRun: 'Run: none yet',
  /** The pill while the worker is not ready; else the run's state. */
  loading: 'Loading',
  recovering: 'Recovering',
  stopped: 'Stopped',
  ready: 'Ready',
  epoch: 'Epoch',
  step: 'Step',
  samplesPerSecond: 'Samples/s',
  elapsed: 'Elapsed',
  loss: 'Loss',
  testAccuracy: 'Test accuracy',

  statusBar: 'Training status',
  test: 'Test',
  chart: 'Chart',
  pauseTraining: 'Pause training',
  resumeTraining: 'Resume training',

  testImages: 'Test images',
  noModel: 'Predictions appear once the selected run has a model.',
  modelAfter: (step: string) => `The model after step ${step}`,
  noPredictions: (model: string) => `${model} gives no predictions: its outputs are not numbers.`,
  predictionsRight: (model: string, right: number, count: number) => `${model}: ${right} of ${count} right; wrong ones are marked in red.`,
  predicted: (digit: number, percentSure: number) => `predicted ${digit} (${percentSure} % sure)`,
  predictedWrong: (digit: number, percentSure: number) => `predicted ${digit} (${percentSure} % sure), wrong`,
  notPredicted: 'not predicted yet',
  testImage: (index: number, label: number, verdict: string) => `Test image ${index}, a ${label}, ${verdict}`,
  lookInside: (description: string) => `${description}: look at it inside the network`,
  clickAnImage: 'Click an image to see what the loss makes of it, inside the network.',

  /** What the divergence watch saw. */

  deviceLost: (reason: string) => `The GPU device was lost (${reason}).`,
  movingRuns: 'Moving every run to a new device…',
  runsRestored: 'The runs are on a new device, each restored from its own last checkpoint.',
  runsRestoredFrom: (step: string) => `The runs are on a new device, each restored from its own last checkpoint (this one from step ${step}).`,
  dataFailed: (reason: string) => `The MNIST dataset could not be loaded. ${reason}`,
  retry: 'Retry',
  couldNotReload: 'Could not load the data again',
  workerSilent: 'The training worker has stopped answering: it crashed, or is stuck in a very long step.',
  startAgain: 'Start again',
  rollBack: (step: string, lr: number) => `Roll back to step ${step} with learning rate ${lr}`,
  couldNotRollBack: 'Could not roll back',
  diverged: (step: string, seen: string) => `Training stopped at step ${step}: ${seen}. The model diverged: its learning rate is too large.`,
  rolledBack: (step: string, lr: number) => `Rolled back to step ${step}: training carries on with learning rate ${lr}.`,
  gpuError: (error: string) => `${error} The other runs go on; Train starts a new one.`,
};
