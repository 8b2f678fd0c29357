// What the page does: new runs and races, the commands on runs, the page's own settings, and the
// runs' way into storage and back into the worker after a reload.
import { checkpointFromImport, earlierTraining, type ActivationCurve, type ActivationName, type Checkpoint, type ImportedModel, type Inspection, type TrainConfig } from '../../gpu';
import { draftFrom, type ConfigDraft } from '../config-form';
import { saidOf, type Said } from '../i18n/said';
import type { Notice } from '../i18n/wording';
import type { BackendChoice, CellImage, InspectInput, RunId, RunPrediction } from '../protocol';
import { displayName, newRunId, nextColor } from '../runs/naming';
import { comparisonConfigs, MAX_RACE_RUNS, type ComparePresetId } from '../runs/presets';
import { writeBackendChoice } from './backend-choice';
import type { ChartSettings, LensInput, LinkEvent } from './page-state';
import { RunStorage, type OpenedStore, type RunStore } from './persistence';
import { requestedRun, type RunRecord } from './run-record';
import { RunSaver } from './run-saver';
import { raceCommand, runsInOrder, watchedRunIds, type RaceCommand } from './selectors';
import { PageStore } from './store';
import { refusedBy, storedProblemText, Unusable, type StoredProblem } from './stored-problem';
import { runFromStored } from './stored-run';
import { WorkerGone, type WorkerLink } from './worker-link';

/** Commands to the worker resolve once it has carried them out, and reject with its reason when it did not; the page's own settings change at once. */
export interface PlaygroundCommands {
  /** A new run from these settings, trained at once; every run training now pauses. */
  train(config: TrainConfig): Promise<void>;
  /** A race: the preset's runs built from `base`, trained together. */
  trainComparison(presetId: ComparePresetId, base: TrainConfig): Promise<void>;
  /** The selected run's race: those of its runs that can. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  step(): Promise<void>;
  resumeRun(runId: RunId): Promise<void>;
  pauseRun(runId: RunId): Promise<void>;
  /** After a divergence: back to the run's last good checkpoint with a tenth of its learning rate, training. */
  rollback(runId: RunId): Promise<void>;
  /** The run goes from the worker, the page and storage. */
  deleteRun(runId: RunId): Promise<void>;
  /** From the run's next step on: the worker records the change, and the page shows it from what the worker says. */
  setLearningRate(runId: RunId, lr: number): Promise<void>;
  /** An empty name gives the run back the one its settings make. */
  renameRun(runId: RunId, name: string): void;
  setVisible(runId: RunId, visible: boolean): void;
  select(runId: RunId | null): void;
  /** "Use these settings": the form takes the run's configuration. */
  loadSettings(runId: RunId): void;
  setDraft(draft: ConfigDraft): void;
  /** The comparison chosen next to the form; none: null. */
  setCompare(presetId: ComparePresetId | null): void;
  /**
   * A new run from an imported model trained on with `config` (see importedConfig): taken by the
   * worker parked, kept for a reload, selected, and evaluated on the test set. Resolves with its id
   * and test accuracy once evaluated; a refusal leaves the page as it was.
   */
  importRun(model: ImportedModel, config: TrainConfig): Promise<{ runId: RunId; testAccuracy: number | null }>;
  /** Choosing a metric makes it the user's choice from then on. */
  setChartSettings(settings: Partial<ChartSettings>): void;
  dismissNotice(index: number): void;
  /** Every visible run the worker holds, asked about the drawing; null probabilities where a run could not answer. */
  predict(pixels: Float32Array): Promise<RunPrediction[]>;
  /** Loads the dataset again after it failed. */
  retryData(): Promise<void>;
  /** Trains on the backend `choice` gives from now on (the address says it): the runs move there and go on from their steps. */
  changeBackend(choice: BackendChoice): Promise<void>;
  /** A new worker in place of one that crashed or stopped answering; the runs it held stay on the page. */
  startAgain(): void;
  /** Opens or folds "Inside the network": while it is open the worker samples the visible runs' insides. */
  setInsideOpen(open: boolean): void;
  /** What the loss lens looks at: the pad's drawing (the pixels are kept as given), or a test image. */
  setLensInput(input: LensInput | null): void;
  /** The lens's target digit; null: the test image's label, or the model's own answer for a drawing. */
  setLensTarget(target: number | null): void;
  /** The activation and its derivative over [-6, 6], through the kernels of the backend that trains (asked once a backend). */
  activationCurve(name: ActivationName, alpha?: number): Promise<ActivationCurve>;
  /** The run's logits, probabilities, every loss and its gradient, and its first layer for one input; a drawing's pixels are handed over. */
  inspect(runId: RunId, input: InspectInput, target: number | null): Promise<Inspection>;
  /** The first `limit` test images of a confusion-matrix cell (row `actual`) with the model's probabilities, and how many the cell holds. */
  confusionCell(runId: RunId, actual: number, predicted: number, limit?: number): Promise<{ total: number; images: CellImage[] }>;
  /** The whole test set through a stopped run's model: its confusion matrix (run.confusion) anew. */
  evaluate(runId: RunId): Promise<void>;
}

