import { describe, expect, it } from 'vitest';
import { preprocessDrawing, SIDE } from '../app/preprocess';

/** A canvas-sized ink map with a filled rectangle. */
function rectangle(width: number, height: number, left: number, top: number, w: number, h: number): Float32Array {
  const ink = new Float32Array(width * height);
  for (let y = top; y < top + h; y++) ink.fill(1, y * width + left, y * width + left + w);
  return ink;
}

function extent(image: Float32Array) {
  let mass = 0, mx = 0, my = 0, minX = SIDE, maxX = -1, minY = SIDE, maxY = -1;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const v = image[y * SIDE + x];
      if (v <= 0) continue;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
    }
  }
  return { width: maxX - minX + 1, height: maxY - minY + 1, cx: mx / mass, cy: my / mass };
}

describe('drawing preprocessing, as MNIST was made', () => {
  it('returns null for an empty pad', () => {
    expect(preprocessDrawing(new Float32Array(280 * 280), 280, 280)).toBeNull();
  });

  it('scales the ink box so its longer side is 20 pixels, keeping the aspect ratio, centred by mass', () => {
    // A tall stroke in the top-left corner of a 280×280 pad: 40 wide, 200 high.
    const image = preprocessDrawing(rectangle(280, 280, 10, 5, 40, 200), 280, 280)!;
    const e = extent(image);
    expect(e.height).toBe(20);
    expect(e.width).toBe(4);
    expect(Math.abs(e.cx - 14)).toBeLessThan(0.75);
    expect(Math.abs(e.cy - 14)).toBeLessThan(0.75);
    expect(Math.max(...image)).toBeLessThanOrEqual(1);
  });

  it('anti-aliases: a stroke thinner than an output pixel comes out grey, not black or white', () => {
    // An L: a 290-pixel bar along the top and a 13-pixel-wide bar down the left (0.9 output pixels).
    const ink = rectangle(300, 300, 0, 0, 290, 20);
    const left = rectangle(300, 300, 0, 0, 13, 290);
    const image = preprocessDrawing(ink.map((v, i) => Math.max(v, left[i])), 300, 300)!;
    expect(image.some((v) => v > 0.5 && v < 0.95)).toBe(true);
  });
});
