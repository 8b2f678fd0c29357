// The page's state and commands, given to the components below it; each hook re-renders its
// component only when what it reads changes.
import { backendChoiceFromQuery } from './backend-param';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ConfigDraft } from '../config-form';
import type { Checkpoint } from '../../gpu';
import type { FromWorker, RunId } from '../protocol';
import type { Notice } from '../i18n/wording';
import type { ComparePresetId } from '../runs/presets';
import { debugHandle, type DebugHandle } from './debug-handle';
import type { ChartSettings, PageState, StorageStatus, WorkerView } from './page-state';
import { Playground, type PlaygroundCommands } from './playground';
import type { RunRecord } from './run-record';
import { raceCommand, selectedRun, type RaceCommand } from './selectors';
import { queryWithSettings, settingsFromQuery } from './url-state';
import { WorkerLink, type StartWorker } from './worker-link';
import { replaceQuery } from './query-param';

declare global {
  interface Window {
    gradlab?: DebugHandle;
  }
}

const startBrowserWorker: StartWorker = (listener) => {
  const worker = new Worker(new URL('../worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }: MessageEvent<FromWorker>) => listener.message(data);
  worker.onerror = (event) => listener.crashed(event.message);
  return { post: (message, transfer) => worker.postMessage(message, transfer), terminate: () => worker.terminate() };
};

const PlaygroundContext = createContext<Playground | null>(null);

export function TrainerProvider({ children }: { children: ReactNode }) {
  const [playground] = useState(() => {
    const defaultLimits = new URLSearchParams(location.search).get('limits') === 'default';
    // The base is relative ('./', so the build works under any path): the worker, whose own URL is
    // under assets/, gets it resolved against the page's.
    const baseUrl = new URL(import.meta.env.BASE_URL, document.baseURI).href;
    const backend = backendChoiceFromQuery(location.search);
    // A page under its service worker gets MNIST from the precache: the loader need not keep it too.
    const precached = Boolean(navigator.serviceWorker?.controller);
    const created = new Playground(new WorkerLink(startBrowserWorker, { baseUrl, defaultLimits, backend, precached }));
    // A link's settings fill the form; nothing trains until Train is pressed.
    const linked = settingsFromQuery(location.search);
    created.store.dispatch({ type: 'draft', draft: linked.draft });
    created.store.dispatch({ type: 'compare', presetId: linked.compare });
    for (const notice of linked.notices) created.store.dispatch({ type: 'notice', notice });
    return created;
  });

  useEffect(() => {
    const { store } = playground;
    let written = { draft: store.get().draft, compare: store.get().compare };
    // The address follows the form without a reload, so that it is always a link to these settings.
    return store.subscribe(() => {
      const { draft, compare } = store.get();
      if (draft === written.draft && compare === written.compare) return;
      written = { draft, compare };
      replaceQuery(queryWithSettings(location.search, draft, compare));
    });
  }, [playground]);

  useEffect(() => {
    playground.start();
    const flush = () => playground.flushSaves();
    addEventListener('pagehide', flush);
    if (new URLSearchParams(location.search).has('debug')) window.gradlab = debugHandle(playground);
    return () => {
      removeEventListener('pagehide', flush);
      playground.stop();
      delete window.gradlab;
    };
  }, [playground]);

  return <PlaygroundContext.Provider value={playground}>{children}</PlaygroundContext.Provider>;
}

function usePlaygroundContext(): Playground {
  const playground = useContext(PlaygroundContext);
  if (!playground) throw new Error('gradlab components need a <TrainerProvider> above them');
  return playground;
}

/** What `select` makes of the page's state; it must give the same value while what it reads is unchanged. */
function usePageState<T>(select: (state: PageState) => T): T {
  const { store } = usePlaygroundContext();
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}

/** One field of what the page knows of the worker. */
export function useWorker<K extends keyof WorkerView>(field: K): WorkerView[K] {
  return usePageState((state) => state.worker[field]);
}

/** Every run's id, oldest first. */
export const useRunIds = (): readonly RunId[] => usePageState((state) => state.runOrder);

/** Every run, oldest first: the same array while none of them changes. */
export function useRuns(): readonly RunRecord[] {
  const { store } = usePlaygroundContext();
  return usePageState(store.allRuns);
}

export const useRun = (runId: RunId): RunRecord | undefined => usePageState((state) => state.runs[runId]);

export const useSelectedRun = (): RunRecord | null => usePageState(selectedRun);

/** The runs on the chart, oldest first: the same array while none of them changes. */
export function useVisibleRuns(): readonly RunRecord[] {
  const { store } = usePlaygroundContext();
  return usePageState(store.visibleRuns);
}

export const useStorage = (): StorageStatus => usePageState((state) => state.storage);

export const useNotices = (): readonly Notice[] => usePageState((state) => state.notices);

/** The settings form's text: what the next run will be. */
export const useDraft = (): ConfigDraft => usePageState((state) => state.draft);

/** The comparison chosen next to the form. */
export const useCompare = (): ComparePresetId | null => usePageState((state) => state.compare);

/** The run's model as the worker last gave it (parameters only), when the page has it. */
export const useRunModel = (runId: RunId): Checkpoint | undefined => usePageState((state) => state.models[runId]);

/** A link to the page with the form's settings and comparison. */
export const useSettingsLink = (): string =>
  usePageState((state) => `${location.origin}${location.pathname}${queryWithSettings(location.search, state.draft, state.compare)}`);

/** The chart's settings as it applies them: until the user picks a metric, the one the visible runs can be compared by. */
export function useChartSettings(): ChartSettings {
  const { store } = usePlaygroundContext();
  return usePageState(store.chartSettings);
}

/** Whether "Inside the network" is open: the worker samples the watched runs' insides only then. */
export const useInsideOpen = (): boolean => usePageState((state) => state.inside.open);

/** What the loss lens looks at, and its target digit. */
export const useLens = (): PageState['lens'] => usePageState((state) => state.lens);

/** Why Pause, Resume or Step cannot act on the selected run's race now; null when it can. */
export const useRaceBlocker = (command: RaceCommand): string | null => usePageState((state) => raceCommand(state, command).reason);

export const usePlayground = (): PlaygroundCommands => usePlaygroundContext();
