import { INITIAL_PAGE, reducePage, type ChartSettings, type PageAction, type PageState } from './page-state';
import type { RunRecord } from './run-record';
import { allRunsSelector, chartSettingsSelector, visibleRunsSelector } from './selectors';

/**
 * The page's state, kept outside React so that each component subscribes to the fields it reads: a
 * progress report ten times a second re-renders the figures and the chart, not the whole page.
 */
export class PageStore {
  private state: PageState;
  private readonly listeners = new Set<() => void>();
  /** Every run, oldest first: the same array while none changes. */
  readonly allRuns: (state: PageState) => readonly RunRecord[] = allRunsSelector();
  /** The same array while the visible runs do not change. */
  readonly visibleRuns: (state: PageState) => readonly RunRecord[] = visibleRunsSelector();
  /** The same object while the chart's settings, as it applies them, do not change. */
  readonly chartSettings: (state: PageState) => ChartSettings = chartSettingsSelector(this.visibleRuns);

  constructor(initial: PageState = INITIAL_PAGE) {
    this.state = initial;
  }

  readonly get = (): PageState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly dispatch = (action: PageAction): void => {
    const next = reducePage(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  };
}
