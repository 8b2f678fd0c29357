// The `backend` parameter of the page's address: which backend trains (Auto when absent or not one).
import type { Notice } from '../i18n/wording';
import type { BackendChoice } from '../protocol';
import { BACKEND_CHOICES, isBackendChoice } from '../worker/backend-policy';
import { queryWith } from './query-param';

export const BACKEND_PARAM = 'backend';

/** The choice a query names; Auto when it names none, or one that is not a backend (url-state's notice says so). */
export function backendChoiceFromQuery(search: string): BackendChoice {
  const value = new URLSearchParams(search).get(BACKEND_PARAM);
  return value !== null && isBackendChoice(value) ? value : 'auto';
}

/** The notice for a `backend` value that is not a backend, or null when it is one. */
export function backendNotice(value: string): Notice | null {
  return isBackendChoice(value) ? null : (t) => t.backend.unknownParam(`${BACKEND_PARAM}=${value}`, BACKEND_CHOICES.join(', '));
}

/** `search` with `choice` as its backend (auto: the parameter removed), the other parameters as they were. */
export function queryWithBackend(search: string, choice: BackendChoice): string {
  return queryWith(search, BACKEND_PARAM, choice === 'auto' ? null : choice);
}
