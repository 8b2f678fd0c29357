// The runs the worker holds, by id, and which of them have their model on the device: at most
// MAX_LIVE_RUNS, within the device's memory budget. Room is made by parking the least recently
// used stopped runs (their latest checkpoint stays, on the CPU).
import { said, SaidError } from '../i18n/said';
import { CLASSES, INPUT_SIZE, capacityOf, estimateTrainingMemory, type TrainConfig } from '../../gpu';
import type { RunId, RunStatus } from '../protocol';
import { MAX_LIVE_RUNS, roomProblem, runsToPark, type DeviceRoom } from './policy';
import type { Run } from './run';
import type { Session } from './session';

const NO_DATA = { train: 0, test: 0 };

/** Device bytes a run's model and training state take, besides the dataset all runs share. */
export function modelBytes(config: TrainConfig): number {
  return estimateTrainingMemory([INPUT_SIZE, ...config.hidden, CLASSES], config.optimizer, config.batchSize, NO_DATA).bytes;
}

/** Device bytes of the dataset on `session`'s device. */
function datasetBytes({ data }: Session): number {
  const sizes = [INPUT_SIZE, CLASSES];
  const counts = { train: data.train.count, test: data.test.count };
  return estimateTrainingMemory(sizes, 'sgd', 1, counts).bytes - estimateTrainingMemory(sizes, 'sgd', 1, NO_DATA).bytes;
}

/** What `session`'s device may hold in models. */
export function roomOn(session: Session): DeviceRoom {
  return { maxLive: MAX_LIVE_RUNS, budgetBytes: capacityOf(session.engine.backend).memoryBudgetBytes - datasetBytes(session) };
}

const sumBytes = (runs: readonly Run[]) => runs.reduce((sum, run) => sum + modelBytes(run.config), 0);

export class Runs {
  private readonly byId = new Map<RunId, Run>();

  /** The run with this id; a command naming one the worker does not hold is refused with the id. */
  get(id: RunId): Run {
    const run = this.byId.get(id);
    if (!run) throw new SaidError(said('worker', 'noRun', id));
    return run;
  }

  find(id: RunId): Run | undefined {
    return this.byId.get(id);
  }

  has(id: RunId): boolean {
    return this.byId.has(id);
  }

  add(run: Run): void {
    this.byId.set(run.id, run);
  }

  remove(run: Run): void {
    this.byId.delete(run.id);
  }

  all(): Run[] {
    return [...this.byId.values()];
  }

  /** The runs the loop steps, in the order they were added. */
  training(): Run[] {
    return this.all().filter((run) => run.inLoop);
  }

  status(): RunStatus[] {
    return this.all().map((run) => run.status());
  }

  /**
   * Parks stopped runs, least recently used first, until `count` more models of `bytes` fit on
   * `session`'s device beside the training runs and `keep`. Throws why when they cannot.
   */
  async makeRoom(session: Session, count: number, bytes: number, keep: readonly Run[]): Promise<void> {
    const room = roomOn(session);
    const resident = this.all().filter((run) => run.live);
    const pinned = (run: Run) => !run.idle || keep.includes(run);
    const park = runsToPark(
      resident.map((run) => ({ id: run.id, bytes: modelBytes(run.config), lastUsedMs: run.lastUsedMs, pinned: pinned(run) })),
      { count, bytes },
      room,
    );
    if (!park) {
      const staying = resident.filter(pinned);
      const problem = roomProblem(staying.length + count, sumBytes(staying) + bytes, room)!;
      const training = staying.filter((run) => run.state === 'training').length;
      throw new SaidError(training > 0 ? said('worker', 'someTraining', problem, training) : problem);
    }
    if (park.length === 0) return;
    for (const id of park) await this.get(id).park();
    // The parked models' buffers go back to the device before others are built.
    await session.engine.backend.trim();
  }

  /** Puts these runs' models on the device (parking others when needed); throws why when they do not fit. */
  async bringLive(session: Session, runs: readonly Run[]): Promise<void> {
    const parked = runs.filter((run) => !run.live);
    if (parked.length === 0) return;
    await this.makeRoom(session, parked.length, sumBytes(parked), runs);
    for (const run of parked) await run.unpark(session);
  }
}