/** A confusion-matrix cell lists this many of its test images unless asked otherwise. */
export const CELL_IMAGES = 16;

export class Playground implements PlaygroundCommands {
  readonly store = new PageStore();
  private storage: RunStore | null = null;
  private saver: RunSaver | null = null;
  private loading: Promise<void> | null = null;
  private adoption: Promise<void> = Promise.resolve();
  /** Runs whose weights could not be stored, said once each. */
  private readonly weightsRefused = new Set<RunId>();
  /** The runs the worker was last told the page watches, as a key; null when that is not known (the telling failed). */
  private watchedKey: string | null = '';
  private stopWatching: (() => void) | null = null;
  /** The curves of the backend in use, asked once each. */
  private curves = new Map<string, Promise<ActivationCurve>>();

  constructor(
    readonly link: WorkerLink,
    private readonly openStorage: () => Promise<OpenedStore> = () => RunStorage.open(),
  ) {}

  /** Reads the stored runs (once) and starts the worker; no model is built until the user trains. */
  start(): void {
    this.loading ??= this.loadStoredRuns();
    this.stopWatching ??= this.store.subscribe(() => this.tellWatched());
    if (!this.link.connected) {
      // A new worker watches nothing.
      this.watchedKey = '';
      this.link.connect((event) => this.heard(event));
    }
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.link.disconnect();
    this.saver?.flush();
  }

  /** Writes what waits to be written: the page is going away. */
  flushSaves(): void {
    this.saver?.flush();
  }

  /** Runs created together, selected by the first; `start`: trained at once. */
  async createRuns(configs: readonly TrainConfig[], start: boolean): Promise<RunId[]> {
    if (configs.length === 0 || configs.length > MAX_RACE_RUNS) throw new Error(`A race has 1 to ${MAX_RACE_RUNS} runs, not ${configs.length}.`);
    const now = Date.now();
    const ids = configs.map(() => newRunId(now));
    const colors = Object.values(this.store.get().runs).map((run) => run.color);
    const runs = configs.map((config, i) => {
      const color = nextColor(colors);
      colors.push(color);
      return requestedRun({ id: ids[i], raceId: ids[0], config, color, createdAt: now });
    });
    this.store.dispatch({ type: 'runs-added', runs });
    try {
      await this.link.command({ type: 'create', runs: runs.map(({ id, config }) => ({ id, config })), start });
    } catch (error) {
      this.store.dispatch({ type: 'runs-removed', runIds: ids });
      throw error;
    }
    return ids;
  }

  readonly train = async (config: TrainConfig): Promise<void> => {
    await this.createRuns([config], true);
  };

  readonly trainComparison = async (presetId: ComparePresetId, base: TrainConfig): Promise<void> => {
    await this.createRuns(comparisonConfigs(presetId, base), true);
  };

  readonly importRun = async (model: ImportedModel, config: TrainConfig): Promise<{ runId: RunId; testAccuracy: number | null }> => {
    const { dataset } = this.store.get().worker;
    if (!dataset) throw new Error('the MNIST data is not loaded yet');
    const checkpoint = checkpointFromImport(model, config, dataset.trainCount);
    const now = Date.now();
    const id = newRunId(now);
    const color = nextColor(Object.values(this.store.get().runs).map((run) => run.color));
    const run: RunRecord = { ...requestedRun({ id, raceId: id, config: checkpoint.config, color, createdAt: now }), origin: 'imported', earlier: earlierTraining(model) };
    this.store.dispatch({ type: 'runs-added', runs: [run] });
    try {
      await this.link.command({ type: 'adopt', runId: id, checkpoint });
    } catch (error) {
      this.store.dispatch({ type: 'runs-removed', runIds: [id] });
      throw error;
    }
    // Exported and kept as a run the worker stopped would be: a reload gives it back.
    this.store.dispatch({ type: 'weights', runId: id, checkpoint });
    void this.keepWeights(id, checkpoint);
    await this.evaluate(id);
    return { runId: id, testAccuracy: this.store.get().runs[id]?.confusion?.accuracy ?? null };
  };

