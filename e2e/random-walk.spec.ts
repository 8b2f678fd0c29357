// A seeded random walk of the playground: 300 actions drawn from everything a user can do at that
// moment, each followed by the checks that no fault may break: no console error or uncaught
// exception, no main-thread task over a second, a page and a worker that answer, and no finished
// result lost. The seed is new every run and printed; SEED=… replays one (the same decisions, as
// long as the page reaches the same states at the same points).
import type { Page } from '@playwright/test';
import { test } from './fixtures';
import { ON_WEBGPU, openPlayground, status } from './playground';
import { seededRandom, walkSeed } from './seeded-random';
import { possibleActions } from './walk-actions';
import { readView, type PageView, type RunView } from './walk-view';

const ACTIONS = 300;
const MAX_TASK_MS = 1000;
const PAGE_ANSWER_MS = 3000;
/** As long as the page's own heartbeat waits before it calls the worker silent. */
const WORKER_ANSWER_MS = 4000;
/** How long an apparent loss of a result may last: two messages of one change can land a render apart. */
const SETTLE_MS = 3000;
/** What the page may show in a healthy walk; any other incident (an error, a GPU error, a silent worker, failed data) is a fault. */
const EXPECTED_INCIDENTS = ['device-lost', 'diverged', 'rolled-back'];
const LOG_TAIL = 12;

/** Main-thread tasks over `limit` ms, in every document the page loads (reloads too). */
async function watchLongTasks(page: Page, limit: number): Promise<number[]> {
  const seen: number[] = [];
  await page.exposeBinding('reportLongTask', (_source, ms: number) => void seen.push(ms));
  await page.addInitScript((least) => {
    const report = (window as unknown as { reportLongTask(ms: number): void }).reportLongTask;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.duration > least) report(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  }, limit);
  return seen;
}

/** `promise`, or an error naming `what` if it takes longer than `ms`. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The page once nothing it showed seems lost, or after SETTLE_MS of frames if that does not come:
 * one change can arrive as two messages a render apart (a fresh model, then its phase).
 */
async function settledView(page: Page, results: FinishedResults): Promise<PageView> {
  const deadline = Date.now() + SETTLE_MS;
  let view = await readView(page);
  while (results.lost(view) && Date.now() < deadline) {
    await page.evaluate(() => new Promise((next) => requestAnimationFrame(next)));
    view = await readView(page);
  }
  return view;
}

/**
 * "Nothing that finished is lost", run by run, across reloads too (the runs are stored):
 * - a run's epoch results, once shown, stay until its step goes back (a lost device or a rollback
 *   returns it to a checkpoint, and the epochs after it are trained again) or it is deleted;
 * - a finished run stays finished with the same step and results (only Delete removes it).
 */
class FinishedResults {
  private readonly seen = new Map<string, RunView>();
  /** Runs seen to finish, for the report: the second rule is only as strong as this number. */
  finishes = 0;

  /** What `view` loses of what was shown before, if anything. */
  lost(view: PageView): string | null {
    for (const run of view.runs) {
      const before = this.seen.get(run.id);
      if (!before) continue;
      if (run.step >= before.step && run.accuracies.length < before.accuracies.length) {
        return `run ${run.id} showed ${before.accuracies.length} epoch results at step ${before.step}; at step ${run.step} it shows ${run.accuracies.length}`;
      }
      if (before.state === 'finished' && (run.state !== 'finished' || run.step !== before.step || run.accuracies.join() !== before.accuracies.join())) {
        return `run ${run.id} finished at step ${before.step} with ${before.accuracies.join(', ')}; now it is ${run.state} at step ${run.step} with ${run.accuracies.join(', ')}`;
      }
    }
    return null;
  }

  remember(view: PageView): void {
    for (const run of view.runs) {
      if (run.state === 'finished' && this.seen.get(run.id)?.state !== 'finished') this.finishes++;
      this.seen.set(run.id, run);
    }
    // A deleted run may go.
    const kept = new Set(view.runs.map((r) => r.id));
    for (const id of this.seen.keys()) if (!kept.has(id)) this.seen.delete(id);
  }
}

test('300 random actions: no error, no long task, always answering, nothing finished lost', async ({ page }) => {
  test.setTimeout(300_000);
  const seed = walkSeed();
  const replay = `SEED=${seed} npx playwright test e2e/random-walk.spec.ts`;
  console.log(`random walk seed ${seed}; replay with: ${replay}`);
  test.info().annotations.push({ type: 'seed', description: replay });
  const random = seededRandom(seed);

  const faults: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') faults.push(`console error${message.worker() ? ' in the worker' : ''}: ${message.text()}`);
  });
  page.on('pageerror', (error) => faults.push(`uncaught ${error.name}: ${error.message}`));
  const longTasks = await watchLongTasks(page, MAX_TASK_MS);

  await openPlayground(page, ON_WEBGPU);
  const log: string[] = [];
  const results = new FinishedResults();
  const commandErrors = new Set<string>();
  let webgpu = (await status(page)).backend === 'webgpu';
  const started = Date.now();

  const fail = async (index: number, action: string, problem: string): Promise<never> => {
    await test.info().attach('actions', { body: log.join('\n'), contentType: 'text/plain' });
    throw new Error(`random walk ${replay}\nafter action #${index} (${action}): ${problem}\nthe last actions:\n${log.slice(-LOG_TAIL).join('\n')}`);
  };

  for (let index = 1; index <= ACTIONS; index++) {
    const before = await readView(page);
    const action = random.weighted(possibleActions(before, webgpu));
    let done = `#${index} [${before.phase}, step ${before.step}]`;
    const actionStarted = Date.now();
    try {
      done += ` ${await action.run(page, random)} (${Date.now() - actionStarted} ms)`;
    } catch (error) {
      done += ' (did not complete)';
      log.push(done);
      await fail(index, done, `the action failed: ${messageOf(error)}`);
    }
    log.push(done);

    if (faults.length > 0) await fail(index, done, faults.join('\n'));
    if (longTasks.length > 0) await fail(index, done, `a main-thread task took ${Math.round(Math.max(...longTasks))} ms (limit ${MAX_TASK_MS} ms)`);
    try {
      await within(PAGE_ANSWER_MS, 'the page', page.evaluate(() => document.readyState));
      webgpu = (await within(WORKER_ANSWER_MS, 'the worker (window.gradlab.status())', status(page))).backend === 'webgpu';
    } catch (error) {
      await fail(index, done, messageOf(error));
    }

    const view = await settledView(page, results);
    const lost = results.lost(view);
    if (lost) await fail(index, done, lost);
    results.remember(view);
    const fault = view.incidents.find((incident) => !EXPECTED_INCIDENTS.includes(incident.kind));
    if (fault) await fail(index, done, `the page reports a fault (${fault.kind}): ${fault.text}`);
    for (const text of view.commandErrors) commandErrors.add(text);
  }

  const summary = `${ACTIONS} actions in ${Math.round((Date.now() - started) / 1000)} s; ${results.finishes} runs seen to finish`;
  const shown = commandErrors.size > 0 ? [...commandErrors].join(' | ') : 'none';
  console.log(`random walk: ${summary}; command errors shown: ${shown}`);
  test.info().annotations.push({ type: 'walk', description: summary }, { type: 'command errors shown', description: shown });
  await test.info().attach('actions', { body: log.join('\n'), contentType: 'text/plain' });
});
