// What each command does to the runs. They are carried out one after another (the controller's
// queue), so none sees another half done; each checks everything it can before it changes anything.
import { ReadCancelledError, capacityOf, checkCheckpoint, configProblems, type Checkpoint } from '../../gpu';
import type { FromWorker, LrChange, RunId, RunSpec } from '../protocol';
import { runNameSaid } from '../runs/naming';
import { adoptedState, createRefusal, roomProblem, rollbackLearningRate, whichRun } from './policy';
import { Run, type RunHooks } from './run';
import { modelBytes, roomOn, type Runs } from './runs';
import type { Session } from './session';
import type { TrainingLoop } from './training-loop';
import { errorSaid } from './transport';
import { problemSaid, said, SaidError, type Said } from '../i18n/said';

/** What the commands need of the worker around them. */
export interface CommandContext {
  readonly runs: Runs;
  readonly loop: TrainingLoop;
  readonly hooks: RunHooks;
  /** The dataset on the device in use; throws when it is not loaded yet. */
  session(): Session;
  post(message: FromWorker): void;
  /** `work`, or a ReadCancelledError as soon as the device is lost: the command is then carried out again on the new one. */
  untilLost<T>(work: Promise<T>): Promise<T>;
  /** Submits `run`'s step inside its own error scopes. */
  submitInScopes<T>(run: Run, submit: () => T): T;
}

const plural = (runs: readonly Run[]) => said('worker', 'runs', runs.map((run) => run.id).join(', '), runs.length);

/** `error` with what it stopped; a cut-off read as it is, for the command to be carried out again on a new device. */
function explained(error: unknown, what: Said): Error {
  if (error instanceof ReadCancelledError) return error;
  return new SaidError(said('worker', 'explained', what, errorSaid(error)), { cause: error });
}

/** Why `run` cannot train on (or be stepped); null when it can. */
function cannotGoOn(run: Run): Said | null {
  switch (run.state) {
    case 'finished':
      return said('worker', 'finishedAll', run.id);
    case 'diverged':
      return said('worker', 'divergedGoOn', run.id);
    case 'failed':
      return said('worker', 'endedByError', run.id);
    default:
      return null;
  }
}

export class Commands {
  constructor(private readonly ctx: CommandContext) {}

  /** New runs: all checked before any is built; `start`: the training runs pause, and these train together. */
  async create(specs: readonly RunSpec[], start: boolean): Promise<void> {
    const { runs, hooks, loop } = this.ctx;
    const session = this.ctx.session();
    if (specs.length === 0) throw new SaidError(said('worker', 'noRunsToCreate'));
    const ids = new Set<RunId>();
    for (const { id } of specs) {
      if (runs.has(id) || ids.has(id)) throw new SaidError(said('worker', 'alreadyARun', id));
      ids.add(id);
    }
    const configs = specs.map((spec) => spec.config);
    const refusal = createRefusal(configs, capacityOf(session.engine.backend));
    if (refusal) throw new SaidError(refusal);
    const bytes = configs.reduce((sum, config) => sum + modelBytes(config), 0);
    // One run alone was weighed against the device by createRefusal already.
    const together = specs.length > 1 ? roomProblem(specs.length, bytes, roomOn(session)) : null;
    if (together) throw new SaidError(said('worker', 'cannotTrainTogether', specs.length, together));

    if (start) await this.stop(runs.all().filter((run) => run.state === 'training'));
    try {
      await runs.makeRoom(session, specs.length, bytes, []);
    } catch (error) {
      throw explained(error, said('worker', 'noRoom', specs.length));
    }
    const built: Run[] = [];
    try {
      for (const [i, { id, config }] of specs.entries()) {
        try {
          built.push(await Run.create(session, id, config, hooks));
        } catch (error) {
          throw explained(error, said('worker', 'couldNotBuild', whichRun(i, specs.length), runNameSaid(config)));
        }
      }
    } catch (error) {
      for (const run of built) await run.discard(Promise.resolve());
      await session.engine.backend.trim();
      throw error;
    }
    // From here on nothing throws: a command carried out again after a lost device would find these runs there.
    for (const run of built) {
      runs.add(run);
      this.announce(run, session);
      if (start) run.setState('training');
    }
    if (start) loop.ensure();
    await Promise.all(built.map((run) => run.predictStrip().catch(hooks.report)));
  }