  readonly pause = () => this.commandRace('pause');
  readonly resume = () => this.commandRace('resume');
  readonly step = () => this.commandRace('step');

  readonly resumeRun = (runId: RunId) => this.link.command({ type: 'resume', runIds: [runId] });
  readonly pauseRun = (runId: RunId) => this.link.command({ type: 'pause', runIds: [runId] });
  readonly rollback = (runId: RunId) => this.link.command({ type: 'rollback', runId });

  readonly deleteRun = async (runId: RunId): Promise<void> => {
    const run = this.store.get().runs[runId];
    if (!run) return;
    if (run.inWorker) await this.link.command({ type: 'delete', runId });
    this.store.dispatch({ type: 'runs-removed', runIds: [runId] });
  };

  readonly setLearningRate = (runId: RunId, lr: number) => this.link.command({ type: 'set-lr', runId, lr });

  readonly renameRun = (runId: RunId, name: string) => this.store.dispatch({ type: 'renamed', runId, name });
  readonly setVisible = (runId: RunId, visible: boolean) => this.store.dispatch({ type: 'visibility', runId, visible });
  readonly select = (runId: RunId | null) => this.store.dispatch({ type: 'select', runId });
  readonly setDraft = (draft: ConfigDraft) => this.store.dispatch({ type: 'draft', draft });
  readonly setCompare = (presetId: ComparePresetId | null) => this.store.dispatch({ type: 'compare', presetId });
  readonly setChartSettings = (settings: Partial<ChartSettings>) => this.store.dispatch({ type: 'chart', settings });
  readonly dismissNotice = (index: number) => this.store.dispatch({ type: 'dismiss-notice', index });

  readonly loadSettings = (runId: RunId) => {
    const run = this.store.get().runs[runId];
    if (run) this.setDraft(draftFrom(run.config));
  };

  readonly predict = async (pixels: Float32Array): Promise<RunPrediction[]> => {
    const runIds = this.store.visibleRuns(this.store.get()).filter((run) => run.inWorker).map((run) => run.id);
    if (runIds.length === 0) return [];
    return this.link.predict(runIds, pixels).catch(() => runIds.map((runId) => ({ runId, probabilities: null })));
  };

  readonly retryData = () => this.link.retryData();
  readonly changeBackend = (choice: BackendChoice) => {
    writeBackendChoice(choice);
    return this.link.changeBackend(choice);
  };
  readonly startAgain = () => this.link.startAgain();

  readonly setInsideOpen = (open: boolean) => this.store.dispatch({ type: 'inside-open', open });
  readonly setLensInput = (input: LensInput | null) => this.store.dispatch({ type: 'lens-input', input });
  readonly setLensTarget = (target: number | null) => this.store.dispatch({ type: 'lens-target', target });
  readonly inspect = (runId: RunId, input: InspectInput, target: number | null) => this.link.inspect(runId, input, target);
  readonly confusionCell = (runId: RunId, actual: number, predicted: number, limit = CELL_IMAGES) => this.link.confusionCell(runId, actual, predicted, limit);
  readonly evaluate = (runId: RunId) => this.link.command({ type: 'evaluate', runId });

  /** `alpha`: Leaky ReLU's slope or ELU's alpha, where it is not the default. */
  readonly activationCurve = (name: ActivationName, alpha?: number): Promise<ActivationCurve> => {
    const { curves } = this;
    const key = `${name} ${alpha ?? ''}`;
    let curve = curves.get(key);
    if (!curve) {
      curve = this.link.activationCurve(name, alpha);
      curves.set(key, curve);
      curve.catch(() => curves.get(key) === curve && curves.delete(key));
    }
    return curve;
  };

