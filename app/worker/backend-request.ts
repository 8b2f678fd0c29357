// The backend the worker trains on: what the user chose (Backend setting, `?backend=`), or for
// Auto what backend-policy picks from what this browser offers, after a timed trial where WebGPU
// is only a software emulation. The losing candidate of a trial is destroyed.
import { CpuBackend, WebGpuBackend, WebGpuUnavailableError, requestWebGpuBackend, type Backend, type WebGpuUnavailable } from '../../gpu';
import { hasRelaxedSimd, kernelsUrl } from '../../gpu/wasm/kernels-url';
import { webThreadWorker } from '../../gpu/wasm/threads';
import { WasmBackend } from '../../gpu/wasm/wasm-backend';
import type { BackendReason } from '../protocol';
import { chooseAuto, chosenReason, fallbackFor, hasWasmSimd, needsTrial, type BackendChoice, type Facts, type Trial } from './backend-policy';
import { timeSteps } from './backend-trial';
import { errorSaid } from './transport';
import { said, SaidError, type Said } from '../i18n/said';

/**
 * How many threads the WebAssembly backend's matmuls split among: every core where this worker is
 * cross-origin isolated (shared memory is allowed only there), else one.
 */
const wasmThreads = (): number => (globalThis.crossOriginIsolated ? Math.max(1, navigator.hardwareConcurrency || 1) : 1);

/** The one place the WebAssembly backend is made: the kernels' build for its threads fetched from its URL (relative to this script). */
export async function createWasmBackend(): Promise<Backend> {
  const threads = wasmThreads();
  const response = await fetch(kernelsUrl({ shared: threads > 1, relaxed: hasRelaxedSimd() }));
  if (!response.ok) throw new SaidError(said('worker', 'kernelsNotLoaded', `${response.status} ${response.statusText}`));
  return WasmBackend.create({ bytes: await response.arrayBuffer(), threads, spawnWorker: webThreadWorker });
}

export interface ChosenBackend {
  backend: Backend;
  /** Why this backend: the page words it. */
  reason: BackendReason;
  /** Auto's trial on a software adapter, when it ran. */
  trial?: Trial;
  /** Why this browser gives no WebGPU device, when it was asked for one and gives none: the browser's words for a refused one, or what failed once one was given; and which step failed. */
  webgpuMissing?: Said;
  unavailable?: WebGpuUnavailable;
}

/** `defaultLimits`: WebGPU's default limits, as on a small GPU (?limits=default). */
export async function chooseBackend(choice: BackendChoice, defaultLimits: boolean): Promise<ChosenBackend> {
  const wasmSimd = hasWasmSimd();
  if (choice === 'js') return { backend: new CpuBackend('f32'), reason: chosenReason('js') };
  if (choice === 'wasm' && wasmSimd) return { backend: await createWasmBackend(), reason: chosenReason('wasm') };

  let webgpu: WebGpuBackend | null = null;
  let detail: Said = '';
  let unavailable: WebGpuUnavailable = 'no-device';
  try {
    webgpu = await requestWebGpuBackend(navigator.gpu, { limits: defaultLimits ? 'default' : 'adapter' });
  } catch (error) {
    // Anything else failed once a device was given (the engine's words): that device is as good as refused.
    if (error instanceof WebGpuUnavailableError) [unavailable, detail] = [error.why, error.detail];
    else detail = errorSaid(error);
  }
  const without = webgpu ? {} : { webgpuMissing: detail, unavailable };
  const facts: Facts = { webgpu: webgpu ? { adapter: webgpu.adapter, software: webgpu.software } : { missing: unavailable }, wasmSimd };

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

/**
 * This worker's last trial, by adapter: Auto asked again (a new device after a loss, a change back
 * to Auto) keeps its verdict rather than timing the same two backends anew.
 */
let lastTrial: { adapter: string; trial: Trial } | null = null;

/** Times both (once for this adapter); keeps the faster. A candidate whose trial fails loses it, with the failure in the reason. */
async function trialBetween(webgpu: WebGpuBackend, facts: Facts): Promise<ChosenBackend> {
  if (lastTrial?.adapter === webgpu.adapter) {
    const { trial } = lastTrial;
    const decision = chooseAuto(facts, trial);
    if (decision.kind === 'wasm') webgpu.destroy();
    return { backend: await build(decision.kind, webgpu), reason: decision.reason, trial };
  }
  let wasm: Backend | null = null;
  try {
    wasm = await createWasmBackend();
    const trial = { webgpuMs: await timeSteps(webgpu), wasmMs: await timeSteps(wasm) };
    lastTrial = { adapter: webgpu.adapter, trial };
    const decision = chooseAuto(facts, trial);
    const [kept, dropped] = decision.kind === 'wasm' ? [wasm, webgpu] : [webgpu, wasm];
    dropped.destroy();
    return { backend: kept, reason: decision.reason, trial };
  } catch (error) {
    wasm?.destroy();
    return { backend: webgpu, reason: { kind: 'software-untimed', error: errorSaid(error) } };
  }
}
