// The first layer's weights as tiles: where each unit's tile lies on the canvas, which tile a point
// or an arrow key lands on, and the pixels of them all, drawn at one shared symmetric scale.
import type { UnitState } from '../../gpu';
import { divergingColour, parseHex, type Rgb } from './colours';

/** Canvas pixels per weight: 28 × 3 = 84 px a tile at the canvas's own size. */
export const TILE_SCALE = 3;
/** The ring around each tile that marks its unit's state, and the gap between tiles. */
export const TILE_RING = 3;
export const TILE_GAP = 4;
/** Tiles per row at most: 8 × 8 for the 64 units shown. */
export const MAX_COLUMNS = 8;

/** The ring's colour: healthy a light grey, dead black, saturated orange; the tile pointed at, the focus yellow. */
export const RING_COLOURS: Record<UnitState | 'focus', string> = { 0: '#d8dee6', 1: '#000000', 2: '#b35c00', focus: '#f0b400' };

export interface TileLayout {
  units: number;
  /** Weights per side of a tile: 28 for MNIST's 784 inputs. */
  side: number;
  columns: number;
  rows: number;
  /** A tile with its ring, in canvas pixels. */
  cell: number;
  width: number;
  height: number;
}

export function tileLayout(units: number, inputs: number): TileLayout {
  const side = Math.round(Math.sqrt(inputs));
  if (side * side !== inputs) throw new Error(`tiles need a square input, not ${inputs} values`);
  const columns = Math.max(1, Math.min(MAX_COLUMNS, units));
  const rows = Math.max(1, Math.ceil(units / columns));
  const cell = side * TILE_SCALE + 2 * TILE_RING;
  return { units, side, columns, rows, cell, width: columns * cell + (columns - 1) * TILE_GAP, height: rows * cell + (rows - 1) * TILE_GAP };
}

/** The top-left corner of unit `unit`'s cell (ring included). */
export function tileOrigin(layout: TileLayout, unit: number): { x: number; y: number } {
  const column = unit % layout.columns;
  const row = Math.floor(unit / layout.columns);
  return { x: column * (layout.cell + TILE_GAP), y: row * (layout.cell + TILE_GAP) };
}

/** The unit whose cell holds canvas point (x, y); null in a gap, outside, or past the last unit. */
export function tileAt(layout: TileLayout, x: number, y: number): number | null {
  const pitch = layout.cell + TILE_GAP;
  const column = Math.floor(x / pitch);
  const row = Math.floor(y / pitch);
  if (x < 0 || y < 0 || column >= layout.columns || row >= layout.rows) return null;
  if (x - column * pitch >= layout.cell || y - row * pitch >= layout.cell) return null;
  const unit = row * layout.columns + column;
  return unit < layout.units ? unit : null;
}

/** Where an arrow key (or Home, End) moves from `unit` (null: nothing chosen yet, so the first); null for other keys. */
export function tileAfterKey(layout: TileLayout, unit: number | null, key: string): number | null {
  const last = layout.units - 1;
  if (last < 0) return null;
  if (unit === null) return ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(key) ? 0 : null;
  const { columns } = layout;
  switch (key) {
    case 'ArrowRight':
      return Math.min(unit + 1, last);
    case 'ArrowLeft':
      return Math.max(unit - 1, 0);
    case 'ArrowDown':
      return unit + columns <= last ? unit + columns : unit;
    case 'ArrowUp':
      return unit - columns >= 0 ? unit - columns : unit;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** The largest |w| of the tiles shown: one scale for all, so that tiles compare. */
export function symmetricScale(weights: ArrayLike<number>, count = weights.length): number {
  let largest = 0;
  for (let i = 0; i < count; i++) {
    const a = Math.abs(weights[i]);
    if (a > largest) largest = a;
  }
  return largest;
}

// Byte by byte: this runs for every weight a few times a second, and an array per pixel would be garbage.
function fill(pixels: Uint8ClampedArray, width: number, x0: number, y0: number, w: number, h: number, [r, g, b]: Rgb): void {
  for (let y = y0; y < y0 + h; y++) {
    for (let i = (y * width + x0) * 4, end = i + w * 4; i < end; i += 4) {
      pixels[i] = r;
      pixels[i + 1] = g;
      pixels[i + 2] = b;
      pixels[i + 3] = 255;
    }
  }
}

/**
 * The RGBA pixels of every tile (layout.width × layout.height): unit u's weights are row u of
 * `weights` (layout.side² values), coloured at ±`scale`; each ring shows the unit's state, or the
 * focus colour for `focus`. Gaps stay transparent, so the panel shows through.
 */
export function paintTiles(
  layout: TileLayout,
  weights: ArrayLike<number>,
  scale: number,
  states: ArrayLike<number> | null,
  focus: number | null,
): Uint8ClampedArray<ArrayBuffer> {
  const { width, side, cell } = layout;
  const pixels = new Uint8ClampedArray(width * layout.height * 4);
  const inputs = side * side;
  for (let unit = 0; unit < layout.units; unit++) {
    const { x, y } = tileOrigin(layout, unit);
    const state = (states?.[unit] ?? 0) as UnitState;
    fill(pixels, width, x, y, cell, cell, parseHex(unit === focus ? RING_COLOURS.focus : RING_COLOURS[state]));
    for (let i = 0; i < inputs; i++) {
      const colour = divergingColour(weights[unit * inputs + i], scale);
      const px = x + TILE_RING + (i % side) * TILE_SCALE;
      const py = y + TILE_RING + Math.floor(i / side) * TILE_SCALE;
      fill(pixels, width, px, py, TILE_SCALE, TILE_SCALE, colour);
    }
  }
  return pixels;
}
