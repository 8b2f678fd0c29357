// The Compare presets: runs built from the form's settings that differ in one thing only.
import { ACTIVATION_NAMES, type ActivationName, type TrainConfig } from '../../gpu';
import { messages, type Catalogue } from '../i18n/messages';

/** A race trains at most this many runs: the worker keeps that many models on the device. */
export const MAX_RACE_RUNS = 8;

const ARTICLE_ACTIVATIONS: ActivationName[] = ['relu', 'leaky_relu', 'sigmoid', 'tanh'];
// Nine activations exist, one more than a race holds; GELU's tanh approximation draws nearly GELU's curve.
const ALL_ACTIVATIONS = ACTIVATION_NAMES.filter((name) => name !== 'gelu_tanh');
const LR_FACTORS = [0.1, 1, 10];
/** Deep enough that a sigmoid's gradients vanish layer by layer on the way back, and ReLU's do not. */
const DEEP_HIDDEN = [256, 128, 64, 32];

type PresetId = 'activations' | 'all-activations' | 'losses' | 'optimizers' | 'learning-rates' | 'deep-sigmoid-relu';

/** A preset whose label (and detail) are read in the page's language at the time they are shown. */
function preset<Id extends PresetId>(id: Id, detail?: (t: Catalogue) => string) {
  return {
    id,
    get label(): string {
      return messages().runs.preset[id];
    },
    get detail(): string | undefined {
      return detail?.(messages());
    },
  };
}

export const COMPARE_PRESETS = [
  preset('activations'),
  preset('all-activations', (t) => t.runs.preset.allActivationsDetail(ALL_ACTIVATIONS.map((name) => t.labels.activation[name]).join(', '), MAX_RACE_RUNS)),
  preset('losses'),
  preset('optimizers'),
  preset('learning-rates'),
  preset('deep-sigmoid-relu', (t) => t.runs.preset.deepDetail(DEEP_HIDDEN.join(', '))),
] as const;

export type ComparePresetId = (typeof COMPARE_PRESETS)[number]['id'];

export const isComparePreset = (id: string): id is ComparePresetId => COMPARE_PRESETS.some((preset) => preset.id === id);

/** 0.1 × 0.001 is 0.00010000000000000002 in floating point; people write 0.0001. */
const roundLr = (lr: number) => Number(lr.toPrecision(12));

/**
 * Each run gets its own copy: a config is the run's from then on. The form's activation parameter
 * (a Leaky ReLU slope, an ELU alpha) is its activation's only: a run of another activation starts
 * from that one's default.
 */
function vary(base: TrainConfig, change: Partial<TrainConfig>): TrainConfig {
  const config: TrainConfig = { ...base, hidden: [...base.hidden], ...change };
  if (config.activation !== base.activation) delete config.activationAlpha;
  return config;
}

/**
 * The runs of a preset: `base` (the form's settings) with one setting varied (the deep pair: on
 * their own hidden layers). Batch size and seed stay, so the runs see the same batches, and
 * start from the same weights where their shapes are equal.
 */
export function comparisonConfigs(presetId: ComparePresetId, base: TrainConfig): TrainConfig[] {
  switch (presetId) {
    case 'activations':
      return ARTICLE_ACTIVATIONS.map((activation) => vary(base, { activation }));
    case 'all-activations':
      return ALL_ACTIVATIONS.map((activation) => vary(base, { activation }));
    case 'losses':
      return (['cross-entropy', 'mse', 'bce'] as const).map((loss) => vary(base, { loss }));
    case 'optimizers':
      return (['sgd', 'momentum', 'adam'] as const).map((optimizer) => vary(base, { optimizer }));
    case 'learning-rates':
      return LR_FACTORS.map((factor) => vary(base, { lr: roundLr(base.lr * factor) }));
    case 'deep-sigmoid-relu':
      return (['sigmoid', 'relu'] as const).map((activation) => vary(base, { activation, hidden: [...DEEP_HIDDEN] }));
  }
}
