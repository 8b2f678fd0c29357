// The backend the worker trains on: what the user chose (Backend setting, `?backend=`), or for
// Auto what backend-policy picks from what this browser offers, after a timed trial where WebGPU
// is only a software emulation. The losing candidate of a trial is destroyed.
import { CpuBackend, WebGpuBackend, WebGpuUnavailableError, requestWebGpuBackend, type Backend, type WebGpuUnavailable } from '../../gpu';
import { KERNELS_URL } from '../../gpu/wasm/kernels-url';
import { WasmBackend } from '../../gpu/wasm/wasm-backend';
import { chooseAuto, chosenReason, fallbackFor, hasWasmSimd, needsTrial, type BackendChoice, type Facts, type Trial } from './backend-policy';
import { timeSteps } from './backend-trial';
import { errorText } from './transport';

/** The one place the WebAssembly backend is made: the kernels' module fetched from its URL (relative to this script). */
export async function createWasmBackend(): Promise<Backend> {
  const response = await fetch(KERNELS_URL);
  if (!response.ok) throw new Error(`the WebAssembly kernels could not be loaded (${response.status} ${response.statusText})`);
  return WasmBackend.fromBytes(await response.arrayBuffer());
}

/** The browser's own flag for a software adapter, where it gives one (Chromium's GPUAdapterInfo.isFallbackAdapter). */
function isFallbackAdapter(backend: WebGpuBackend): boolean {
  const info = (backend.device as { adapterInfo?: { isFallbackAdapter?: boolean } }).adapterInfo;
  return info?.isFallbackAdapter === true;
}

export interface ChosenBackend {
  backend: Backend;
  reason: string;
  /** Auto's trial on a software adapter, when it ran. */
  trial?: Trial;
  /** Why this browser gives no WebGPU device, when it was asked for one and gives none: the error's words, and which step failed. */
  webgpuMissing?: string;
  unavailable?: WebGpuUnavailable;
}

/** `defaultLimits`: WebGPU's default limits, as on a small GPU (?limits=default). */
export async function chooseBackend(choice: BackendChoice, defaultLimits: boolean): Promise<ChosenBackend> {
  const wasmSimd = hasWasmSimd();
  if (choice === 'js') return { backend: new CpuBackend('f32'), reason: chosenReason('js') };
  if (choice === 'wasm' && wasmSimd) return { backend: await createWasmBackend(), reason: chosenReason('wasm') };

  let webgpu: WebGpuBackend | null = null;
  let missing = '';
  let unavailable: WebGpuUnavailable | undefined;
  try {
    webgpu = await requestWebGpuBackend(navigator.gpu, { limits: defaultLimits ? 'default' : 'adapter' });
  } catch (error) {
    missing = errorText(error);
    // Anything else failed once a device was given: that device is as good as refused.
    unavailable = error instanceof WebGpuUnavailableError ? error.why : 'no-device';
  }
  const without = webgpu ? {} : { webgpuMissing: missing, unavailable };
  const facts: Facts = { webgpu: webgpu ? { adapter: webgpu.adapter, isFallbackAdapter: isFallbackAdapter(webgpu) } : { missing }, wasmSimd };

  if (choice !== 'auto') {
    const fallback = fallbackFor(choice, facts);
    if (!fallback) return { backend: webgpu!, reason: chosenReason(choice) };
    webgpu?.destroy();
    return { backend: await build(fallback.kind, null), reason: fallback.reason, ...without };
  }
  if (webgpu && needsTrial(facts)) return trialBetween(webgpu, facts);
  const decision = chooseAuto(facts);
  if (decision.kind !== 'webgpu') webgpu?.destroy();
  return { backend: await build(decision.kind, webgpu), reason: decision.reason, ...without };
}

async function build(kind: Backend['kind'], webgpu: WebGpuBackend | null): Promise<Backend> {
  if (kind === 'webgpu' && webgpu) return webgpu;
  if (kind === 'wasm') return createWasmBackend();
  return new CpuBackend('f32');
}

/** Times both; keeps the faster. A candidate whose trial fails loses it, with the failure in the reason. */
async function trialBetween(webgpu: WebGpuBackend, facts: Facts): Promise<ChosenBackend> {
  let wasm: Backend | null = null;
  try {
    wasm = await createWasmBackend();
    const trial = { webgpuMs: await timeSteps(webgpu), wasmMs: await timeSteps(wasm) };
    const decision = chooseAuto(facts, trial);
    const [kept, dropped] = decision.kind === 'wasm' ? [wasm, webgpu] : [webgpu, wasm];
    dropped.destroy();
    return { backend: kept, reason: decision.reason, trial };
  } catch (error) {
    wasm?.destroy();
    return { backend: webgpu, reason: `${chooseAuto(facts).reason} (${errorText(error)})` };
  }
}
