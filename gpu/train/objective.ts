// What a run minimises and how it reads its outputs: the three losses, each from logits and integer
// labels to a scalar, and the class probabilities as each loss defines them. The trainer trains
// with these, and the inspector evaluates them at one input, so the page shows the same code.
import { activation } from '../ops/activation';
import { oneHot } from '../ops/classes';
import { bceWithLogits, mse, softmaxCrossEntropy } from '../ops/losses';
import { softmax } from '../ops/softmax';
import type { Tensor } from '../tensor';
import { CLASSES, type LossName } from './config';

export const LOSSES: Record<LossName, (logits: Tensor, labels: Tensor) => Tensor> = {
  'cross-entropy': softmaxCrossEntropy,
  mse: (logits, labels) => mse(softmax(logits), oneHot(labels, CLASSES)),
  bce: (logits, labels) => bceWithLogits(logits, oneHot(labels, CLASSES)),
};

/**
 * A softmax over the ten logits for cross-entropy and for MSE on the softmax; ten independent
 * sigmoids for BCE, which need not sum to 1.
 */
export const PROBABILITIES: Record<LossName, (logits: Tensor) => Tensor> = {
  'cross-entropy': softmax,
  mse: softmax,
  bce: (logits) => activation(logits, 'sigmoid'),
};
