// The about part of the page's English catalogue ("What is going on"); zh/about.ts has the same messages in Chinese.
import type { DraftField } from '../../config-form';

export const about = {
  /** Around the link to MNIST, which is named the same in every language. */
  introBefore: 'A multilayer perceptron learns to read handwritten digits. Each 28×28 image of ',
  introAfter:
    ' is 784 numbers; they pass through the hidden layers to 10 outputs, one per digit. Training shows the network 60,000 labelled images in small batches and nudges its weights to lower the loss; the 10,000 test images, never trained on, measure how well it generalises. It all runs in this page: on your GPU through WebGPU, or on the CPU where WebGPU is missing.',
  /** What each setting means, keyed by the form's field: the About section names each by the form's own label. */
  glossary: {
    activation: 'The non-linear function after each hidden layer (ReLU, Tanh, GELU…). Without one, the network could only draw straight lines.',
    loss: 'How wrongness is measured: cross-entropy on the probabilities, mean squared error, or binary cross-entropy per class.',
    optimizer: 'How gradients become weight updates: plain SGD, SGD with momentum, or Adam, which adapts the step per weight.',
    lr: 'The size of each update. Too small learns slowly, too large diverges.',
    batchSize: 'Images per step. Larger batches give smoother gradients and fewer steps per epoch.',
    hidden: 'Units per hidden layer, comma-separated: “128” or “256,128”. An empty field trains a linear classifier.',
    epochs: 'Passes over the 60,000 training images. Test accuracy is measured after each.',
    seed: 'Fixes the initial weights and the shuffling, so a run can be repeated exactly.',
    normalize: 'How the pixels are scaled before the first layer: to MNIST’s mean and standard deviation, to [−1, 1] or to [0, 1].',
    leakySlope: 'How much of a negative input Leaky ReLU lets through: f(x) = slope · x below 0.',
    eluAlpha: 'The value ELU tends to for very negative inputs: f(x) = α(eˣ − 1) below 0.',
    momentum: 'How much of the previous update SGD with momentum carries into the next: 0 is plain SGD.',
    weightDecay: 'Pulls every weight a little towards zero at each step, against overfitting.',
  } satisfies Record<DraftField, string>,
  /** The names of the form's and the Runs table's buttons, as they are written there. */
  runs: (train: string, runs: string, pause: string, resume: string, step: string, compare: string, trainComparison: string) =>
    `The settings describe the next run: ${train} starts it, and every run before it stays in ${runs}, on the chart and in this browser’s storage. ${pause}, ${resume} and ${step} act on the selected run and the runs trained with it. ${trainComparison} trains together the runs chosen under ${compare}, which differ in one setting only: they start from the same weights and see the same batches, so the difference between their curves is that setting’s.`,
};
