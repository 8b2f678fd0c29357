// Which backend trains, given what this browser offers: pure, so that every case is tested without one.
import type { BackendChoice, BackendKind } from '../protocol';

export type { BackendChoice };

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'wasm', 'js'];

export const isBackendChoice = (value: string): value is BackendChoice => (BACKEND_CHOICES as readonly string[]).includes(value);

/** The backend each explicit choice names. */
export const KIND_OF_CHOICE: Record<Exclude<BackendChoice, 'auto'>, BackendKind> = { webgpu: 'webgpu', wasm: 'wasm', js: 'cpu' };

/** A WebGPU adapter as the policy sees it; `missing`: why there is none. */
export type WebGpuFacts = { adapter: string; isFallbackAdapter: boolean } | { missing: string };

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
  reason: string;
}

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|software rasterizer/i;

/** An adapter that emulates a GPU on the CPU: the browser says so, or its name does. */
export function isSoftware(webgpu: { adapter: string; isFallbackAdapter: boolean }): boolean {
  return webgpu.isFallbackAdapter || SOFTWARE_ADAPTER.test(webgpu.adapter);
}

/** Whether Auto must time WebGPU against WebAssembly before it can choose. */
export function needsTrial(facts: Facts): boolean {
  return 'adapter' in facts.webgpu && isSoftware(facts.webgpu) && facts.wasmSimd;
}

const ratio = (slower: number, faster: number) => `${(slower / faster).toFixed(1)}×`;

/** Auto's choice. `trial` is needed exactly when needsTrial(facts) (a choice is made without it all the same). */
export function chooseAuto(facts: Facts, trial: Trial | null = null): Decision {
  const { webgpu, wasmSimd } = facts;
  if ('missing' in webgpu) {
    const missing = webgpu.missing.replace(/\.$/, '');
    return wasmSimd
      ? { kind: 'wasm', reason: `This browser has no WebGPU (${missing}): training runs on WebAssembly.` }
      : {
          kind: 'cpu',
          reason: `This browser has no WebGPU (${missing}) and no WebAssembly SIMD: training runs on the JavaScript backend (slower).`,
        };
  }
  if (!isSoftware(webgpu)) return { kind: 'webgpu', reason: 'WebGPU on a hardware adapter is the fastest backend here.' };
  if (!wasmSimd) return { kind: 'webgpu', reason: 'WebGPU here is a software emulation, but this browser has no WebAssembly SIMD to do better.' };
  if (!trial) return { kind: 'webgpu', reason: 'WebGPU here is a software emulation; WebAssembly could not be timed against it.' };
  if (trial.wasmMs < trial.webgpuMs) {
    return { kind: 'wasm', reason: `WebGPU here is a software emulation; the WebAssembly backend is ${ratio(trial.webgpuMs, trial.wasmMs)} faster on this machine.` };
  }
  return { kind: 'webgpu', reason: `WebGPU here is a software emulation, yet ${ratio(trial.wasmMs, trial.webgpuMs)} faster than WebAssembly on this machine.` };
}

/** A backend the user named that this browser cannot give: what is used instead, and why. */
export function fallbackFor(choice: Exclude<BackendChoice, 'auto'>, facts: Facts): Decision | null {
  if (choice === 'webgpu' && 'missing' in facts.webgpu) {
    const auto = chooseAuto(facts);
    return { kind: auto.kind, reason: `WebGPU was asked for, but ${facts.webgpu.missing.replace(/\.$/, '')}; ${auto.reason}` };
  }
  if (choice === 'wasm' && !facts.wasmSimd) {
    return { kind: 'cpu', reason: 'WebAssembly was asked for, but this browser has no WebAssembly SIMD: training runs on the JavaScript backend.' };
  }
  return null;
}

/** The reason for a backend the user named that is available. */
export const chosenReason = (choice: Exclude<BackendChoice, 'auto'>) =>
  `${{ webgpu: 'WebGPU', wasm: 'WebAssembly', js: 'The JavaScript backend' }[choice]} was chosen in the Backend setting.`;

/** The smallest module that uses a v128 instruction: (func (result v128) (v128.const i32x4 0 0 0 0)). */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x16, 0x01,
  0x14, 0x00, 0xfd, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b,
]);

/** `wasm`: the engine's WebAssembly (null where it has none). */
export function hasWasmSimd(wasm: { validate(bytes: BufferSource): boolean } | null = globalThis.WebAssembly ?? null): boolean {
  return wasm !== null && wasm.validate(SIMD_PROBE);
}
