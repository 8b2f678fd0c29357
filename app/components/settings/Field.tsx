import { useId, type ReactNode } from 'react';
import { useMessages } from '../../i18n/use-messages';
import './settings.css';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
  'aria-errormessage'?: string;
}

/**
 * A labelled form control with, under it, the range it takes (`hint`), how the selected run
 * differs (`runValue`: that run's value) and its error message, each read with the control.
 */
export function Field({ label, hint, runValue, error, children }: { label: string; hint?: string; runValue?: string; error?: string; children: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const t = useMessages();
  const notes = [
    hint !== undefined && { id: `${id}-hint`, className: 'field-hint', text: hint },
    runValue !== undefined && { id: `${id}-run`, className: 'field-differs', text: t.settings.selectedRunValue(runValue) },
    error !== undefined && { id: `${id}-error`, className: 'field-error', text: error },
  ].filter((note) => note !== false);
  const describedBy = notes.map((note) => note.id).join(' ') || undefined;
  const classes = ['field', error && 'invalid', runValue !== undefined && 'differs'].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy, 'aria-errormessage': error !== undefined ? `${id}-error` : undefined })}
      {notes.map((note) => (
        <p key={note.id} id={note.id} className={note.className}>
          {note.text}
        </p>
      ))}
    </div>
  );
}
