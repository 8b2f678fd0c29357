// The settings form, its buttons, comparisons, the link, imported weights and the PyTorch script, in
// English; zh/settings.ts has the same messages in Chinese. The problems with a setting are in problems.ts.
export const settings = {
  title: 'Settings',
  nextRunHint: 'The settings of the next run: the runs before it stay in Runs.',
  train: 'Train',
  trainTitle: 'Train a new run with these settings',
  couldNotStart: 'Could not start',
  nextRun: (size: string) => `Next run: ${size}.`,
  /** "Train: Fix the settings marked in red.": a control that cannot act, and why. */
  blocked: (control: string, reason: string) => `${control}: ${reason}`,
  loadingData: 'Loading the MNIST data…',
  recovering: 'Moving the runs to a new GPU device…',
  workerStopped: 'The training worker stopped: start it again above.',
  fixTheForm: 'Fix the settings marked in red.',
  selectedRunValue: (value: string) => `the selected run: ${value}`,

  field: {
    activation: 'Activation',
    loss: 'Loss',
    optimizer: 'Optimizer',
    lr: 'Learning rate',
    batchSize: 'Batch size',
    hidden: 'Hidden layers',
    epochs: 'Epochs',
    seed: 'Seed',
    normalize: 'Input normalisation',
    momentum: 'Momentum',
    weightDecay: 'Weight decay',
  },
  hiddenHint: (layers: number, range: string) => `up to ${layers} sizes, ${range} each, like 256,128`,
  leakySlopeHint: (range: string) => `${range}; Leaky ReLU’s f(x) = slope · x below 0`,
  eluAlphaHint: (range: string) => `${range}; ELU’s f(x) = α(eˣ − 1) below 0`,
  momentumHint: (range: string) => `${range}; for SGD with momentum`,
  weightDecayHint: (range: string) => `${range}; added to the gradient as decay × weight`,

  moreSettings: 'More settings',
  changed: (count: number) => `${count} changed`,
  notAsSelectedRun: (count: number) => `${count} not as in the selected run`,
  toFix: (count: number) => `${count} to fix`,
  moreStatus: (parts: string) => ` (${parts})`,

  pause: 'Pause',
  resume: 'Resume',
  step: 'Step',
  couldNotPause: 'Could not pause',
  couldNotResume: 'Could not resume',
  couldNotStep: 'Could not step',
  /** Two buttons named together: "Resume and Step". */
  pair: (first: string, second: string) => `${first} and ${second}`,
  /** "Step: The run has finished." */
  buttonsReason: (buttons: string, reason: string) => `${buttons}: ${reason}.`,
  goOn: (buttons: string, count: number, run: string) => `${buttons} ${count === 1 ? 'continues' : 'continue'} ${run} with its own settings.`,

  compare: 'Compare',
  chooseComparison: 'Choose what to compare.',
  comparisonRuns: (count: number, names: string) => `Trains ${count} runs together, the same in all but this: ${names}.`,
  trainComparison: 'Train comparison',
  couldNotCompare: 'Could not start the comparison',

  copyLink: 'Copy link',
  copyLinkTitle: 'Copy a link that opens the page with these settings',
  linkCopied: 'Link copied',
  couldNotCopyLink: 'Could not copy the link',

  importWeights: 'Import weights',
  itsActivation: 'Its activation',
  itsInputScaling: 'Its input scaling',
  normalization: {
    standard: "standard: MNIST's mean and standard deviation",
    symmetric: 'symmetric: pixels in [−1, 1]',
    unit: 'unit: pixels in [0, 1]',
  },
  /** What a file may not say, each asked for: "its activation or how its inputs were scaled". */
  missingActivation: 'its activation',
  missingNormalization: 'how its inputs were scaled',
  either: (first: string, second: string) => `${first} or ${second}`,
  askMissing: (file: string, layers: string, missing: string) => `${file} holds a ${layers} network but does not say ${missing}: choose, then Import.`,
  import: 'Import',
  cancel: 'Cancel',
  /** `name`: the run's, as the Runs table shows it. */
  imported: (name: string, file: string) => `Imported “${name}” from ${file}`,
  importedScored: (name: string, file: string, accuracy: string) => `Imported “${name}” from ${file}: test accuracy ${accuracy}`,
  couldNotImport: (file: string) => `Could not import ${file}`,

  pytorchCode: 'PyTorch code',
  scriptNotYet: 'The settings above are not valid yet: the script follows them once they are.',
  /** The script's use, around its commands (each shown as code): what it takes, and how it trains on several devices. */
  scriptUse: <Code>(run: Code, torchrun: Code, ddp: Code, load: Code, save: Code): (string | Code)[] => [
    'The same run in PyTorch: ', run, ' (a folder with the four MNIST IDX files) trains on one device; under ', torchrun, ' it trains with ', ddp, '. ',
    load, ' and ', save, ' take .safetensors files, as Export weights writes them.',
  ],
  copyCode: 'Copy code',
  downloadCode: 'Download code',
  codeCopied: 'Code copied',
  couldNotCopyCode: 'Could not copy the code',
  scriptLabel: 'The PyTorch script for these settings',
};
