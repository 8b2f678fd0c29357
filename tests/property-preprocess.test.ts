// A drawing of any size and any ink gives an MNIST-like image or null, never NaNs or an exception.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { preprocessDrawing, SIDE } from '../app/preprocess';

const INK_THRESHOLD = 0.1;

const drawing = fc
  .record({ width: fc.integer({ min: 1, max: 48 }), height: fc.integer({ min: 1, max: 48 }) })
  .chain(({ width, height }) =>
    // The background: blank, or washed over with ink.
    fc
      .oneof(fc.constant(0), fc.float({ min: 0, max: 1, noNaN: true }))
      .chain((fill) =>
        fc.array(fc.tuple(fc.nat(width * height - 1), fc.float({ min: 0, max: 1, noNaN: true })), { maxLength: 30 }).map((strokes) => {
          const ink = new Float32Array(width * height).fill(fill);
          for (const [at, value] of strokes) ink[at] = value;
          return { width, height, ink };
        }),
      ),
  );

describe('drawing preprocessing, for any drawing', () => {
  it('gives 28×28 values in [0, 1] with some ink, or null when nothing is drawn', () => {
    fc.assert(
      fc.property(drawing, ({ width, height, ink }) => {
        const image = preprocessDrawing(ink, width, height);
        expect(image === null).toBe(ink.every((v) => v <= INK_THRESHOLD));
        if (!image) return;
        expect(image.length).toBe(SIDE * SIDE);
        expect(image.every((v) => v >= 0 && v <= 1)).toBe(true);
        expect(image.some((v) => v > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses ink that does not match the size it is said to have', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0), (width, height, delta) => {
        const ink = new Float32Array(Math.max(0, width * height + delta)).fill(1);
        expect(() => preprocessDrawing(ink, width, height)).toThrow(`a ${width}×${height} drawing needs ${width * height} ink values, got ${ink.length}`);
      }),
    );
  });

  it('refuses a size that is not a positive whole number', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, -1, 1.5, NaN, Infinity), fc.boolean(), (bad, inWidth) => {
        const [width, height] = inWidth ? [bad, 4] : [4, bad];
        expect(() => preprocessDrawing(new Float32Array(16), width, height)).toThrow(/drawing size must be positive whole numbers/);
      }),
    );
  });
});