  async pause(ids: readonly RunId[]): Promise<void> {
    await this.stop(this.named(ids).filter((run) => run.state === 'training'));
  }

  /** These runs join the training loop, their models put back on the device where they were parked. */
  async resume(ids: readonly RunId[]): Promise<void> {
    const chosen = await this.ctx.untilLost(this.afterStops(ids));
    for (const run of chosen) {
      const reason = cannotGoOn(run);
      if (reason) throw new SaidError(reason);
    }
    const joining = chosen.filter((run) => run.state !== 'training');
    await this.bringLive(joining, 'resume');
    for (const run of joining) run.setState('training');
    this.ctx.loop.ensure();
  }

  /** One step of each, its loss read back, then what a stop does (a checkpoint, the weights, the strip). */
  async step(ids: readonly RunId[]): Promise<void> {
    const chosen = await this.ctx.untilLost(this.afterStops(ids));
    for (const run of chosen) {
      const reason = run.state === 'training' ? said('worker', 'isTrainingStep', run.id) : cannotGoOn(run);
      if (reason) throw new SaidError(reason);
    }
    await this.bringLive(chosen, 'step');
    const stepping = chosen.map((run) => run.stepOnce((trainer) => this.ctx.submitInScopes(run, () => trainer.trainStep({ readLoss: true }))));
    const outcomes = await this.ctx.untilLost(Promise.allSettled(stepping));
    const cancelled = outcomes.find((outcome) => outcome.status === 'rejected' && outcome.reason instanceof ReadCancelledError);
    if (cancelled) throw (cancelled as PromiseRejectedResult).reason;
    const failed = chosen.filter((run) => run.state === 'failed');
    if (failed.length > 0) throw new SaidError(said('worker', 'stepEnded', plural(failed), failed.length));
  }

  setLearningRate(id: RunId, lr: number): void {
    const run = this.ctx.runs.get(id);
    const problem = configProblems({ ...run.config, lr }).lr;
    if (problem) throw new SaidError(problemSaid(problem));
    run.setLearningRate(lr);
  }

  /**
   * A diverged run goes back to its last good checkpoint with a tenth of its learning rate, and
   * trains. A run rolled back before that is stuck (it trains on, or stopped, at the chance level)
   * goes back to where that rollback went, with a tenth of its learning rate now.
   */
  async rollback(id: RunId): Promise<void> {
    const [run] = await this.ctx.untilLost(this.afterStops([id]));
    const refusal = () => new SaidError(said('worker', 'cannotRollBack', id, said('status', 'runState', run.state)));
    if (!run.rollbackPoint) throw refusal();
    if (run.state === 'training') {
      await this.stop([run]);
      await this.ctx.untilLost(run.settle());
    }
    // A stop may have seen a divergence (the rollback then goes where a diverged run's goes), or ended the run.
    const to = run.state === 'failed' ? null : run.rollbackPoint;
    if (!to) throw refusal();
    const session = this.ctx.session();
    if (!run.live) {
      try {
        await this.ctx.runs.makeRoom(session, 1, modelBytes(run.config), [run]);
      } catch (error) {
        throw explained(error, said('worker', 'cannotTrainNow', id));
      }
    }
    run.restore(session, 'rollback', rollbackLearningRate(run.config.lr), to);
    run.setState('training');
    this.ctx.loop.ensure();
    await run.predictStrip().catch(this.ctx.hooks.report);
  }

