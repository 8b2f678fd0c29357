import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, LOSS_NAMES } from '../gpu';
import { ACTIVATIONS } from '../gpu/ops/activation';
import { ACTIVATION_FORMULAS, ELU_ALPHA, LEAKY_RELU_SLOPE, LOSS_FORMULAS, SOFTPLUS_THRESHOLD } from '../app/inside/formulas';
import { LANGUAGES } from '../app/i18n/language';
import { catalogueOf } from '../app/i18n/messages';

const formulas = [
  ...Object.values(ACTIVATION_FORMULAS).flatMap((f) => [f.f, f.df]),
  ...Object.values(LOSS_FORMULAS).flatMap((f) => [f.value, f.gradient]),
];
/** What each language says about the formulas: where the slope is, how the probabilities are made. */
const prose = LANGUAGES.map((language) => {
  const t = catalogueOf(language);
  return { language, slope: t.inside.activation.slope, probabilities: t.insideLens.lens.probabilities };
});

describe('the formulas the inside panels write', () => {
  it('cover every activation and every loss the engine has, and nothing else, in every language', () => {
    expect(Object.keys(ACTIVATION_FORMULAS).sort()).toEqual([...ACTIVATION_NAMES].sort());
    expect(Object.keys(LOSS_FORMULAS).sort()).toEqual([...LOSS_NAMES].sort());
    for (const { slope, probabilities } of prose) {
      expect(Object.keys(slope).sort()).toEqual([...ACTIVATION_NAMES].sort());
      expect(Object.keys(probabilities).sort()).toEqual([...LOSS_NAMES].sort());
    }
  });

  it('are plain readable text, not TeX', () => {
    for (const text of [...formulas, ...prose.flatMap((p) => [...Object.values(p.slope), ...Object.values(p.probabilities)])]) {
      expect(text.trim()).not.toBe('');
      expect(text).not.toMatch(/[\\$]|\^\{|_\{/);
    }
    for (const formula of Object.values(ACTIVATION_FORMULAS)) {
      expect(formula.f.startsWith('f(x) =')).toBe(true);
      expect(formula.df.startsWith('f′(x) =')).toBe(true);
    }
  });

  it('are written the same in every language: no word in them but the names of functions', () => {
    const FUNCTIONS = new Set(['max', 'tanh', 'erf', 'ln', 'softmax']);
    for (const text of formulas) {
      const words = text.match(/[A-Za-z]{2,}/g) ?? [];
      expect(words.filter((word) => !FUNCTIONS.has(word)), text).toEqual([]);
    }
  });

  it('write the parameters the engine uses', () => {
    expect(LEAKY_RELU_SLOPE).toBe(ACTIVATIONS.leaky_relu.defaults.alpha);
    expect(ELU_ALPHA).toBe(ACTIVATIONS.elu.defaults.alpha);
    expect(SOFTPLUS_THRESHOLD).toBe(ACTIVATIONS.softplus.defaults.threshold);
    expect(ACTIVATION_FORMULAS.leaky_relu.f).toContain(String(ACTIVATIONS.leaky_relu.defaults.alpha));
    for (const { slope } of prose) expect(slope.leaky_relu).toContain(String(ACTIVATIONS.leaky_relu.defaults.alpha));
  });

  it('say, in every language, that BCE’s probabilities are independent sigmoids and the others’ a softmax', () => {
    for (const { probabilities } of prose) {
      expect(probabilities.bce).toMatch(/sigmoid/);
      expect(probabilities['cross-entropy']).toMatch(/softmax/);
      expect(probabilities.mse).toMatch(/softmax/);
    }
    expect(LOSS_FORMULAS.mse.value).toContain('1/10');
  });
});

// The gradients written are those of the losses written: each formula, typed in float64 as it reads,
// against central differences of the loss it goes with.
const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const oneHot = (t: number) => Array.from({ length: 10 }, (_, k) => (k === t ? 1 : 0));

const AS_WRITTEN = {
  'cross-entropy': {
    value: (z: number[], t: number) => -Math.log(softmax(z)[t]),
    gradient: (z: number[], t: number) => softmax(z).map((p, k) => p - oneHot(t)[k]),
  },
  mse: {
    value: (z: number[], t: number) => softmax(z).reduce((s, p, k) => s + (p - oneHot(t)[k]) ** 2, 0) / 10,
    gradient: (z: number[], t: number) => {
      const p = softmax(z);
      const g = p.map((pj, j) => (2 / 10) * (pj - oneHot(t)[j]));
      const gp = g.reduce((s, gj, j) => s + gj * p[j], 0);
      return p.map((pk, k) => pk * (g[k] - gp));
    },
  },
  bce: {
    value: (z: number[], t: number) => -z.reduce((s, zk, k) => s + oneHot(t)[k] * Math.log(sigmoid(zk)) + (1 - oneHot(t)[k]) * Math.log(1 - sigmoid(zk)), 0) / 10,
    gradient: (z: number[], t: number) => z.map((zk, k) => (sigmoid(zk) - oneHot(t)[k]) / 10),
  },
};

describe('the loss gradients as written', () => {
  const z = [1.5, -0.3, 4.2, 0, -2.2, 0.7, 3.1, -1, 0.2, 2.5];
  for (const name of LOSS_NAMES) {
    it(`are ∂L/∂z of ${name} as written`, () => {
      const { value, gradient } = AS_WRITTEN[name];
      const h = 1e-6;
      const numeric = z.map((_, k) => {
        const up = z.map((v, i) => (i === k ? v + h : v));
        const down = z.map((v, i) => (i === k ? v - h : v));
        return (value(up, 3) - value(down, 3)) / (2 * h);
      });
      gradient(z, 3).forEach((g, k) => expect(g).toBeCloseTo(numeric[k], 7));
    });
  }
});
