import { describe, expect, it } from 'vitest';
import { isSoftwareAdapter } from '../gpu/webgpu/adapter-info';
import { catalogueOf } from '../app/i18n/messages';
import { plainText } from '../app/i18n/wording';
import { chooseAuto, chosenReason, fallbackFor, hasWasmSimd, needsTrial, type Facts } from '../app/worker/backend-policy';
import { backendChoiceFromQuery, queryWithBackend } from '../app/state/backend-param';
import { queryWithSettings, settingsFromQuery } from '../app/state/url-state';

const hardware: Facts = { webgpu: { adapter: 'nvidia ampere', software: false }, wasmSimd: true };
const swiftshader: Facts = { webgpu: { adapter: 'google swiftshader', software: true }, wasmSimd: true };
const noWebGpu: Facts = { webgpu: { missing: 'no-api' }, wasmSimd: true };

describe('Auto', () => {
  it('takes WebGPU on a hardware adapter, without a trial', () => {
    expect(needsTrial(hardware)).toBe(false);
    expect(chooseAuto(hardware)).toEqual({ kind: 'webgpu', reason: { kind: 'hardware' } });
  });

  it('knows a software adapter by the browser’s flag or by its names (the WebGPU backend’s verdict)', () => {
    const info = (fields: Partial<GPUAdapterInfo>) => ({ vendor: '', architecture: '', device: '', description: '', ...fields }) as GPUAdapterInfo;
    expect(isSoftwareAdapter(info({ vendor: 'some', device: 'gpu', isFallbackAdapter: true }))).toBe(true);
    expect(isSoftwareAdapter(info({ vendor: 'google', architecture: 'swiftshader' }))).toBe(true);
    expect(isSoftwareAdapter(info({ vendor: 'mesa', description: 'llvmpipe (LLVM 15)' }))).toBe(true);
    expect(isSoftwareAdapter(info({ vendor: 'mesa', device: 'lavapipe' }))).toBe(true);
    expect(isSoftwareAdapter(info({ vendor: 'apple', architecture: 'metal-3', isFallbackAdapter: false }))).toBe(false);
  });

  it('on a software adapter takes the faster of the trial and says by how much', () => {
    expect(needsTrial(swiftshader)).toBe(true);
    expect(chooseAuto(swiftshader, { webgpuMs: 21, wasmMs: 10 })).toEqual({ kind: 'wasm', reason: { kind: 'wasm-faster', ratio: 2.1 } });
    expect(chooseAuto(swiftshader, { webgpuMs: 10, wasmMs: 15 })).toEqual({ kind: 'webgpu', reason: { kind: 'webgpu-faster', ratio: 1.5 } });
  });

  it('keeps a software WebGPU when there is nothing to time it against', () => {
    const noSimd = { ...swiftshader, wasmSimd: false };
    expect(needsTrial(noSimd)).toBe(false);
    expect(chooseAuto(noSimd)).toEqual({ kind: 'webgpu', reason: { kind: 'software-no-simd' } });
    expect(chooseAuto(swiftshader)).toEqual({ kind: 'webgpu', reason: { kind: 'software-untimed' } });
  });

  it('without WebGPU takes wasm, and without SIMD the JavaScript backend, naming why', () => {
    expect(chooseAuto(noWebGpu)).toEqual({ kind: 'wasm', reason: { kind: 'no-webgpu', missing: 'no-api', simd: true } });
    expect(chooseAuto({ webgpu: { missing: 'no-adapter' }, wasmSimd: false })).toEqual({ kind: 'cpu', reason: { kind: 'no-webgpu', missing: 'no-adapter', simd: false } });
  });
});

describe('a backend asked for by name', () => {
  it('is used when the browser has it', () => {
    expect(fallbackFor('webgpu', swiftshader)).toBeNull();
    expect(fallbackFor('wasm', noWebGpu)).toBeNull();
    expect(fallbackFor('js', { ...noWebGpu, wasmSimd: false })).toBeNull();
  });

  it('falls back, saying so, when the browser lacks it', () => {
    expect(fallbackFor('webgpu', noWebGpu)).toEqual({ kind: 'wasm', reason: { kind: 'webgpu-asked-missing', missing: 'no-api', simd: true } });
    expect(fallbackFor('wasm', { ...hardware, wasmSimd: false })).toEqual({ kind: 'cpu', reason: { kind: 'wasm-asked-no-simd' } });
    expect(chosenReason('wasm')).toEqual({ kind: 'chosen', choice: 'wasm' });
  });
});


it('this engine validates the SIMD probe, and one without SIMD does not', () => {
  expect(hasWasmSimd()).toBe(true);
  expect(hasWasmSimd({ validate: () => false })).toBe(false);
  expect(hasWasmSimd(null)).toBe(false);
});

describe('the backend parameter', () => {
  it('names the choice, Auto when absent or not a backend', () => {
    expect(backendChoiceFromQuery('?debug&backend=wasm')).toBe('wasm');
    expect(backendChoiceFromQuery('?backend=js')).toBe('js');
    expect(backendChoiceFromQuery('?debug')).toBe('auto');
    expect(backendChoiceFromQuery('?backend=cuda')).toBe('auto');
  });

  it('an invalid value gets a notice, a valid one none, and the settings link keeps it', () => {
    expect(settingsFromQuery('?backend=cuda').notices.map((notice) => plainText(notice(catalogueOf('en'))))).toEqual(['backend=cuda is not a backend; choose one of auto, webgpu, wasm, js. Using auto.']);
    const linked = settingsFromQuery('?backend=webgpu&lr=0.01');
    expect(linked.notices).toEqual([]);
    expect(queryWithSettings('?debug&backend=webgpu', linked.draft, null)).toMatch(/^\?debug&backend=webgpu&activation=/);
  });

  it('is set and cleared keeping the other parameters', () => {
    expect(queryWithBackend('?debug&lr=0.01', 'wasm')).toBe('?debug&lr=0.01&backend=wasm');
    expect(queryWithBackend('?debug&backend=wasm', 'js')).toBe('?debug&backend=js');
    expect(queryWithBackend('?debug&backend=wasm', 'auto')).toBe('?debug');
    expect(queryWithBackend('?backend=wasm', 'auto')).toBe('');
  });
});
