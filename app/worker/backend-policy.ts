// Which backend trains, given what this browser offers: pure, so that every case is tested without
// one. The reasons are data (BackendReason): the page words them, in its language of the moment.
import type { WebGpuUnavailable } from '../../gpu';
import type { BackendChoice, BackendKind, BackendReason } from '../protocol';

export type { BackendChoice };

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'wasm', 'js'];

export const isBackendChoice = (value: string): value is BackendChoice => (BACKEND_CHOICES as readonly string[]).includes(value);

/** The backend each explicit choice names. */
export const KIND_OF_CHOICE: Record<Exclude<BackendChoice, 'auto'>, BackendKind> = { webgpu: 'webgpu', wasm: 'wasm', js: 'cpu' };

/** A WebGPU adapter as the policy sees it (`software`: the backend's verdict, isSoftwareAdapter); `missing`: the step at which there was none. */
export type WebGpuFacts = { adapter: string; software: boolean } | { missing: WebGpuUnavailable };

export interface Facts {
  webgpu: WebGpuFacts;
  /** Whether this engine validates a module that uses 128-bit SIMD. */
  wasmSimd: boolean;
}

/** Milliseconds a trial step took on each candidate (the median of a few). */
export interface Trial {
  webgpuMs: number;
  wasmMs: number;
}

export interface Decision {
  kind: BackendKind;
  reason: BackendReason;
}

/** Whether Auto must time WebGPU against WebAssembly before it can choose. */
export function needsTrial(facts: Facts): boolean {
  return 'adapter' in facts.webgpu && facts.webgpu.software && facts.wasmSimd;
}

/** Auto's choice. `trial` is needed exactly when needsTrial(facts) (a choice is made without it all the same). */
export function chooseAuto(facts: Facts, trial: Trial | null = null): Decision {
  const { webgpu, wasmSimd } = facts;
  if ('missing' in webgpu) return { kind: wasmSimd ? 'wasm' : 'cpu', reason: { kind: 'no-webgpu', missing: webgpu.missing, simd: wasmSimd } };
  if (!webgpu.software) return { kind: 'webgpu', reason: { kind: 'hardware' } };
  if (!wasmSimd) return { kind: 'webgpu', reason: { kind: 'software-no-simd' } };
  if (!trial) return { kind: 'webgpu', reason: { kind: 'software-untimed' } };
  if (trial.wasmMs < trial.webgpuMs) return { kind: 'wasm', reason: { kind: 'wasm-faster', ratio: trial.webgpuMs / trial.wasmMs } };
  return { kind: 'webgpu', reason: { kind: 'webgpu-faster', ratio: trial.wasmMs / trial.webgpuMs } };
}

/** A backend the user named that this browser cannot give: what is used instead, and why. */
export function fallbackFor(choice: Exclude<BackendChoice, 'auto'>, facts: Facts): Decision | null {
  if (choice === 'webgpu' && 'missing' in facts.webgpu) {
    return { kind: chooseAuto(facts).kind, reason: { kind: 'webgpu-asked-missing', missing: facts.webgpu.missing, simd: facts.wasmSimd } };
  }
  if (choice === 'wasm' && !facts.wasmSimd) return { kind: 'cpu', reason: { kind: 'wasm-asked-no-simd' } };
  return null;
}

/** The reason for a backend the user named that is available. */
export const chosenReason = (choice: Exclude<BackendChoice, 'auto'>): BackendReason => ({ kind: 'chosen', choice });

/** The smallest module that uses a v128 instruction: (func (result v128) (v128.const i32x4 0 0 0 0)). */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x16, 0x01,
  0x14, 0x00, 0xfd, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b,
]);

/** `wasm`: the engine's WebAssembly (null where it has none). */
export function hasWasmSimd(wasm: { validate(bytes: BufferSource): boolean } | null = globalThis.WebAssembly ?? null): boolean {
  return wasm !== null && wasm.validate(SIMD_PROBE);
}
