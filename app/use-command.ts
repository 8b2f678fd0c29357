import { useCallback, useRef, useState } from 'react';
import { saidOf, word } from './i18n/said';
import { plainText, type Notice } from './i18n/wording';

/** What the latest command came to: its notice once the worker carried it out, or its own error; worded when shown. */
export interface CommandOutcome {
  ok: boolean;
  text: Notice;
}

export interface CommandTexts {
  /** Said once the worker carried the command out; null says nothing. */
  done: Notice | null;
  /** Put before the worker's reason when it did not, e.g. "Could not start" (common.failed joins them). */
  failed: Notice;
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
      (error: unknown) => {
        const reason = saidOf(error);
        settle({ ok: false, text: (t) => t.common.failed(plainText(texts.failed(t)), word(reason, t)) });
      },
    );
  }, []);

  /** A notice of the page's own, in place of any command's outcome. */
  const say = useCallback((text: Notice) => {
    latest.current++;
    setOutcome({ ok: true, text });
    setPending(false);
  }, []);

  return { outcome, pending, issue, say };
}
