import { useCallback, useRef, useState } from 'react';
import { messages } from './i18n/messages';

/** What the latest command came to: its notice once the worker carried it out, or its own error. */
export interface CommandOutcome {
  ok: boolean;
  text: string;
}

export interface CommandTexts {
  /** Said once the worker carried the command out; null says nothing. */
  done: string | null;
  /** Put before the worker's reason when it did not, e.g. "Could not start" (common.failed joins them). */
  failed: string;
}

/**
 * Issues commands and keeps the latest one's outcome. An earlier command that settles late does not
 * overwrite a later one's; while a command is on its way, the outcome of the one before is gone.
 */
export function useCommandOutcome() {
  const [outcome, setOutcome] = useState<CommandOutcome | null>(null);
  const [pending, setPending] = useState(false);
  const latest = useRef(0);

  const issue = useCallback((command: Promise<void>, texts: CommandTexts) => {
    const ticket = ++latest.current;
    setOutcome(null);
    setPending(true);
    const settle = (next: CommandOutcome | null) => {
      if (ticket !== latest.current) return;
      setOutcome(next);
      setPending(false);
    };
    command.then(
      () => settle(texts.done === null ? null : { ok: true, text: texts.done }),
      (error: unknown) => settle({ ok: false, text: messages().common.failed(texts.failed, error instanceof Error ? error.message : String(error)) }),
    );
  }, []);

  /** A notice of the page's own, in place of any command's outcome. */
  const say = useCallback((text: string) => {
    latest.current++;
    setOutcome({ ok: true, text });
    setPending(false);
  }, []);

  return { outcome, pending, issue, say };
}
