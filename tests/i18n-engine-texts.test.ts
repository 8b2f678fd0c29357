// What the engine and the worker tell the page, in each language: why this backend trains and why
// WebGPU is missing (sent as data, worded by the page), and the engine's errors (a GPU error's kind,
// a WebAssembly thread's failure, a lost device), worded by the worker with the driver's or the
// browser's own words kept as they are.
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, CpuBackend, describeAdapter, MnistLoadError, type Backend, type WebGpuUnavailable } from '../gpu';
import { nodeWasmBackend } from '../gpu/cli/node-wasm';
import { WasmThreadError } from '../gpu/wasm/threads';
import { backendReasonText, noWebGpuText } from '../app/components/backend-text';
import { parseLearningRate } from '../app/components/runs/lr-field';
import { catalogueOf, setLanguage } from '../app/i18n/messages';
import type { BackendReason } from '../app/protocol';
import { said, SaidError, word } from '../app/i18n/said';
import { adapterSaid, errorSaid, failureSaid, lossSaid } from '../app/worker/transport';
import { hasChinese, looksUntranslated } from '../e2e/untranslated';
import { Harness, config, stopHarnesses } from './worker-harness';

const en = catalogueOf('en');
const zh = catalogueOf('zh');

afterEach(async () => {
  setLanguage('en');
  await stopHarnesses();
});

const REASONS: BackendReason[] = [
  { kind: 'no-webgpu', missing: 'no-api', simd: true },
  { kind: 'no-webgpu', missing: 'no-adapter', simd: false },
  { kind: 'no-webgpu', missing: 'no-device', simd: true },
  { kind: 'hardware' },
  { kind: 'software-no-simd' },
  { kind: 'software-untimed' },
  { kind: 'wasm-faster', ratio: 2.14 },
  { kind: 'webgpu-faster', ratio: 1.5 },
  { kind: 'webgpu-asked-missing', missing: 'no-adapter', simd: true },
  { kind: 'wasm-asked-no-simd' },
  { kind: 'chosen', choice: 'webgpu' },
  { kind: 'chosen', choice: 'wasm' },
  { kind: 'chosen', choice: 'js' },
];
const UNAVAILABLE: WebGpuUnavailable[] = ['no-api', 'no-adapter', 'no-device'];

describe('why this backend trains, worded by the page', () => {
  it('in English', () => {
    expect(backendReasonText(en.backend, REASONS[0])).toBe('This browser has no WebGPU (no WebGPU API): training runs on WebAssembly.');
    expect(backendReasonText(en.backend, REASONS[1])).toBe(
      'This browser has no WebGPU (no adapter found) and no WebAssembly SIMD: training runs on the JavaScript backend (slower).',
    );
    expect(backendReasonText(en.backend, REASONS[6])).toBe('WebGPU here is a software emulation; the WebAssembly backend is 2.1× faster on this machine.');
    expect(backendReasonText(en.backend, REASONS[8])).toBe(
      'WebGPU was asked for, but it cannot be used here; This browser has no WebGPU (no adapter found): training runs on WebAssembly.',
    );
    expect(backendReasonText(en.backend, REASONS[12])).toBe('The JavaScript backend was chosen in the Backend setting.');
    for (const reason of REASONS) expect(hasChinese(backendReasonText(en.backend, reason)), reason.kind).toBe(false);
  });

  it('in Chinese, with no English word but the names kept in every language', () => {
    expect(backendReasonText(zh.backend, REASONS[0])).toBe('此浏览器没有 WebGPU（没有 WebGPU 接口）：改用 WebAssembly 训练。');
    expect(backendReasonText(zh.backend, REASONS[6])).toBe('这里的 WebGPU 是软件模拟的；在这台机器上 WebAssembly 后端快 2.1×。');
    expect(backendReasonText(zh.backend, REASONS[8])).toBe('选择了 WebGPU，但这里无法使用它；此浏览器没有 WebGPU（找不到适配器）：改用 WebAssembly 训练。');
    for (const reason of REASONS) expect(backendReasonText(zh.backend, reason), reason.kind).not.toSatisfy(looksUntranslated);
  });

  it('names the step at which WebGPU failed, in either language', () => {
    expect(UNAVAILABLE.map((why) => noWebGpuText(en.backend, why))).toEqual([
      'This browser does not support WebGPU (Chrome/Edge 113+, Safari 26+ and Firefox 141+ on Windows do).',
      'WebGPU is present but no adapter was found (the GPU or its driver may be blocked).',
      'WebGPU found a GPU but could not open it.',
    ]);
    expect(noWebGpuText(zh.backend, 'no-adapter')).toBe('WebGPU 存在，但找不到适配器（GPU 或其驱动可能被屏蔽）。');
    // The browsers' names and versions stay as they are written.
    const names = /Chrome\/Edge 113\+, Safari 26\+ and Firefox 141\+ on Windows/;
    for (const why of UNAVAILABLE) expect(noWebGpuText(zh.backend, why).replace(names, ''), why).not.toSatisfy(looksUntranslated);
  });
});

