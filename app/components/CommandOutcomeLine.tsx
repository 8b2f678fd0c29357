import { useMessages } from '../i18n/use-messages';
import type { CommandOutcome } from '../use-command';
import { Worded } from './Worded';

/** A command's notice, or its error, next to what issued it, in the page's language of now. */
export function CommandOutcomeLine({ outcome }: { outcome: CommandOutcome | null }) {
  const t = useMessages();
  if (!outcome) return null;
  return outcome.ok ? (
    <p className="notice" role="status" data-testid="notice">
      <Worded wording={outcome.text(t)} />
    </p>
  ) : (
    <p className="command-error" role="alert" data-testid="command-error">
      <Worded wording={outcome.text(t)} />
    </p>
  );
}
