import { useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ACTIVATION_NAMES } from '../gpu';
import { LOSS_NAMES } from '../gpu';
import { OPTIMIZER_NAMES } from '../gpu';
import { APP_DEFAULT_CONFIG, configFromDraft, draftFrom, type ConfigDraft } from './config-form';
import { CommandOutcomeLine } from './CommandOutcomeLine';
import { useTrainerCommands, useTrainerState } from './state/trainer-provider';
import { useCommandOutcome } from './use-command';

interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

function Field({ label, error, children }: { label: string; error?: string; children: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': error ? errorId : undefined })}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Changing these outside training starts a fresh model at once; the rest wait for Train or Reset. */
const FRESH_MODEL_FIELDS: readonly (keyof ConfigDraft)[] = ['activation', 'loss'];

export function Controls() {
  const commands = useTrainerCommands();
  const phase = useTrainerState('phase');
  const model = useTrainerState('model');
  const dataset = useTrainerState('dataset');
  const backend = useTrainerState('backend');
  const incident = useTrainerState('incident');
  const [draft, setDraft] = useState(() => draftFrom(APP_DEFAULT_CONFIG));
  const { outcome, issue, say } = useCommandOutcome();
  const { config, errors } = useMemo(() => configFromDraft(draft, backend ?? undefined), [draft, backend]);
  const valid = Object.keys(errors).length === 0;
  const running = phase === 'running';
  const usable = dataset !== null && phase !== 'failed' && phase !== 'recovering';
  // A diverged run goes on only through the rollback the page offers, or a fresh model.
  const canContinue = usable && incident?.kind !== 'diverged';

  // A rollback lowers the model's learning rate: the field shows the one in use.
  const modelLr = model?.config.lr;
  useEffect(() => {
    if (modelLr !== undefined) setDraft((current) => (Number(current.lr) === modelLr ? current : { ...current, lr: String(modelLr) }));
  }, [modelLr]);

  function change(field: keyof ConfigDraft, value: string) {
    const next = { ...draft, [field]: value };
    setDraft(next);
    if (!model) return;
    const { config: nextConfig, errors: nextErrors } = configFromDraft(next, backend ?? undefined);
    if (field === 'lr') {
      if (nextErrors.lr) return;
      issue(commands.setLearningRate(nextConfig.lr), {
        done: `Learning rate ${nextConfig.lr} applies from the next step.`,
        failed: 'Could not change the learning rate',
      });
    } else if (FRESH_MODEL_FIELDS.includes(field) && !running) {
      if (Object.keys(nextErrors).length > 0) {
        say(`Fix the settings marked in red to start a model with this ${field}.`);
        return;
      }
      issue(commands.configure(nextConfig), {
        done: `Started a fresh model with ${nextConfig.activation} · ${nextConfig.loss}: a network cannot change its ${field} halfway.`,
        failed: 'Could not start a fresh model',
      });
    }
  }

  function train(event: FormEvent) {
    event.preventDefault();
    if (!valid || running || !usable) return;
    issue(commands.train(config), { done: null, failed: 'Could not start' });
  }

  function reset() {
    issue(commands.configure(config), { done: 'Fresh model: press Train to start.', failed: 'Could not make a fresh model' });
  }

  const select = (field: 'activation' | 'loss' | 'optimizer', options: readonly string[]) => (props: ControlProps) => (
    <select {...props} value={draft[field]} disabled={running} onChange={(e) => change(field, e.target.value)}>
      {options.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
  const input = (field: Exclude<keyof ConfigDraft, 'activation' | 'loss' | 'optimizer'>, inputMode: 'decimal' | 'numeric' | 'text') =>
    (props: ControlProps) => (
      <input
        {...props}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        value={draft[field]}
        disabled={running && field !== 'lr'}
        onChange={(e) => change(field, e.target.value)}
      />
    );

  return (
    <form className="controls" onSubmit={train} aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <div className="fields">
        <Field label="Activation" error={errors.activation}>
          {select('activation', ACTIVATION_NAMES)}
        </Field>
        <Field label="Loss" error={errors.loss}>
          {select('loss', LOSS_NAMES)}
        </Field>
        <Field label="Optimizer" error={errors.optimizer}>
          {select('optimizer', OPTIMIZER_NAMES)}
        </Field>
        <Field label="Learning rate" error={errors.lr}>
          {input('lr', 'decimal')}
        </Field>
        <Field label="Batch size" error={errors.batchSize}>
          {input('batchSize', 'numeric')}
        </Field>
        <Field label="Hidden layers" error={errors.hidden}>
          {input('hidden', 'text')}
        </Field>
        <Field label="Epochs" error={errors.epochs}>
          {input('epochs', 'numeric')}
        </Field>
        <Field label="Seed" error={errors.seed}>
          {input('seed', 'numeric')}
        </Field>
      </div>
      <div className="buttons">
        <button type="submit" className="primary" disabled={!valid || running || !usable} title="Train a fresh model with these settings">
          Train
        </button>
        <button
          type="button"
          disabled={!canContinue || (phase !== 'running' && phase !== 'paused')}
          onClick={() =>
            running
              ? issue(commands.pause(), { done: null, failed: 'Could not pause' })
              : issue(commands.resume(), { done: null, failed: 'Could not resume' })
          }
        >
          {phase === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={!canContinue || (phase !== 'ready' && phase !== 'paused')} onClick={() => issue(commands.step(), { done: null, failed: 'Could not step' })}>
          Step
        </button>
        <button type="button" disabled={!usable || !valid} onClick={reset}>
          Reset
        </button>
      </div>
      <p className="hint">
        {running ? 'Pause to change the network; the learning rate can change at any time.' : 'Enter in a field starts training too.'}
      </p>
      <CommandOutcomeLine outcome={outcome} />
    </form>
  );
}