type Catalogue = typeof en;
// What the worker describes, worded as the page words it: after a trip through postMessage.
const errorText = (error: unknown, t: Catalogue) => word(structuredClone(errorSaid(error)), t);
const failureText = (error: unknown, t: Catalogue) => word(structuredClone(failureSaid(error)), t);
const lossText = (loss: Parameters<typeof lossSaid>[0], t: Catalogue) => word(structuredClone(lossSaid(loss)), t);

describe('the engine’s errors, described by the worker and worded by the page', () => {
  const validation = new BackendError('validation', 'MapRead|MapWrite');
  const outOfMemory = new BackendError('out-of-memory', '4096');

  it('keeps the engine’s English message for the CLI and the logs, and the driver’s words apart', () => {
    expect(validation.message).toBe('WebGPU validation error: MapRead|MapWrite');
    expect(validation.detail).toBe('MapRead|MapWrite');
    expect(new WasmThreadError({ kind: 'stalled', thread: 2, workers: 3, seconds: 10 }).message).toBe(
      'matmul thread 2 of 3 gave no answer in 10 s: a worker stopped',
    );
  });

  it('a GPU error by its kind, the driver’s words kept', () => {
    expect(failureText(validation, en)).toBe('The run was ended by a GPU error (validation): MapRead|MapWrite');
    expect(failureText(outOfMemory, zh)).toBe('该运行被一个 GPU 错误（显存不足）终止：4096');
    expect(errorText(validation, zh)).toBe('GPU 错误（校验错误）：MapRead|MapWrite');
    expect(failureText(new Error('anything else'), zh)).toBe('该运行失败了：anything else');
  });

  it('a WebAssembly thread that failed to start or stalled', () => {
    const started = new WasmThreadError({ kind: 'start-failed', thread: 2, detail: '' });
    const stalled = new WasmThreadError({ kind: 'stalled', thread: 2, workers: 3, seconds: 10 });
    expect(errorText(started, en)).toBe('matmul thread 2 of the WebAssembly backend failed to start: ');
    expect(errorText(stalled, zh)).toBe('WebAssembly 后端 3 个矩阵乘法线程中的第 2 个在 10 秒内没有应答：有线程停止了');
    expect(errorText(started, zh)).not.toSatisfy(looksUntranslated);
  });

  it('MNIST that could not be loaded, by what went wrong, the browser’s words kept', () => {
    const corrupted = new MnistLoadError({ kind: 'corrupted', file: 'train-labels-idx1-ubyte', detail: 'sha256 mismatch' });
    expect(corrupted.message).toBe('MNIST file train-labels-idx1-ubyte is corrupted (sha256 mismatch) — try again');
    expect(errorText(corrupted, en)).toBe(corrupted.message);
    expect(errorText(corrupted, zh)).toBe('MNIST 文件 train-labels-idx1-ubyte 已损坏（sha256 mismatch）——请重试');
    const manifest = new MnistLoadError({ kind: 'download', url: '/mnist/manifest.json', detail: 'HTTP 404' });
    expect(errorText(manifest, en)).toBe('Could not download the MNIST manifest from /mnist/manifest.json: HTTP 404');
    expect(errorText(manifest, zh)).toBe('无法从 /mnist/manifest.json 下载 MNIST 清单：HTTP 404');
  });

  it('a lost device: a destroyed one in words alone, any other with the browser’s words', () => {
    expect(lossText({ reason: 'destroyed', message: 'Device was destroyed.' }, en)).toBe('the device was destroyed');
    expect(lossText({ reason: 'destroyed', message: 'Device was destroyed.' }, zh)).toBe('设备已被销毁');
    expect(lossText({ reason: 'unknown', message: 'GPU process exited' }, en)).toBe('the driver or the browser gave it up: GPU process exited');
    expect(lossText({ reason: 'unknown', message: '' }, zh)).toBe('驱动程序或浏览器放弃了它');
  });

  it('a learning rate the engine refuses, in the run’s field and in the worker’s refusal', async () => {
    expect(parseLearningRate('1e-300', zh)).toEqual({ error: '学习率必须是 0.000001 到 100 之间的数' });
    setLanguage('zh');
    const h = await Harness.start();
    const [id] = await h.create([config()], false);
    await expect(h.send({ type: 'set-lr', runId: id, lr: 1e-300 })).rejects.toThrow(/^学习率必须是 0.000001 到 100 之间的数$/);
  });

  it('reach a Chinese page in Chinese: a run a GPU error ended, and a lost device', async () => {
    setLanguage('zh');
    const h = await Harness.start();
    const [struck] = await h.create([config({ epochs: 50 })], true);
    h.controller.injectError('validation', struck);
    await h.untilState(struck, 'failed');
    expect(h.of('run-failed', struck)[0].message).toMatch(/^该运行被一个 GPU 错误（校验错误）终止：/);
    h.backends[0].lose('');
    await h.until('the move to a new device', () => h.of('phase').at(-1)?.phase === 'ready' && h.backends.length === 2);
    expect(h.of('device-lost').map((m) => m.reason)).toEqual(['驱动程序或浏览器放弃了它']);
  });
});

