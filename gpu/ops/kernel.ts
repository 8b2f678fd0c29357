import type { Kernel, ParamTypes, Tuning } from '../backend';

/** Identity that lets TypeScript infer a kernel's parameter names from its `params` field. */
export function defineKernel<T extends ParamTypes>(kernel: Kernel<T>): Kernel<T> {
  return kernel;
}

/** Workgroups of 64 for a grid-stride loop over n elements, capped per adapter. */
export function strideGroups(n: number, tuning: Tuning): [number] {
  return [Math.min(Math.ceil(n / 64), tuning.maxElementwiseWorkgroups)];
}

/** One invocation per row, workgroups of 64. */
export function rowGroups(rows: number): [number] {
  return [Math.ceil(rows / 64)];
}
