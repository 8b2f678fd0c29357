import { describe, expect, it } from 'vitest';
import { divergingColour, parseHex } from '../app/inside/colours';
import { paintTiles, RING_COLOURS, symmetricScale, TILE_GAP, TILE_RING, TILE_SCALE, tileAfterKey, tileAt, tileLayout, tileOrigin } from '../app/inside/tiles';

describe('the tile layout of the first layer’s weights', () => {
  it('puts 64 units of 784 inputs on an 8 × 8 grid of 28 × 28 tiles', () => {
    const layout = tileLayout(64, 784);
    expect(layout).toMatchObject({ side: 28, columns: 8, rows: 8, cell: 28 * TILE_SCALE + 2 * TILE_RING });
    expect(layout.width).toBe(8 * layout.cell + 7 * TILE_GAP);
    expect(layout.height).toBe(layout.width);
  });

  it('fills whole rows of eight, and one short row for fewer units', () => {
    expect(tileLayout(10, 784)).toMatchObject({ columns: 8, rows: 2 });
    expect(tileLayout(3, 784)).toMatchObject({ columns: 3, rows: 1 });
  });

  it('refuses inputs that are not a square image', () => {
    expect(() => tileLayout(8, 100 + 1)).toThrow(/square/);
  });

  it('finds the tile under a point, and none in a gap, outside, or past the last unit', () => {
    const layout = tileLayout(10, 784);
    for (let unit = 0; unit < 10; unit++) {
      const { x, y } = tileOrigin(layout, unit);
      expect(tileAt(layout, x, y)).toBe(unit);
      expect(tileAt(layout, x + layout.cell - 1, y + layout.cell - 1)).toBe(unit);
    }
    expect(tileAt(layout, layout.cell + 1, 5)).toBeNull(); // in the gap after the first tile
    expect(tileAt(layout, -1, 5)).toBeNull();
    expect(tileAt(layout, layout.width + 10, 5)).toBeNull();
    const eleventh = tileOrigin(layout, 10); // the second row holds units 8 and 9 only
    expect(tileAt(layout, eleventh.x + 1, eleventh.y + 1)).toBeNull();
  });

  it('moves with the arrow keys within the grid, and Home and End to the ends', () => {
    const layout = tileLayout(10, 784);
    expect(tileAfterKey(layout, null, 'ArrowRight')).toBe(0);
    expect(tileAfterKey(layout, null, 'a')).toBeNull();
    expect(tileAfterKey(layout, 0, 'ArrowLeft')).toBe(0);
    expect(tileAfterKey(layout, 0, 'ArrowRight')).toBe(1);
    expect(tileAfterKey(layout, 1, 'ArrowDown')).toBe(9);
    expect(tileAfterKey(layout, 3, 'ArrowDown')).toBe(3); // no unit 11 below it
    expect(tileAfterKey(layout, 9, 'ArrowUp')).toBe(1);
    expect(tileAfterKey(layout, 9, 'ArrowRight')).toBe(9);
    expect(tileAfterKey(layout, 5, 'Home')).toBe(0);
    expect(tileAfterKey(layout, 5, 'End')).toBe(9);
    expect(tileAfterKey(layout, 5, 'Enter')).toBeNull();
  });
});

describe('the tiles’ pixels', () => {
  const layout = tileLayout(2, 4); // two 2 × 2 tiles
  const pixel = (pixels: Uint8ClampedArray, x: number, y: number) => [...pixels.slice((y * layout.width + x) * 4, (y * layout.width + x) * 4 + 4)];

  it('share one symmetric scale: the largest |w| shown', () => {
    expect(symmetricScale([0.1, -0.7, 0.3])).toBe(0.7);
    expect(symmetricScale([0.1, -0.7, 3], 2)).toBe(0.7);
  });

  it('put weight i of unit u at row ⌊i / side⌋, column i mod side of its tile, in the diverging colour', () => {
    const weights = [1, -1, 0, 0.5, /* unit 1 */ -0.5, 0, 0, 0];
    const pixels = paintTiles(layout, weights, 1, null, null);
    const at = (unit: number, i: number) => {
      const { x, y } = tileOrigin(layout, unit);
      return pixel(pixels, x + TILE_RING + (i % 2) * TILE_SCALE + 1, y + TILE_RING + Math.floor(i / 2) * TILE_SCALE + 1);
    };
    expect(at(0, 0)).toEqual([...divergingColour(1, 1), 255]);
    expect(at(0, 1)).toEqual([...divergingColour(-1, 1), 255]);
    expect(at(0, 3)).toEqual([...divergingColour(0.5, 1), 255]);
    expect(at(1, 0)).toEqual([...divergingColour(-0.5, 1), 255]);
  });

  it('ring each tile in its unit’s state, the focused one in the focus colour, and leave the gaps clear', () => {
    const pixels = paintTiles(layout, new Array(8).fill(0), 1, Uint8Array.of(1, 2), null);
    expect(pixel(pixels, 0, 0)).toEqual([...parseHex(RING_COLOURS[1]), 255]);
    expect(pixel(pixels, tileOrigin(layout, 1).x, 0)).toEqual([...parseHex(RING_COLOURS[2]), 255]);
    expect(pixel(pixels, layout.cell, 0)[3]).toBe(0);
    const focused = paintTiles(layout, new Array(8).fill(0), 1, Uint8Array.of(1, 2), 1);
    expect(pixel(focused, tileOrigin(layout, 1).x, 0)).toEqual([...parseHex(RING_COLOURS.focus), 255]);
  });
});
