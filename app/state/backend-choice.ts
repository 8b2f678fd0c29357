// The backend the user chose (the Backend select, `?backend=`). The address holds it: a change
// rewrites its `backend=` without a reload, so that a link or a reload keeps the choice.
import { useSyncExternalStore } from 'react';
import type { BackendChoice } from '../protocol';
import { backendChoiceFromQuery, queryWithBackend } from './backend-param';
import { replaceQuery } from './query-param';

const listeners = new Set<() => void>();

export const currentBackendChoice = (): BackendChoice => backendChoiceFromQuery(location.search);

/** Writes `choice` into the address; the components that show it re-render. */
export function writeBackendChoice(choice: BackendChoice): void {
  replaceQuery(queryWithBackend(location.search, choice));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useBackendChoice(): BackendChoice {
  return useSyncExternalStore(subscribe, currentBackendChoice);
}
