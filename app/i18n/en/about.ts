// The about part of the page's English catalogue ("What is going on"); zh/about.ts has the same messages in Chinese.
export const about = {
  /** Around the link to MNIST, which is named the same in every language. */
  introBefore: 'A multilayer perceptron learns to read handwritten digits. Each 28×28 image of ',
  introAfter:
    ' is 784 numbers; they pass through the hidden layers to 10 outputs, one per digit. Training shows the network 60,000 labelled images in small batches and nudges its weights to lower the loss; the 10,000 test images, never trained on, measure how well it generalises. It all runs in this page: on your GPU through WebGPU, or on the CPU where WebGPU is missing.',
  /** The settings' names as the form writes them, and what each means. */
  glossary: [
    { term: 'Activation', meaning: 'The non-linear function after each hidden layer (ReLU, tanh, GELU…). Without one, the network could only draw straight lines.' },
    { term: 'Loss', meaning: 'How wrongness is measured: cross-entropy on the probabilities, mean squared error, or binary cross-entropy per class.' },
    { term: 'Optimizer', meaning: 'How gradients become weight updates: plain SGD, SGD with momentum, or Adam, which adapts the step per weight.' },
    { term: 'Learning rate', meaning: 'The size of each update. Too small learns slowly, too large diverges.' },
    { term: 'Batch size', meaning: 'Images per step. Larger batches give smoother gradients and fewer steps per epoch.' },
    { term: 'Hidden layers', meaning: 'Units per hidden layer, comma-separated: “128” or “256,128”. An empty field trains a linear classifier.' },
    { term: 'Epochs', meaning: 'Passes over the 60,000 training images. Test accuracy is measured after each.' },
    { term: 'Seed', meaning: 'Fixes the initial weights and the shuffling, so a run can be repeated exactly.' },
  ],
  runs:
    'The settings describe the next run: Train starts it, and every run before it stays in Runs, on the chart and in this browser’s storage. Pause, Resume and Step act on the selected run and the runs trained with it. Compare trains several runs at once that differ in one setting only: they start from the same weights and see the same batches, so the difference between their curves is that setting’s.',
};
