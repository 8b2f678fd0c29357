// What the confusion matrix shows of an evaluation's 100 counts (row = true digit, column = the
// model's answer): row shares for the colours, per-class accuracy, the total and the diagonal.

export const CLASS_COUNT = 10;

export interface ConfusionSummary {
  /** counts[actual][predicted] */
  counts: number[][];
  rowTotals: number[];
  /** The share of each row's images in each cell: what the colour shows. */
  shares: number[][];
  /** Per true digit: the share of its images read right (NaN for a digit with no images). */
  classAccuracy: number[];
  total: number;
  correct: number;
  /** correct / total: the test accuracy, exactly as the page reports it (NaN with no images). */
  accuracy: number;
}

export function summariseConfusion(flat: readonly number[]): ConfusionSummary {
  if (flat.length !== CLASS_COUNT * CLASS_COUNT) throw new Error(`a confusion matrix has ${CLASS_COUNT * CLASS_COUNT} counts, not ${flat.length}`);
  const counts = Array.from({ length: CLASS_COUNT }, (_, a) => flat.slice(a * CLASS_COUNT, (a + 1) * CLASS_COUNT));
  const rowTotals = counts.map((row) => row.reduce((s, c) => s + c, 0));
  const shares = counts.map((row, a) => row.map((c) => (rowTotals[a] > 0 ? c / rowTotals[a] : 0)));
  const classAccuracy = counts.map((row, a) => (rowTotals[a] > 0 ? row[a] / rowTotals[a] : NaN));
  const total = rowTotals.reduce((s, c) => s + c, 0);
  const correct = counts.reduce((s, row, a) => s + row[a], 0);
  return { counts, rowTotals, shares, classAccuracy, total, correct, accuracy: total > 0 ? correct / total : NaN };
}

/** The digits most often mistaken for another, largest first: "4 read as 9 (52 times)". */
export function worstConfusions(summary: ConfusionSummary, limit = 3): { actual: number; predicted: number; count: number }[] {
  const cells: { actual: number; predicted: number; count: number }[] = [];
  summary.counts.forEach((row, actual) =>
    row.forEach((count, predicted) => {
      if (actual !== predicted && count > 0) cells.push({ actual, predicted, count });
    }),
  );
  return cells.sort((a, b) => b.count - a.count || a.actual - b.actual || a.predicted - b.predicted).slice(0, limit);
}
