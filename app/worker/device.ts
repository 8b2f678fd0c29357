// Which backend the worker trains on: see backend-request.ts (the user's choice, or Auto's).
import type { BackendChoice } from '../protocol';
import { chooseBackend } from './backend-request';

/** A backend, and why it is the one. `defaultLimits`: WebGPU's default limits, as on a small GPU (?limits=default). */
export async function requestBackend(defaultLimits: boolean, choice: BackendChoice = 'auto'): ReturnType<typeof chooseBackend> {
  return chooseBackend(choice, defaultLimits);
}
