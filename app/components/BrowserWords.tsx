/**
 * An error in the words of the browser, the driver or the engine (a refused device, a failed
 * trial): shown as it is, in parentheses after the page's own sentence, and never translated.
 */
export function BrowserWords({ text }: { text: string }) {
  return (
    <>
      {' '}
      (<span translate="no">{text}</span>)
    </>
  );
}
