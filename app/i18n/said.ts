// What the worker says, as data: it crosses postMessage and IndexedDB, where a function (a Notice)
// cannot, and the page words it with the catalogue of the moment it shows it, so that a switch of
// language re-words it. A message of the catalogue is named by its part and key, with what it
// mentions; a plain text is kept as it came (an outside error's message, a text stored before).
import { catalogueOf, messages, type Catalogue } from './messages';

export interface Saying {
  readonly part: string;
  readonly key: string;
  readonly args: readonly SaidArg[];
}

export type Said = string | Saying;
export type SaidArg = number | Said;

/**
 * What a message takes, as a Saying carries it: a text it mentions may itself be a Saying. A group
 * of messages (`worker.lossReason`, `status.storage`) takes the one it names first.
 */
type MessageArgs<M> = M extends (...args: infer A) => string ? { [I in keyof A]: A[I] extends number ? number : Said } : M extends string ? [] : never;
type ArgsOf<M> = M extends string | ((...args: never[]) => unknown) ? MessageArgs<M> : { [K in keyof M & string]: [K, ...MessageArgs<M[K]>] }[keyof M & string];

type Part = keyof Catalogue;

/** `said('worker', 'deviceLost', said('worker', 'lossReason', 'destroyed'))`: a wrong key or argument does not compile. */
export function said<P extends Part, K extends keyof Catalogue[P] & string>(part: P, key: K, ...args: ArgsOf<Catalogue[P][K]>): Saying {
  return { part, key, args: args as unknown as readonly SaidArg[] };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const member = (group: unknown, key: unknown): unknown => (isRecord(group) && typeof key === 'string' && Object.hasOwn(group, key) ? group[key] : undefined);

/** `said` in the words of `t`. */
export function word(said: Said, t: Catalogue): string {
  if (typeof said === 'string') return said;
  let message = member(member(t, said.part), said.key);
  let args: readonly SaidArg[] = said.args;
  // A group's message is named by the first argument (a key, so never worded).
  while (isRecord(message) && args.length > 0) [message, args] = [member(message, args[0]), args.slice(1)];
  if (typeof message === 'string' && args.length === 0) return message;
  if (typeof message === 'function') return (message as (...a: unknown[]) => string)(...args.map((arg) => (typeof arg === 'number' ? arg : word(arg, t))));
  throw new Error(`no message ${said.part}.${said.key} with ${JSON.stringify(said.args)}`);
}

/** Whether `value` is a Said that every catalogue can word (as one read back from storage must be). */
export function isSaid(value: unknown): value is Said {
  if (typeof value === 'string') return true;
  if (!isRecord(value) || typeof value.part !== 'string' || typeof value.key !== 'string' || !Array.isArray(value.args)) return false;
  if (!value.args.every((arg) => typeof arg === 'number' || isSaid(arg))) return false;
  try {
    word(value as unknown as Saying, catalogueOf('en'));
    return true;
  } catch {
    return false;
  }
}

/**
 * An error whose message is worded when it is shown (see saidOf); its own `message` is worded in
 * the language of the moment it was made, for whatever reads only that.
 */
export class SaidError extends Error {
  override name = 'SaidError';
  constructor(
    readonly said: Said,
    options?: { cause?: unknown },
  ) {
    super(word(said, messages()), options);
  }
}

/** What an error says: a SaidError's description, any other error's own message. */
export function saidOf(error: unknown): Said {
  if (error instanceof SaidError) return error.said;
  return error instanceof Error ? error.message || error.name : String(error);
}