  /** `runIds`, or else the runs of the selected race that can take the command; none: rejected with why not. */
  async commandRace(command: RaceCommand, runIds?: RunId[]): Promise<void> {
    if (runIds === undefined) {
      const chosen = raceCommand(this.store.get(), command);
      if (chosen.reason !== null) throw new Error(chosen.reason);
      runIds = chosen.runIds;
    }
    return this.link.command({ type: command, runIds });
  }

  private heard(event: LinkEvent): void {
    // A new backend (after a restart or a lost device) may be of another kind: its kernels draw the curves from then on.
    if (event.type === 'backend') this.curves = new Map();
    if (event.type === 'restart') this.watchedKey = '';
    this.store.dispatch(event);
    if (event.type === 'weights') void this.keepWeights(event.runId, event.checkpoint);
    // A new worker (after a restart) knows no run: the stored ones go back to it once it has the data.
    if (event.type === 'data-ready') this.adoption = this.adoption.then(() => this.adoptStoredRuns());
  }

  private async loadStoredRuns(): Promise<void> {
    const opened = await this.openStorage();
    if ('reason' in opened) return this.storageFailed(opened.reason);
    try {
      const { runs, withWeights, skipped } = await opened.loadRuns();
      this.store.dispatch({ type: 'runs-loaded', runs: runs.map((run) => runFromStored(run, withWeights.has(run.id))), skipped });
    } catch (error) {
      return this.storageFailed(saidOf(error));
    }
    this.storage = opened;
    this.saver = new RunSaver(opened, this.store, (reason) => this.storageFailed(reason));
    this.saver.start();
  }

  /** The worker is told whenever the runs the page watches change (see watchedRunIds). */
  private tellWatched(): void {
    const runIds = watchedRunIds(this.store.get());
    const key = runIds.join(' ');
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    this.link.command({ type: 'watch', runIds }).catch(() => {
      // Told again at the next change; a new worker in its place is told once it holds runs again.
      if (this.watchedKey === key) this.watchedKey = null;
    });
  }

  private storageFailed(reason: Said): void {
    this.store.dispatch({ type: 'storage', status: { ok: false, reason } });
  }

  private notice(notice: Notice): void {
    this.store.dispatch({ type: 'notice', notice });
  }

  private storedModelUnusable(run: RunRecord, problem: StoredProblem): void {
    this.notice((t) => t.status.storedModelUnusable(displayName(run, t), storedProblemText(problem, t)));
  }

  /** The newest MAX_STORED_WEIGHTS runs' latest weights are kept, for the drawing pad and training after a reload. */
  private async keepWeights(runId: RunId, checkpoint: Checkpoint): Promise<void> {
    await this.loading;
    const run = this.store.get().runs[runId];
    if (!this.storage || !run) return;
    try {
      const saved = await this.storage.saveWeights(runId, checkpoint);
      if (saved.stored) this.store.dispatch({ type: 'weights-stored', runId });
      else if (!this.weightsRefused.has(runId)) {
        this.weightsRefused.add(runId);
        const { reason } = saved;
        this.notice((t) => t.status.modelNotStored(displayName(run, t), reason ? storedProblemText(reason, t) : [t.status.unknownError]));
      }
      if (saved.evicted.length > 0) this.store.dispatch({ type: 'weights-dropped', runIds: saved.evicted });
    } catch (error) {
      const problem = refusedBy(error);
      this.notice((t) => t.status.modelCouldNotBeStored(displayName(run, t), storedProblemText(problem, t)));
    }
  }

  /** Each run with stored weights that the worker does not hold goes back to it, parked. */
  private async adoptStoredRuns(): Promise<void> {
    await this.loading;
    const storage = this.storage;
    if (!storage) return;
    for (const run of runsInOrder(this.store.get())) {
      if (!run.hasStoredWeights || run.inWorker) continue;
      const checkpoint = await storage.loadWeights(run.id).catch((error: unknown) => new Unusable(refusedBy(error)));
      const still = this.store.get().runs[run.id];
      if (!still || still.inWorker) continue;
      if (checkpoint instanceof Unusable) {
        this.storedModelUnusable(run, checkpoint.problem);
        continue;
      }
      try {
        await this.link.command({ type: 'adopt', runId: run.id, checkpoint, lrChanges: run.lrChanges });
        this.store.dispatch({ type: 'weights', runId: run.id, checkpoint });
      } catch (error) {
        // A worker that went away is said otherwise.
        if (error instanceof WorkerGone) return;
        this.storedModelUnusable(run, refusedBy(error));
      }
    }
  }
}
