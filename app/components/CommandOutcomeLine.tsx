import type { CommandOutcome } from '../use-command';

/** A command's notice, or its error, next to what issued it. */
export function CommandOutcomeLine({ outcome }: { outcome: CommandOutcome | null }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <p className="notice" role="status" data-testid="notice">
      {outcome.text}
    </p>
  ) : (
    <p className="command-error" role="alert" data-testid="command-error">
      {outcome.text}
    </p>
  );
}