  /**
   * The runs whose insides the page shows now; the others' are no longer sampled. One that becomes
   * watched while stopped with its model on the device is probed once now (a parked one is left be).
   */
  watch(ids: readonly RunId[]): void {
    const wanted = new Set(ids);
    for (const run of this.ctx.runs.all()) {
      const newly = wanted.has(run.id) && !run.insides.watched;
      run.insides.watched = wanted.has(run.id);
      const trainer = run.model;
      if (newly && trainer && run.idle && run.state !== 'failed') void run.insides.probe(trainer).catch(this.ctx.hooks.report);
    }
  }

  /** A stopped run's model through the whole test set (a parked one is put back on the device): its confusion counts for the page. */
  async evaluate(id: RunId): Promise<void> {
    const [run] = await this.ctx.untilLost(this.afterStops([id]));
    if (run.state === 'training') throw new SaidError(said('worker', 'isTrainingConfusion', id));
    if (run.state === 'failed') throw new SaidError(said('worker', 'noModelToEvaluate', id));
    await this.bringLive([run], 'be evaluated');
    await this.ctx.untilLost(run.use((trainer) => run.insides.evaluateNow(trainer)));
  }

  /** The run goes at once (the loop steps it no more); its model once what it submitted is done. */
  async delete(id: RunId): Promise<void> {
    const run = this.ctx.runs.get(id);
    this.ctx.runs.remove(run);
    const { backend } = this.ctx.session().engine;
    await run.discard(backend.lost);
    await backend.trim();
  }

  /** A run the page kept comes back parked, from its stored checkpoint, checked against this device. */
  adopt(id: RunId, checkpoint: Checkpoint, elapsedMs: number, lrChanges: readonly LrChange[]): void {
    const { runs, hooks } = this.ctx;
    const session = this.ctx.session();
    if (runs.has(id)) throw new SaidError(said('worker', 'alreadyARun', id));
    try {
      checkCheckpoint(checkpoint, session.data.train.count);
    } catch (error) {
      throw explained(error, said('worker', 'cannotTakeBack', id));
    }
    const refusal = createRefusal([checkpoint.config], capacityOf(session.engine.backend));
    if (refusal) throw new SaidError(said('worker', 'explained', said('worker', 'cannotTakeBack', id), refusal));
    const run = Run.adopt(id, checkpoint, adoptedState(checkpoint), session.data.train.count, elapsedMs, lrChanges, hooks);
    runs.add(run);
    this.announce(run, session);
  }

  /** Tells the page of a run built or taken back, and the state it is in. */
  private announce(run: Run, session: Session): void {
    const { kind: backend, adapter } = session.engine.backend;
    const { id: runId, config, stepsPerEpoch, trainCount, step, epoch, initialWeightsHash, state } = run;
    this.ctx.post({ type: 'run-created', runId, config, stepsPerEpoch, trainCount, step, epoch, initialWeightsHash, backend, adapter });
    this.ctx.post({ type: 'run-state', runId, state });
  }

  /** These runs leave the loop; resolves once each has stopped (a checkpoint, its weights). */
  private stop(runs: readonly Run[]): Promise<unknown> {
    return this.ctx.untilLost(Promise.all(runs.map((run) => run.stop())));
  }

  /** The runs with these ids (a missing one is refused by id), each once done with a stop under way. */
  private async afterStops(ids: readonly RunId[]): Promise<Run[]> {
    const chosen = this.named(ids);
    await Promise.all(chosen.map((run) => run.stopped));
    return chosen;
  }

  private named(ids: readonly RunId[]): Run[] {
    if (ids.length === 0) throw new SaidError(said('worker', 'noRunsNamed'));
    return ids.map((id) => this.ctx.runs.get(id));
  }

  private async bringLive(runs: readonly Run[], doing: 'resume' | 'step' | 'be evaluated'): Promise<void> {
    try {
      await this.ctx.runs.bringLive(this.ctx.session(), runs);
    } catch (error) {
      const stuck = runs.filter((run) => !run.live);
      throw explained(error, said('worker', 'cannotNow', plural(stuck), said('worker', 'doing', doing)));
    }
  }
}
