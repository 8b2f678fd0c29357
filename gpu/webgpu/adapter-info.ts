// What an adapter is, for people and for the choice of backend.

/** What an adapter is called when the browser gives none of its names; the page words it in its own language. */
export const UNNAMED_ADAPTER = 'unknown WebGPU adapter';

/** Describes an adapter for people: "Google SwiftShader (swiftshader)" and the like. */
export function describeAdapter(info: GPUAdapterInfo): string {
  const parts = [info.vendor, info.device || info.description, info.architecture && `(${info.architecture})`];
  const text = parts.filter(Boolean).join(' ').trim();
  return text || UNNAMED_ADAPTER;
}

/**
 * An adapter that emulates a GPU on the CPU: the browser says so (isFallbackAdapter, where it has
 * the flag), or its names do (SwiftShader, llvmpipe and lavapipe are not flagged everywhere).
 */
export function isSoftwareAdapter(info: GPUAdapterInfo): boolean {
  if ((info as Partial<GPUAdapterInfo>).isFallbackAdapter === true) return true;
  return /swiftshader|llvmpipe|lavapipe|software|cpu/i.test(`${info.vendor} ${info.architecture} ${info.device} ${info.description}`);
}
