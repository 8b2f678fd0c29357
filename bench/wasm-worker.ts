// The bench's dedicated Worker: gradlab's wasm backend on one thread and on every core (its threads
// join in Atomics.wait, which a window may not call), and the backend the page's Auto picks, chosen
// as the page's training worker chooses it. Driven by bench/worker-link.ts.
import { backendReasonText } from '../app/components/backend-text';
import { messages } from '../app/i18n/messages';
import { chooseBackend } from '../app/worker/backend-request';
import { Engine, type Mnist } from '../gpu';
import { hasRelaxedSimd, kernelsUrl } from '../gpu/wasm/kernels-url';
import { webThreadWorker } from '../gpu/wasm/threads';
import { WasmBackend } from '../gpu/wasm/wasm-backend';
import { gradlabSession, gradlabTimeToFirstStep, rigOf, type GradlabRig } from './gradlab';
import type { Session } from './measure';
import type { Call, Reply, Request, WorkerCalls, WorkerFacts, WorkerRunner } from './worker-link';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

let mnist: Mnist | null = null;
const rigs = new Map<WorkerRunner, GradlabRig>();
let session: Session | null = null;

/** The relaxed-SIMD build where this engine validates it; the shared one for more than one thread. */
async function wasmBackend(threads: number): Promise<WasmBackend> {
  const url = kernelsUrl({ shared: threads > 1, relaxed: hasRelaxedSimd() });
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: ${response.status} ${response.statusText}`);
  return WasmBackend.create({ bytes: await response.arrayBuffer(), threads, spawnWorker: webThreadWorker });
}

async function init(set: Mnist): Promise<WorkerFacts> {
  mnist = set;
  const threads = navigator.hardwareConcurrency;
  const missing: WorkerFacts['missing'] = {};
  const start = async (runner: WorkerRunner, make: () => Promise<Engine>) => {
    try {
      rigs.set(runner, rigOf(await make(), set));
    } catch (error) {
      missing[runner] = errorText(error);
    }
  };
  await start('gradlab-wasm-1', async () => new Engine(await wasmBackend(1)));
  await start('gradlab-wasm-n', async () => {
    if (!crossOriginIsolated) throw new Error('the page is not cross-origin isolated: no shared memory for threads');
    return new Engine(await wasmBackend(threads));
  });
  let auto: WorkerFacts['auto'] = null;
  await start('auto', async () => {
    const chosen = await chooseBackend('auto', false);
    auto = { kind: chosen.backend.kind, adapter: chosen.backend.adapter, reason: backendReasonText(messages().backend, chosen.reason), ...(chosen.trial ? { trial: chosen.trial } : {}) };
    return new Engine(chosen.backend);
  });
  return { crossOriginIsolated, threads, relaxedSimd: hasRelaxedSimd(), auto, missing };
}

function open({ runner, batchSize, mode }: WorkerCalls['open']['args']): null {
  const rig = rigs.get(runner);
  if (!rig) throw new Error(`${runner} did not start`);
  session = gradlabSession(rig, batchSize, mode);
  return null;
}

async function firstStep(batchSize: number): Promise<number> {
  if (!mnist) throw new Error('the worker was not given MNIST');
  const rig = rigOf(new Engine(await wasmBackend(1)), mnist);
  const { firstStepMs } = await gradlabTimeToFirstStep(rig, batchSize);
  rig.engine.backend.destroy();
  return firstStepMs;
}

const handlers: { [C in Call]: (args: WorkerCalls[C]['args']) => WorkerCalls[C]['result'] | Promise<WorkerCalls[C]['result']> } = {
  init,
  open,
  run: (steps) => {
    if (!session) throw new Error('run before open');
    return session.run(steps);
  },
  close: async () => {
    await session?.close();
    session = null;
    return null;
  },
  firstStep,
};

self.addEventListener('message', async ({ data }: MessageEvent<Request>) => {
  let reply: Reply;
  try {
    const handler = handlers[data.call] as (args: unknown) => unknown;
    reply = { id: data.id, result: await handler(data.args) };
  } catch (error) {
    reply = { id: data.id, error: errorText(error) };
  }
  self.postMessage(reply);
});
