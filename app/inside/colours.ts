// The colour maps of the inside panels, and the contrast rule their text follows (WCAG 2.1).

export type Rgb = readonly [number, number, number];

/** Negative weights blue, zero near white, positive red (ColorBrewer's RdBu ends). */
export const NEGATIVE: Rgb = [33, 102, 172];
export const ZERO: Rgb = [247, 247, 247];
export const POSITIVE: Rgb = [178, 24, 43];
/** The confusion matrix: a row share of 0 is white, 1 the page's accent blue. */
const SHARE_LOW: Rgb = [255, 255, 255];
const SHARE_HIGH: Rgb = [31, 79, 168];

/**
 * One colour per hidden or linear layer, input side first, for lines and histograms: each at least
 * 3:1 against the white panel, as graphics must be.
 */
export const LAYER_COLOURS = ['#1f4fa8', '#c0392b', '#2e8540', '#8e44ad', '#b35c00', '#00838f', '#6d4c41', '#455a64', '#ad1457'] as const;

export const layerColour = (layer: number): string => LAYER_COLOURS[layer % LAYER_COLOURS.length];

function mix(from: Rgb, to: Rgb, t: number): Rgb {
  return [Math.round(from[0] + (to[0] - from[0]) * t), Math.round(from[1] + (to[1] - from[1]) * t), Math.round(from[2] + (to[2] - from[2]) * t)];
}

/** `value` on a symmetric scale [−scale, scale], clamped: white at 0, blue below, red above. */
export function divergingColour(value: number, scale: number): Rgb {
  if (!Number.isFinite(value) || !(scale > 0)) return ZERO;
  const t = Math.max(-1, Math.min(1, value / scale));
  return t < 0 ? mix(ZERO, NEGATIVE, -t) : mix(ZERO, POSITIVE, t);
}

/** A share from 0 to 1 (clamped) as the confusion matrix colours it. */
export const shareColour = (share: number): Rgb => mix(SHARE_LOW, SHARE_HIGH, Number.isFinite(share) ? Math.max(0, Math.min(1, share)) : 0);

export const cssColour = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;

/** "#1f4fa8" → [31, 79, 168] */
export function parseHex(hex: string): Rgb {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

/**
 * Black or white, whichever reads better on `background`: one of the two is always above 4.5:1
 * (the page's softer ink is not, on mid-tones, hence pure black).
 */
export const textColourOn = (background: Rgb): Rgb => (contrastRatio(background, BLACK) >= contrastRatio(background, WHITE) ? BLACK : WHITE);
