// The inside part of the page's English catalogue, continued (inside.ts has the rest): the first
// layer's weight tiles, the confusion matrix and the loss lens.
import type { LossName, UnitState } from '../../../gpu';

const count = (n: number) => n.toLocaleString('en');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const insideLens = {
  tiles: {
    title: 'What the hidden units look for',
    lookFor:
      'What to look for: strokes and blobs forming out of the initial noise as the run learns. A red pixel raises the unit’s z where a digit has ink there, a blue one lowers it; a tile still noisy after an epoch (often a dead unit) has learnt nothing.',
    scaleTitle: 'Weight, by colour',
    label: (step: number, units: number, scale: string) =>
      `The first layer’s weights at step ${step}: ${units} tiles of 28 × 28, red positive, blue negative, up to ±${scale}`,
    labelMarks: (dead: number, saturated: number) => `; ${dead} dead and ${saturated} saturated units marked.`,
    labelEnd: '.',
    noHidden: 'This run has no hidden layer: these are the output layer’s ten units, one template per digit.',
    shown: (shown: number, total: number, step: number) =>
      `The first ${shown === total ? '' : `${shown} of `}${total} units of layer 1, at step ${count(step)}, on one shared scale.`,
    comesNext: 'The weights come with the next measurement.',
    notInWorker: 'Its model is not in the worker: no weights to show.',
    pointAt: 'Point at a tile (or focus the tiles and use the arrow keys) to read that unit.',
    state: { 0: 'healthy', 1: 'dead', 2: 'saturated' } satisfies Record<UnitState, string>,
    unit: (unit: number) => `Unit ${unit}`,
    /** After the unit's name: its state (or nothing) and its bias. */
    stateAndBias: (state: string | null, bias: string) => `${state ? ` (${state})` : ''}, bias ${bias}: `,
    testImage: (index: number) => `test image ${index}`,
    pad: 'the digit on the pad',
    identity: 'identity',
    read: (source: string, z: string, activation: string, a: string) => `for ${source}, z = ${z} and ${activation}(z) = ${a}.`,
    noInput: 'draw a digit on the pad, or click a test image, to see its z and f(z).',
    unknown: (source: string, why: string | null) => `z and f(z) for ${source} are not known (${why ?? 'on their way'}).`,
    deadUnit: 'dead unit',
    saturatedUnit: 'saturated unit',
    readUnit: 'the unit read below',
  },

  confusion: {
    title: 'Confusion matrix',
    lookFor:
      'What to look for: the bright cells off the diagonal, the digits the model mixes up (4 and 9, 3 and 5, 7 and 2 are common). The diagonal over all the images is the test accuracy. Click a cell to see its images.',
    region: 'The confusion matrix',
    caption: (step: number) =>
      `Rows: the true digit; columns: the model’s answer, on the test images after step ${count(step)}. Colour: the share of the row.`,
    trueDigit: 'True digit ↓',
    predictedDigit: 'Read as (the model’s answer) →',
    accuracy: 'Accuracy',
    cell: (actual: number, predicted: number, images: number, share: string) =>
      `${actual} read as ${predicted}: ${plural(images, 'image', 'images')}, ${share} of the ${actual}s`,
    images: 'Images: ',
    right: 'Right (the diagonal): ',
    worst: (cells: string) => `Most confused: ${cells}`,
    worstCell: (actual: number, predicted: number, times: number) => `${actual} read as ${predicted} (${times})`,
    separator: ', ',
    notYet: 'The matrix comes after each epoch, or now with Evaluate now for a paused run.',
    evaluate: 'Evaluate now',
    evaluating: 'Evaluating…',
    notInWorker: 'Its model is not in the worker.',
    pauseFirst: 'Pause the run to evaluate it now.',
    finding: (actual: number, predicted: number) => `Finding the ${actual === predicted ? `${actual}s read right` : `${actual}s read as ${predicted}`}…`,
    notListed: (why: string) => `The images could not be listed: ${why}.`,
    none: (actual: number, predicted: number) => `No ${actual === predicted ? `${actual}s read right` : `${actual}s read as ${predicted}`}.`,
    listed: (shown: number, total: number, actual: number, predicted: number) =>
      `${shown} of the ${count(total)} ${actual === predicted ? `${actual}s read right` : `${actual}s read as ${predicted}`}, with the model’s probabilities now. Click one to look at it in the loss lens.`,
    image: (index: number, label: number, best: number, bestPercent: number, labelPercent: number) =>
      `Test image ${index}, a ${label}: ${best} at ${bestPercent} %, ${label} at ${labelPercent} %`,
  },

  lens: {
    title: 'The loss at work',
    lookFor:
      'What to look for: set the target to a digit the model is sure is wrong. Cross-entropy’s gradient on that digit’s logit is then close to −1, a strong push; MSE on softmax barely pushes (the softmax is flat where it is sure), and its values are on another scale, averaged over the ten classes. A bar below the line: a step of gradient descent raises that logit; above, lowers it.',
    noInput: 'Draw a digit on the pad, or click a test image in the strip or the confusion matrix.',
    padImage: 'The digit on the pad, as the model sees it',
    pad: 'The digit on the pad',
    testImageLabel: (index: number, label: number) => `Test image ${index}, a ${label}`,
    testImage: (index: number) => `Test image ${index}`,
    target: 'Target digit',
    itsLabel: 'its label',
    modelsAnswer: 'the model’s answer',
    /** How each loss turns the logits into probabilities. */
    probabilities: {
      'cross-entropy': 'softmax: the ten probabilities sum to 1',
      mse: 'softmax: the ten probabilities sum to 1',
      bce: 'ten independent sigmoids σ(zₖ): each digit yes or no, so they need not sum to 1',
    } satisfies Record<LossName, string>,
    probabilitiesAs: (loss: string, how: string, sum: string) => `Probabilities as ${loss.toLowerCase()} defines them: ${how} (here they sum to ${sum}).`,
    outputs: 'The ten logits and probabilities',
    digit: 'Digit',
    logit: 'Logit z',
    probability: 'Probability',
    loss: 'Loss',
    value: 'Value',
    gradient: '∂L/∂z per digit (one scale for all three)',
    formula: 'Formula',
    trained: ' (this run trains on it)',
    /** The gradient bars' x axis: the digit whose logit zₖ the bar is the gradient for. */
    digitK: 'digit k',
    gradientLabel: (loss: string, values: string) => `${loss}: gradient per digit ${values}.`,
    kernels: (target: number) =>
      `y is the target as one-hot: 1 for the target digit t, 0 for the nine others. The values and gradients come from the engine’s loss kernels, the same code that trains; t = ${target} here.`,
    noAnswer: (why: string) => `No answer: ${why}.`,
    asking: 'Asking the model…',
  },
};
