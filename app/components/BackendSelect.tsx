import { useId } from 'react';
import { BACKEND_PARAM, backendChoiceFromQuery, queryWithBackend } from '../state/backend-param';
import { BACKEND_CHOICES, isBackendChoice } from '../worker/backend-policy';
import type { BackendChoice } from '../protocol';
import './BackendSelect.css';

const LABELS: Record<BackendChoice, string> = { auto: 'Auto', webgpu: 'WebGPU', wasm: 'WebAssembly', js: 'JavaScript' };

/**
 * The backend the worker builds is chosen when it starts: a new choice is the page's address with
 * `backend=` changed, loaded again (the runs in this page's memory do not move with it).
 */
export function BackendSelect() {
  const id = useId();
  const current = backendChoiceFromQuery(location.search);
  return (
    <p className="backend-select">
      <label htmlFor={id}>Backend</label>{' '}
      <select
        id={id}
        name={BACKEND_PARAM}
        value={current}
        aria-describedby={`${id}-note`}
        onChange={({ target }) => {
          if (isBackendChoice(target.value)) location.search = queryWithBackend(location.search, target.value);
        }}
      >
        {BACKEND_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {LABELS[choice]}
          </option>
        ))}
      </select>{' '}
      <span id={`${id}-note`} className="detail">
        Changing it reloads the page: runs not saved are lost.
      </span>
    </p>
  );
}
