import { useId } from 'react';
import { useMessages } from '../i18n/use-messages';
import { useCommandOutcome } from '../use-command';
import { BACKEND_PARAM } from '../state/backend-param';
import { useBackendChoice } from '../state/backend-choice';
import { usePlayground } from '../state/trainer-provider';
import { BACKEND_CHOICES, isBackendChoice } from '../worker/backend-policy';
import { CommandOutcomeLine } from './CommandOutcomeLine';
import './BackendSelect.css';

/** Which backend trains: a change moves the runs there without a reload (the status line then says where they train, and why). */
export function BackendSelect() {
  const t = useMessages().backend;
  const id = useId();
  const choice = useBackendChoice();
  const { changeBackend } = usePlayground();
  const { outcome, pending, issue } = useCommandOutcome();
  return (
    <>
      <p className="backend-select">
        <label htmlFor={id}>{t.label}</label>{' '}
        <select
          id={id}
          name={BACKEND_PARAM}
          value={choice}
          disabled={pending}
          aria-describedby={`${id}-note`}
          onChange={({ target }) => {
            if (isBackendChoice(target.value)) issue(changeBackend(target.value), { done: null, failed: (m) => m.backend.switchFailed });
          }}
        >
          {BACKEND_CHOICES.map((value) => (
            <option key={value} value={value}>
              {t.choices[value]}
            </option>
          ))}
        </select>{' '}
        <span id={`${id}-note`} className="detail">
          {t.selectNote}
        </span>
      </p>
      <CommandOutcomeLine outcome={outcome} />
    </>
  );
}
