// The page's end of the worker: each command settles on its own reply, and nothing waits on a worker that is gone.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import type { CommandType, FromWorker, ToWorker, WorkerStatus } from '../app/protocol';
import { HEARTBEAT_MS, SILENCE_MS } from '../app/state/heartbeat';
import type { LinkEvent } from '../app/state/page-state';
import { catalogueOf } from '../app/i18n/messages';
import { said, saidOf, word } from '../app/i18n/said';
import { WorkerGone, WorkerLink, type WorkerListener } from '../app/state/worker-link';

const { workerClosed: CLOSED, workerNotRunning: NOT_RUNNING, workerRestarted: RESTARTED } = catalogueOf('en').status;

/** Stands in for the worker: keeps what it is sent, and says what a test makes it say. */
class FakeWorker {
  sent: ToWorker[] = [];
  started = 0;
  terminated = 0;
  private listener: WorkerListener | null = null;

  readonly start = (listener: WorkerListener) => {
    this.started++;
    this.listener = listener;
    return { post: (message: ToWorker) => void this.sent.push(message), terminate: () => void this.terminated++ };
  };

  say(message: FromWorker): void {
    this.listener!.message(message);
  }

  crash(reason: string): void {
    this.listener!.crashed(reason);
  }

  /** The id of the latest message of this type sent. */
  idOf(type: ToWorker['type']): number {
    const message = this.sent.findLast((m) => m.type === type);
    if (!message || !('id' in message)) throw new Error(`no ${type} with an id was sent`);
    return message.id;
  }

  reply(type: CommandType, error: string | null = null, id = this.idOf(type)): void {
    this.say({ type: 'reply', id, command: type, error });
  }
}

function connected() {
  const worker = new FakeWorker();
  const actions: LinkEvent[] = [];
  const link = new WorkerLink(worker.start, { baseUrl: '/gradlab/', defaultLimits: true });
  link.connect((action) => actions.push(action));
  return { worker, link, actions };
}

/** How a promise has settled so far: watched from the start, so that no rejection goes unhandled. */
function watch(promise: Promise<unknown>): { state: string } {
  const seen = { state: 'pending' };
  promise.then(
    () => (seen.state = 'resolved'),
    (error: Error) => (seen.state = `rejected: ${error.message}`),
  );
  return seen;
}

