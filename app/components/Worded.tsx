import { Fragment } from 'react';
import type { Wording } from '../i18n/wording';

/** A message whose verbatim parts (a key, a path, a stored value) are code, never translated. */
export function Worded({ wording }: { wording: Wording }) {
  if (typeof wording === 'string') return <>{wording}</>;
  return (
    <>
      {wording.map((part, i) =>
        typeof part === 'string' ? (
          <Fragment key={i}>{part}</Fragment>
        ) : (
          <code key={i} translate="no">
            {part.verbatim}
          </code>
        ),
      )}
    </>
  );
}
