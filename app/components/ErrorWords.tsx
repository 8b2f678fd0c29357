import { word, type Said } from '../i18n/said';
import { useMessages } from '../i18n/use-messages';

/**
 * What went wrong (a refused device, a failed trial), in parentheses after the page's own sentence:
 * the browser's, the driver's or the engine's own words (a plain text) shown as they are and never
 * translated, or a description of ours worded in the page's language of the moment.
 */
export function ErrorWords({ said }: { said: Said }) {
  const t = useMessages();
  const { open, close } = t.backend.aside;
  return (
    <>
      {open}
      <span translate={typeof said === 'string' ? 'no' : undefined}>{word(said, t)}</span>
      {close}
    </>
  );
}