/** Lets everything already under way run to its end. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const STATUS: WorkerStatus = {
  backend: 'cpu',
  adapter: 'CPU',
  phase: 'ready',
  runs: [{ id: 'r-1', config: APP_DEFAULT_CONFIG, state: 'paused', step: 7, epoch: 0, lastLoss: 2.1, checkpointStep: 0, live: true, initialWeightsHash: 'c0ffee01', lrChanges: [] }],
  buffers: 3,
  bytes: 1024,
  cachedBindGroups: 5,
  cachedUniforms: 4,
  pooledBuffers: 2,
};
const spec = { id: 'r-1', config: APP_DEFAULT_CONFIG };

afterEach(() => {
  vi.useRealTimers();
});

describe('the worker link', () => {
  it('starts the worker with the page’s settings', () => {
    const { worker, link } = connected();
    expect(worker.sent).toEqual([{ type: 'init', baseUrl: '/gradlab/', defaultLimits: true, language: 'en' }]);
    link.disconnect();
  });

  it('settles a command on its reply: resolved when carried out, rejected with the worker’s reason when not', async () => {
    const { worker, link } = connected();
    const create = watch(link.command({ type: 'create', runs: [spec], start: true }));
    expect(worker.sent.at(-1)).toEqual({ type: 'create', runs: [spec], start: true, id: worker.idOf('create') });
    await settle();
    expect(create.state, 'nothing is settled before the reply').toBe('pending');
    worker.reply('create');
    await settle();
    expect(create.state).toBe('resolved');

    const step = link.command({ type: 'step', runIds: ['r-1'] });
    worker.reply('step', 'run r-1 has finished');
    await expect(step).rejects.toThrow('run r-1 has finished');
    // The worker's reason as it described it, for the page to word in its language when it shows it.
    expect(saidOf(await step.catch((error: unknown) => error))).toBe('run r-1 has finished');
    link.disconnect();
  });

  it('matches replies by id when they come out of order', async () => {
    const { worker, link } = connected();
    const lr = watch(link.command({ type: 'set-lr', runId: 'r-1', lr: 0.01 }));
    const lrId = worker.idOf('set-lr');
    const firstPause = watch(link.command({ type: 'pause', runIds: ['r-1'] }));
    const firstPauseId = worker.idOf('pause');
    const secondPause = watch(link.command({ type: 'pause', runIds: ['r-2'] }));
    expect(new Set([lrId, firstPauseId, worker.idOf('pause')]).size, 'each command has its own id').toBe(3);

    worker.reply('pause');
    worker.reply('pause', 'r-1 is not training', firstPauseId);
    await settle();
    expect([firstPause.state, secondPause.state, lr.state]).toEqual(['rejected: r-1 is not training', 'resolved', 'pending']);
    worker.reply('set-lr', null, lrId);
    await settle();
    expect(lr.state).toBe('resolved');
    link.disconnect();
  });

  it('rejects a reply that names another command than the one sent with its id', async () => {
    const { worker, link } = connected();
    const resume = link.command({ type: 'resume', runIds: ['r-1'] });
    worker.say({ type: 'reply', id: worker.idOf('resume'), command: 'pause', error: null });
    await expect(resume).rejects.toThrow(/answered 'pause' to the 'resume' command/);
    link.disconnect();
  });

  it('rejects what waits when the page closes the worker, and what is asked after', async () => {
    const { worker, link } = connected();
    const create = link.command({ type: 'create', runs: [spec], start: false });
    const status = link.status();
    const prediction = link.predict(['r-1'], new Float32Array(784));
    link.disconnect();
    expect(worker.terminated).toBe(1);
    expect(link.connected).toBe(false);
    await expect(create).rejects.toThrow(CLOSED);
    // A worker that went is not a failure of the command: the page says nothing more of it.
    await expect(create).rejects.toBeInstanceOf(WorkerGone);
    await expect(status).rejects.toThrow(CLOSED);
    await expect(prediction).rejects.toThrow(CLOSED);
    await expect(link.command({ type: 'rollback', runId: 'r-1' })).rejects.toThrow(NOT_RUNNING);
  });

  it('rejects what waits when the worker crashes, and says the crash once', async () => {
    const { worker, link, actions } = connected();
    const create = link.command({ type: 'create', runs: [spec], start: true });
    worker.crash('out of stack space');
    const message = 'The training worker crashed: out of stack space.';
    await expect(create).rejects.toThrow(message);
    await expect(create).rejects.not.toBeInstanceOf(WorkerGone);
    expect(actions).toEqual([{ type: 'worker-crashed', message: said('status', 'workerCrashed', 'out of stack space') }]);
    const [crash] = actions;
    if (crash.type !== 'worker-crashed') throw new Error('no crash said');
    expect(word(crash.message, catalogueOf('en'))).toBe(message);
    expect(word(crash.message, catalogueOf('zh'))).toBe(catalogueOf('zh').status.workerCrashed('out of stack space'));
    expect(worker.terminated).toBe(1);
  });

  it('starts over with a new worker on Start again; what waited on the old one is rejected', async () => {
    const { worker, link, actions } = connected();
    const step = link.command({ type: 'step', runIds: ['r-1'] });
    link.startAgain();
    await expect(step).rejects.toThrow(RESTARTED);
    expect(actions).toEqual([{ type: 'restart' }]);
    expect(worker.started).toBe(2);
    expect(worker.sent.filter((m) => m.type === 'init')).toHaveLength(2);
    link.disconnect();
  });

  it('answers predictions and status requests by their ids, handing the drawing over', async () => {
    const { worker, link } = connected();
    const pixels = new Float32Array(784).fill(0.5);
    const first = link.predict(['r-1', 'r-2'], pixels);
    const firstId = worker.idOf('predict');
    expect(worker.sent.at(-1)).toMatchObject({ type: 'predict', runIds: ['r-1', 'r-2'] });
    const second = link.predict(['r-2'], new Float32Array(784));
    const status = link.status();
    worker.say({ type: 'predictions', id: worker.idOf('predict'), results: [{ runId: 'r-2', probabilities: null }] });
    worker.say({ type: 'status', id: worker.idOf('status'), status: STATUS });
    const probabilities = new Float32Array(10).fill(0.1);
    worker.say({ type: 'predictions', id: firstId, results: [{ runId: 'r-1', probabilities }, { runId: 'r-2', probabilities: null }] });
    expect(await first).toEqual([{ runId: 'r-1', probabilities }, { runId: 'r-2', probabilities: null }]);
    expect(await second).toEqual([{ runId: 'r-2', probabilities: null }]);
    expect(await status).toEqual(STATUS);
    link.disconnect();
  });

  it('reports everything else the worker says, and builds nothing by itself', async () => {
    const { worker, link, actions } = connected();
    const ready: FromWorker = { type: 'data-ready', trainCount: 60_000, testCount: 10_000, samples: [] };
    worker.say({ type: 'phase', phase: 'ready' });
    worker.say(ready);
    worker.say({ type: 'pong' });
    worker.say({ type: 'run-state', runId: 'r-1', state: 'paused' });
    await settle();
    expect(actions).toEqual([{ type: 'phase', phase: 'ready' }, ready, { type: 'run-state', runId: 'r-1', state: 'paused' }]);
    expect(worker.sent.map((m) => m.type)).toEqual(['init']);
    link.disconnect();
  });

  it('shows a failed retry of the data as a data failure again, with the reason', async () => {
    const { worker, link, actions } = connected();
    const retry = link.retryData();
    worker.reply('load-data', 'MNIST file train-labels-idx1-ubyte is corrupted');
    await expect(retry).rejects.toThrow('MNIST file train-labels-idx1-ubyte is corrupted');
    expect(actions).toEqual([
      { type: 'retrying-data' },
      { type: 'data-failed', message: 'MNIST file train-labels-idx1-ubyte is corrupted' },
    ]);
    link.disconnect();
  });

  it('passes on the debug hooks', () => {
    const { worker, link } = connected();
    link.injectError('out-of-memory');
    link.injectError('validation', 'r-2');
    link.loseDevice();
    link.crashWorker();
    expect(worker.sent.slice(1)).toEqual([
      { type: 'inject-error', kind: 'out-of-memory' },
      { type: 'inject-error', kind: 'validation', runId: 'r-2' },
      { type: 'lose-device' },
      { type: 'crash' },
    ]);
    link.disconnect();
  });
});

describe('the heartbeat', () => {
  it('pings every second, says the worker is silent after four seconds unanswered, and that it answers again', () => {
    vi.useFakeTimers();
    const { worker, link, actions } = connected();
    const pings = () => worker.sent.filter((m) => m.type === 'ping').length;
    vi.advanceTimersByTime(3 * HEARTBEAT_MS);
    expect(pings()).toBe(3);
    worker.say({ type: 'pong' });
    vi.advanceTimersByTime(SILENCE_MS);
    expect(actions, 'silence is timed from the first unanswered ping').toEqual([]);
    vi.advanceTimersByTime(2 * HEARTBEAT_MS);
    expect(actions).toEqual([{ type: 'worker-silent' }]);
    vi.advanceTimersByTime(10 * HEARTBEAT_MS);
    expect(actions, 'said once').toEqual([{ type: 'worker-silent' }]);
    worker.say({ type: 'phase', phase: 'recovering' });
    expect(actions.slice(1)).toEqual([{ type: 'worker-answering' }, { type: 'phase', phase: 'recovering' }]);
    link.disconnect();
    const pingsAtClose = pings();
    vi.advanceTimersByTime(5 * HEARTBEAT_MS);
    expect(pings(), 'no pings after the link is closed').toBe(pingsAtClose);
  });
});
