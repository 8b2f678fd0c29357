// What the worker says, as data: it crosses postMessage and IndexedDB, where a function (a Notice)
// cannot, and the page words it with the catalogue of the moment it shows it, so that a switch of
// language re-words it. A message of the catalogue is named by its part and key, with what it
// mentions; a plain text is kept as it came (an outside error's message, a text stored before).
// What is made of several messages in a row (a run's name, a list of problems) is a Joined.
import { describeProblemAs, type ConfigProblem } from '../../gpu';
import { catalogueOf, messages, type Catalogue } from './messages';

export interface Saying {
  readonly part: string;
  readonly key: string;
  readonly args: readonly SaidArg[];
}

/** Descriptions in a row, each worded, with `by` worded between them. */
export interface Joined {
  readonly join: readonly Said[];
  readonly by: Said;
}

export type Said = string | Saying | Joined;
export type SaidArg = number | Said;

/**
 * What a message takes, as a Saying carries it: a text it mentions may itself be a Saying. A group
 * of messages (`worker.lossReason`, `status.storage`) takes the one it names first.
 */
type SaidArgs<A extends readonly unknown[]> = { [I in keyof A]: A[I] extends number ? number : Said };
type MessageArgs<M> = M extends (...args: infer A) => string ? SaidArgs<A> : M extends string ? [] : never;
type ArgsOf<M> = M extends string | ((...args: never[]) => unknown) ? MessageArgs<M> : { [K in keyof M & string]: [K, ...MessageArgs<M[K]>] }[keyof M & string];

type Part = keyof Catalogue;

/** `said('worker', 'deviceLost', said('worker', 'lossReason', 'destroyed'))`: a wrong key or argument does not compile. */
export function said<P extends Part, K extends keyof Catalogue[P] & string>(part: P, key: K, ...args: ArgsOf<Catalogue[P][K]>): Saying {
  return { part, key, args: args as unknown as readonly SaidArg[] };
}

export const joined = (items: readonly Said[], by: Said): Joined => ({ join: items, by });

/** Each message of a part (or of a group in it, at any depth) as its own description; a message that is not text, never. */
export type Sayings<M> = M extends string
  ? Saying
  : M extends (...args: infer A) => string
    ? (...args: SaidArgs<A>) => Saying
    : M extends (...args: never[]) => unknown
      ? never
      : { readonly [K in keyof M]: Sayings<M[K]> };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const member = (group: unknown, key: unknown): unknown => (isRecord(group) && typeof key === 'string' && Object.hasOwn(group, key) ? group[key] : undefined);

/** `message` (of `part`, under `key` and the groups in `within`) as a description of itself. */
function describing(part: string, key: string, within: readonly string[], message: unknown): unknown {
  if (typeof message === 'function') return (...args: SaidArg[]): Saying => ({ part, key, args: [...within, ...args] });
  if (isRecord(message)) return Object.fromEntries(Object.entries(message).map(([name, inner]) => [name, describing(part, key, [...within, name], inner)]));
  return { part, key, args: within } satisfies Saying;
}

const described = new Map<Part, unknown>();

/**
 * The messages of `part` as descriptions, for code that words in words of any kind (a phrase book,
 * or these): `sayings('worker').lossBecame('NaN')` is `said('worker', 'lossBecame', 'NaN')`, and
 * `sayings('labels').activationShort.relu` is `said('labels', 'activationShort', 'relu')`.
 */
export function sayings<P extends Part>(part: P): Sayings<Catalogue[P]> {
  if (!described.has(part)) {
    const messages = catalogueOf('en')[part] as Record<string, unknown>;
    described.set(part, Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, describing(part, key, [], message)])));
  }
  return described.get(part) as Sayings<Catalogue[P]>;
}

/** A setting's problem, described as the page's `problems` words it (gpu's describeProblem). */
export const problemSaid = (problem: ConfigProblem): Said => describeProblemAs<Said>(problem, sayings('problems'), joined);

/** `said` in the words of `t`. */
export function word(said: Said, t: Catalogue): string {
  if (typeof said === 'string') return said;
  if ('join' in said) return said.join.map((item) => word(item, t)).join(word(said.by, t));
  let message = member(member(t, said.part), said.key);
  let args: readonly SaidArg[] = said.args;
  // A group's message is named by the first argument (a key, so never worded).
  while (isRecord(message) && args.length > 0) [message, args] = [member(message, args[0]), args.slice(1)];
  if (typeof message === 'string' && args.length === 0) return message;
  // A message missing what it mentions (as storage may hold) would word it "undefined".
  if (typeof message === 'function' && args.length >= message.length) return (message as (...a: unknown[]) => string)(...args.map((arg) => (typeof arg === 'number' ? arg : word(arg, t))));
  throw new Error(`no message ${said.part}.${said.key} with ${JSON.stringify(said.args)}`);
}

/** Whether `value` is a Said that every catalogue can word (as one read back from storage must be). */
export function isSaid(value: unknown): value is Said {
  if (typeof value === 'string') return true;
  if (isRecord(value) && Array.isArray(value.join)) return value.join.every(isSaid) && isSaid(value.by);
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
