import { useState, type ReactNode } from 'react';
import { useMessages } from '../i18n/use-messages';
import { useMediaQuery } from '../state/use-media-query';

/** Below this width the page is one column, and the sections that are not about the run fold away. */
export const ONE_COLUMN = '(max-width: 799px)';

/** On a phone, `children` folded behind a button that names them; wider screens show them as they are. */
export function PhoneFold({ title, children }: { title: string; children: ReactNode }) {
  const narrow = useMediaQuery(ONE_COLUMN);
  const [open, setOpen] = useState(false);
  const { common } = useMessages();
  if (!narrow) return children;
  return (
    <>
      <button type="button" className="fold-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? common.hide(title) : common.show(title)}
      </button>
      <div hidden={!open}>{children}</div>
    </>
  );
}
