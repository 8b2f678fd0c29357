// The page's connection to the training worker, given to the components below it.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { FromWorker } from '../protocol';
import { TrainerStore } from './store';
import type { TrainerState } from './trainer-state';
import { WorkerLink, type DebugHandle, type StartWorker, type TrainerCommands } from './worker-link';

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

interface TrainerContextValue {
  store: TrainerStore;
  link: WorkerLink;
}

const TrainerContext = createContext<TrainerContextValue | null>(null);

export function TrainerProvider({ children }: { children: ReactNode }) {
  const [value] = useState(() => {
    const defaultLimits = new URLSearchParams(location.search).get('limits') === 'default';
    return { store: new TrainerStore(), link: new WorkerLink(startBrowserWorker, { baseUrl: import.meta.env.BASE_URL, defaultLimits }) };
  });

  useEffect(() => {
    const { store, link } = value;
    link.connect(store.dispatch);
    if (new URLSearchParams(location.search).has('debug')) window.gradlab = link;
    return () => {
      link.disconnect();
      delete window.gradlab;
    };
  }, [value]);

  return <TrainerContext.Provider value={value}>{children}</TrainerContext.Provider>;
}

function useTrainerContext(): TrainerContextValue {
  const value = useContext(TrainerContext);
  if (!value) throw new Error('gradlab components need a <TrainerProvider> above them');
  return value;
}

/** One field of the page's state; the component re-renders when that field changes. */
export function useTrainerState<K extends keyof TrainerState>(field: K): TrainerState[K] {
  const { store } = useTrainerContext();
  return useSyncExternalStore(store.subscribe, () => store.get()[field]);
}

export function useTrainerCommands(): TrainerCommands {
  return useTrainerContext().link;
}
