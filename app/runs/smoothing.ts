// The chart's smoothing: what TensorBoard's scalar dashboard does, so its curves read the same.

export const MAX_SMOOTHING = 0.99;

/**
 * An exponential moving average of `values` with `weight` (0 = the raw values, at most 0.99),
 * debiased at the start: the average begins at 0, so each value is divided by 1 − weightⁿ after n
 * values, and the first points are not dragged toward zero. A value that is not finite (a diverged
 * step) stays NaN in the output and is left out of the average, which it would poison.
 */
export function smooth(values: readonly number[], weight: number): number[] {
  const w = Number.isFinite(weight) ? Math.min(Math.max(weight, 0), MAX_SMOOTHING) : 0;
  let average = 0;
  let count = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return NaN;
    average = w * average + (1 - w) * value;
    count++;
    return average / (1 - w ** count);
  });
}
