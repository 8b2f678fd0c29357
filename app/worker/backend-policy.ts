// Which backend trains, given what this browser offers: pure, so that every case is tested without one.
import { messages, type Catalogue } from '../i18n/messages';
import type { BackendChoice, BackendKind } from '../protocol';

export type { BackendChoice };

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'wasm', 'js'];

export const isBackendChoice = (value: string): value is BackendChoice => (BACKEND_CHOICES as readonly string[]).includes(value);

/** The backend each explicit choice names. */
export const KIND_OF_CHOICE: Record<Exclude<BackendChoice, 'auto'>, BackendKind> = { webgpu: 'webgpu', wasm: 'wasm', js: 'cpu' };

/** A WebGPU adapter as the policy sees it (`software`: the backend's verdict, isSoftwareAdapter); `missing`: why there is none. */
export type WebGpuFacts = { adapter: string; software: boolean } | { missing: string };

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

/** The texts of the reasons: the catalogue's backend part, in the language of the moment unless given. */
export type BackendTexts = Catalogue['backend'];

/** Whether Auto must time WebGPU against WebAssembly before it can choose. */
export function needsTrial(facts: Facts): boolean {
  return 'adapter' in facts.webgpu && facts.webgpu.software && facts.wasmSimd;
}

const ratio = (slower: number, faster: number) => `${(slower / faster).toFixed(1)}×`;
const withoutStop = (text: string) => text.replace(/\.$/, '');

/** Auto's choice. `trial` is needed exactly when needsTrial(facts) (a choice is made without it all the same). */
export function chooseAuto(facts: Facts, trial: Trial | null = null, t: BackendTexts = messages().backend): Decision {
  const { webgpu, wasmSimd } = facts;
  if ('missing' in webgpu) {
    const missing = withoutStop(webgpu.missing);
    return wasmSimd ? { kind: 'wasm', reason: t.noWebGpuWasm(missing) } : { kind: 'cpu', reason: t.noWebGpuNoSimd(missing) };
  }
  if (!webgpu.software) return { kind: 'webgpu', reason: t.hardware };
  if (!wasmSimd) return { kind: 'webgpu', reason: t.softwareNoSimd };
  if (!trial) return { kind: 'webgpu', reason: t.softwareUntimed };
  if (trial.wasmMs < trial.webgpuMs) return { kind: 'wasm', reason: t.wasmFaster(ratio(trial.webgpuMs, trial.wasmMs)) };
  return { kind: 'webgpu', reason: t.webgpuFaster(ratio(trial.wasmMs, trial.webgpuMs)) };
}

/** A backend the user named that this browser cannot give: what is used instead, and why. */
export function fallbackFor(choice: Exclude<BackendChoice, 'auto'>, facts: Facts, t: BackendTexts = messages().backend): Decision | null {
  if (choice === 'webgpu' && 'missing' in facts.webgpu) {
    const auto = chooseAuto(facts, null, t);
    return { kind: auto.kind, reason: t.webgpuAskedMissing(withoutStop(facts.webgpu.missing), auto.reason) };
  }
  if (choice === 'wasm' && !facts.wasmSimd) return { kind: 'cpu', reason: t.wasmAskedNoSimd };
  return null;
}

/** The reason for a backend the user named that is available. */
export const chosenReason = (choice: Exclude<BackendChoice, 'auto'>, t: BackendTexts = messages().backend) => t.chosen[choice];

/** The smallest module that uses a v128 instruction: (func (result v128) (v128.const i32x4 0 0 0 0)). */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x16, 0x01,
  0x14, 0x00, 0xfd, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b,
]);

/** `wasm`: the engine's WebAssembly (null where it has none). */
export function hasWasmSimd(wasm: { validate(bytes: BufferSource): boolean } | null = globalThis.WebAssembly ?? null): boolean {
  return wasm !== null && wasm.validate(SIMD_PROBE);
}
