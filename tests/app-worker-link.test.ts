// The page's end of the worker: each command settles on its own reply, and nothing waits on a worker that is gone.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_DEFAULT_CONFIG } from '../app/config-form';
import type { CommandType, FromWorker, ToWorker, WorkerStatus } from '../app/protocol';
import { HEARTBEAT_MS, SILENCE_MS } from '../app/state/heartbeat';
import type { TrainerAction } from '../app/state/trainer-state';
import { CLOSED, NOT_RUNNING, RESTARTED, WorkerLink, type WorkerListener } from '../app/state/worker-link';

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
  const actions: TrainerAction[] = [];
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

const STATUS: WorkerStatus = { backend: 'cpu', adapter: 'CPU', running: false, config: null, step: 7, epoch: 0, lastLoss: 2.1, checkpointStep: null, buffers: 3, bytes: 1024, cachedBindGroups: 5, cachedUniforms: 4, pooledBuffers: 2 };

afterEach(() => {
  vi.useRealTimers();
});

describe('the worker link', () => {
  it('starts the worker with the page’s settings', () => {
    const { worker, link } = connected();
    expect(worker.sent).toEqual([{ type: 'init', baseUrl: '/gradlab/', defaultLimits: true }]);
    link.disconnect();
  });

  it('settles a command on its reply: resolved when carried out, rejected with the worker’s reason when not', async () => {
    const { worker, link } = connected();
    const train = watch(link.train(APP_DEFAULT_CONFIG));
    expect(worker.sent.at(-1)).toEqual({ type: 'train', config: APP_DEFAULT_CONFIG, id: worker.idOf('train') });
    await settle();
    expect(train.state, 'nothing is settled before the reply').toBe('pending');
    worker.reply('train');
    await settle();
    expect(train.state).toBe('resolved');

    const step = link.step();
    worker.reply('step', 'the run has ended: press Train to start a fresh one');
    await expect(step).rejects.toThrow(new Error('the run has ended: press Train to start a fresh one'));
    link.disconnect();
  });

  it('matches replies by id when they come out of order', async () => {
    const { worker, link } = connected();
    const lr = watch(link.setLearningRate(0.01));
    const lrId = worker.idOf('set-lr');
    const firstPause = watch(link.pause());
    const firstPauseId = worker.idOf('pause');
    const secondPause = watch(link.pause());
    expect(new Set([lrId, firstPauseId, worker.idOf('pause')]).size, 'each command has its own id').toBe(3);

    worker.reply('pause');
    worker.reply('pause', 'nothing is running', firstPauseId);
    await settle();
    expect([firstPause.state, secondPause.state, lr.state]).toEqual(['rejected: nothing is running', 'resolved', 'pending']);
    worker.reply('set-lr', null, lrId);
    await settle();
    expect(lr.state).toBe('resolved');
    link.disconnect();
  });

  it('rejects a reply that names another command than the one sent with its id', async () => {
    const { worker, link } = connected();
    const resume = link.resume();
    worker.say({ type: 'reply', id: worker.idOf('resume'), command: 'pause', error: null });
    await expect(resume).rejects.toThrow(/answered 'pause' to the 'resume' command/);
    link.disconnect();
  });

  it('rejects what waits when the page closes the worker, and what is asked after', async () => {
    const { worker, link } = connected();
    const configure = link.configure(APP_DEFAULT_CONFIG);
    const status = link.status();
    link.disconnect();
    expect(worker.terminated).toBe(1);
    await expect(configure).rejects.toThrow(CLOSED);
    await expect(status).rejects.toThrow(CLOSED);
    await expect(link.rollback()).rejects.toThrow(NOT_RUNNING);
    expect(await link.predict(new Float32Array(784)), 'no model to ask: no prediction').toBeNull();
  });

  it('rejects what waits when the worker crashes, and says the crash once', async () => {
    const { worker, link, actions } = connected();
    const train = link.train(APP_DEFAULT_CONFIG);
    worker.crash('out of stack space');
    const message = 'The training worker crashed: out of stack space.';
    await expect(train).rejects.toThrow(message);
    expect(actions).toEqual([{ type: 'worker-crashed', message }]);
    expect(worker.terminated).toBe(1);
  });

  it('starts over with a new worker on Start again; what waited on the old one is rejected', async () => {
    const { worker, link, actions } = connected();
    const step = link.step();
    link.startAgain();
    await expect(step).rejects.toThrow(RESTARTED);
    expect(actions).toEqual([{ type: 'restart' }]);
    expect(worker.started).toBe(2);
    expect(worker.sent.filter((m) => m.type === 'init')).toHaveLength(2);
    link.disconnect();
  });

  it('answers predictions and status requests by their ids', async () => {
    const { worker, link } = connected();
    const first = link.predict(new Float32Array(784).fill(0.5));
    const firstId = worker.idOf('predict');
    const second = link.predict(new Float32Array(784));
    const status = link.status();
    worker.say({ type: 'prediction', id: worker.idOf('predict'), probabilities: null });
    worker.say({ type: 'status', id: worker.idOf('status'), status: STATUS });
    worker.say({ type: 'prediction', id: firstId, probabilities: new Float32Array(10).fill(0.1) });
    expect(await first).toEqual(new Float32Array(10).fill(0.1));
    expect(await second).toBeNull();
    expect(await status).toEqual(STATUS);
    link.disconnect();
  });

  it('makes page state of everything else the worker says, and builds the first model once the data is there', async () => {
    const { worker, link, actions } = connected();
    const ready: FromWorker = { type: 'data-ready', trainCount: 60_000, testCount: 10_000, samples: [] };
    worker.say({ type: 'phase', phase: 'ready' });
    worker.say(ready);
    worker.reply('configure', 'layer 1 needs a buffer beyond this device’s limit');
    worker.say({ type: 'pong' });
    await vi.waitFor(() => expect(actions).toHaveLength(3));
    expect(actions).toEqual([
      { type: 'phase', phase: 'ready' },
      ready,
      { type: 'error', message: 'Could not build the first model: layer 1 needs a buffer beyond this device’s limit' },
    ]);
    expect(worker.sent.find((m) => m.type === 'configure')).toMatchObject({ config: APP_DEFAULT_CONFIG });
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
    link.injectError('validation');
    link.loseDevice();
    link.crashWorker();
    expect(worker.sent.slice(1)).toEqual([
      { type: 'inject-error', kind: 'out-of-memory' },
      { type: 'inject-error', kind: 'validation' },
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
    worker.say({ type: 'phase', phase: 'running' });
    expect(actions.slice(1)).toEqual([{ type: 'worker-answering' }, { type: 'phase', phase: 'running' }]);
    link.disconnect();
    const pingsAtClose = pings();
    vi.advanceTimersByTime(5 * HEARTBEAT_MS);
    expect(pings(), 'no pings after the link is closed').toBe(pingsAtClose);
  });
});
