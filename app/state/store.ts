import { reduceTrainerState, INITIAL_STATE, type TrainerAction, type TrainerState } from './trainer-state';

/**
 * The page's state, kept outside React so that each component subscribes to the fields it reads: a
 * progress report ten times a second re-renders the figures and the chart, not the whole page.
 */
export class TrainerStore {
  private state = INITIAL_STATE;
  private readonly listeners = new Set<() => void>();

  readonly get = (): TrainerState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly dispatch = (action: TrainerAction): void => {
    const next = reduceTrainerState(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  };
}
