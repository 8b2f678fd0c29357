// Where the chart writes the labels of its learning-rate marks ("lr 0.001 → 0.0001"): beside each
// mark's line, on the first of a few text lines down from the plot's top where it overlaps no label
// placed before it, right of its line or, where that runs past the plot, left of it. The chart does
// not measure text: a label's width is its length in a character width that errs wide.

/** A character of the labels' 11 px font at its widest (digits, "→", lower case), in px. */
export const LABEL_CHAR_WIDTH = 6.5;
/** Between a line and its label, and between two labels on one text line, in px. */
export const LABEL_GAP = 4;

export interface LabelPlace {
  /** Where the text is anchored: its start, or its end for a label left of its line. */
  x: number;
  anchor: 'start' | 'end';
  /** The text line, from 0 at the plot's top. */
  lane: number;
  /** The span the label covers, [left, right] in px. */
  span: readonly [number, number];
}

export interface LrLabel {
  /** The mark's line, in px. */
  x: number;
  label: string;
}

const overlaps = (a: readonly [number, number], b: readonly [number, number]) => a[0] < b[1] + LABEL_GAP && b[0] < a[1] + LABEL_GAP;

/**
 * A place for each label of `marks` (in their order) within the plot's [left, right] on at most
 * `lanes` text lines, such that no two placed labels overlap; null for a label that finds no room
 * (its line is still drawn). Marks are placed from left to right.
 */
export function layoutLrLabels(marks: readonly LrLabel[], left: number, right: number, lanes: number): (LabelPlace | null)[] {
  const taken: (readonly [number, number])[][] = Array.from({ length: lanes }, () => []);
  const places: (LabelPlace | null)[] = marks.map(() => null);
  const order = marks.map((mark, i) => ({ mark, i })).sort((a, b) => a.mark.x - b.mark.x);
  for (const { mark, i } of order) {
    const width = mark.label.length * LABEL_CHAR_WIDTH;
    const sides: Omit<LabelPlace, 'lane'>[] = [
      { x: mark.x + LABEL_GAP, anchor: 'start' as const, span: [mark.x + LABEL_GAP, mark.x + LABEL_GAP + width] as const },
      { x: mark.x - LABEL_GAP, anchor: 'end' as const, span: [mark.x - LABEL_GAP - width, mark.x - LABEL_GAP] as const },
    ].filter(({ span }) => span[0] >= left && span[1] <= right);
    for (let lane = 0; lane < lanes && places[i] === null; lane++) {
      const side = sides.find(({ span }) => taken[lane].every((other) => !overlaps(span, other)));
      if (side) {
        taken[lane].push(side.span);
        places[i] = { ...side, lane };
      }
    }
  }
  return places;
}
