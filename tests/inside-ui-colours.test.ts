import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  divergingColour,
  LAYER_COLOURS,
  luminance,
  NEGATIVE,
  parseHex,
  POSITIVE,
  shareColour,
  textColourOn,
  ZERO,
} from '../app/inside/colours';
import { RING_COLOURS } from '../app/inside/tiles';

const WHITE = [255, 255, 255] as const;
const steps = (n: number) => Array.from({ length: n + 1 }, (_, i) => i / n);

describe('the diverging colour map of the weights', () => {
  it('is centred on zero: white at 0, blue at −scale, red at +scale, clamped beyond', () => {
    expect(divergingColour(0, 2)).toEqual(ZERO);
    expect(divergingColour(-2, 2)).toEqual(NEGATIVE);
    expect(divergingColour(2, 2)).toEqual(POSITIVE);
    expect(divergingColour(-50, 2)).toEqual(NEGATIVE);
    expect(divergingColour(50, 2)).toEqual(POSITIVE);
  });

  it('is symmetric: the same distance from white for v and −v', () => {
    for (const t of steps(10)) {
      const distance = (c: readonly number[]) => Math.hypot(...c.map((v, i) => v - ZERO[i]));
      const ratio = distance(divergingColour(t, 1)) / Math.hypot(...POSITIVE.map((v, i) => v - ZERO[i]));
      const mirrored = distance(divergingColour(-t, 1)) / Math.hypot(...NEGATIVE.map((v, i) => v - ZERO[i]));
      expect(ratio).toBeCloseTo(mirrored, 1);
    }
  });

  it('grows darker monotonically away from zero on both sides', () => {
    const lum = steps(20).map((t) => luminance(divergingColour(t, 1)));
    const lumNeg = steps(20).map((t) => luminance(divergingColour(-t, 1)));
    for (let i = 1; i < lum.length; i++) {
      expect(lum[i]).toBeLessThanOrEqual(lum[i - 1]);
      expect(lumNeg[i]).toBeLessThanOrEqual(lumNeg[i - 1]);
    }
  });

  it('draws what is not a number, or a zero scale, as zero', () => {
    expect(divergingColour(NaN, 1)).toEqual(ZERO);
    expect(divergingColour(1, 0)).toEqual(ZERO);
  });
});

describe('contrast', () => {
  it('computes WCAG ratios: black on white is 21:1', () => {
    expect(contrastRatio([0, 0, 0], WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBeCloseTo(1, 5);
  });

  it('keeps the confusion matrix’s numbers at 4.5:1 or more on every row share', () => {
    for (const share of steps(200)) {
      const background = shareColour(share);
      expect(contrastRatio(textColourOn(background), background)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps every line, ring and marker colour at 3:1 or more against the white panel', () => {
    for (const colour of [...LAYER_COLOURS, RING_COLOURS[1], RING_COLOURS[2]]) expect(contrastRatio(parseHex(colour), WHITE)).toBeGreaterThanOrEqual(3);
  });

  it('colours a row share from white (none) to the accent (all)', () => {
    expect(shareColour(0)).toEqual([255, 255, 255]);
    expect(shareColour(1)).toEqual(parseHex('#1f4fa8'));
    expect(shareColour(2)).toEqual(shareColour(1));
  });
});