describe('what trains, and what went wrong beside why: described by the worker, worded by the page', () => {
  const shown = (described: Parameters<typeof word>[0], t: Catalogue) => word(structuredClone(described), t);

  it('names the WebAssembly backend by its threads in each language, and any other backend as the engine does', async () => {
    const [one, two] = [await nodeWasmBackend(), await nodeWasmBackend({ threads: 2 })];
    try {
      expect(shown(adapterSaid(two), en)).toBe(two.adapter);
      expect(shown(adapterSaid(two), en)).toBe('WebAssembly SIMD (2 threads)');
      expect(shown(adapterSaid(one), en)).toBe('WebAssembly SIMD (1 thread)');
      expect(shown(adapterSaid(two), zh)).toBe('WebAssembly SIMD（2 个线程）');
      expect(shown(adapterSaid(two), zh)).not.toSatisfy(looksUntranslated);
    } finally {
      one.destroy();
      two.destroy();
    }
    const cpu = new CpuBackend('f32');
    expect(adapterSaid(cpu)).toBe(cpu.adapter);
    const named = { kind: 'webgpu', adapter: describeAdapter({ vendor: 'google', architecture: 'swiftshader' } as GPUAdapterInfo) } as Backend;
    expect(adapterSaid(named), 'the browser’s name, kept').toBe('google (swiftshader)');
    const unnamed = { kind: 'webgpu', adapter: describeAdapter({ vendor: '', architecture: '', device: '', description: '' } as GPUAdapterInfo) } as Backend;
    expect(shown(adapterSaid(unnamed), en)).toBe('a GPU the browser does not name');
    expect(shown(adapterSaid(unnamed), zh)).toBe('浏览器未给出名称的 GPU');
  });

  it('a failed trial or a device that failed once given: our words re-worded, the browser’s kept as they came', () => {
    setLanguage('zh');
    const kernels = new SaidError(said('worker', 'kernelsNotLoaded', '404 Not Found'));
    expect(kernels.message, 'its message in the language of the moment it was made').toBe('无法加载 WebAssembly 计算内核（404 Not Found）');
    expect(shown(errorSaid(kernels), en)).toBe('the WebAssembly kernels could not be loaded (404 Not Found)');
    expect(shown(errorSaid(kernels), zh)).toBe('无法加载 WebAssembly 计算内核（404 Not Found）');
    const refused = new DOMException('Adapter is consumed', 'OperationError');
    expect(errorSaid(refused)).toBe('Adapter is consumed');
  });
});
