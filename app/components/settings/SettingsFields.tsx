import { ACTIVATION_NAMES, LOSS_NAMES, OPTIMIZER_NAMES } from '../../../gpu';
import type { ConfigDraft } from '../../config-form';
import { ACTIVATION_LABELS, LOSS_LABELS, OPTIMIZER_LABELS } from '../../labels';
import { usePlayground } from '../../state/trainer-provider';
import { Field, type ControlProps } from './Field';
import { useFormConfig } from './use-form-config';

type ChoiceField = 'activation' | 'loss' | 'optimizer';
type TextField = Exclude<keyof ConfigDraft, ChoiceField>;

const CHOICES: { field: ChoiceField; label: string; names: readonly string[]; labels: Record<string, string> }[] = [
  { field: 'activation', label: 'Activation', names: ACTIVATION_NAMES, labels: ACTIVATION_LABELS },
  { field: 'loss', label: 'Loss', names: LOSS_NAMES, labels: LOSS_LABELS },
  { field: 'optimizer', label: 'Optimizer', names: OPTIMIZER_NAMES, labels: OPTIMIZER_LABELS },
];

const TEXTS: { field: TextField; label: string; inputMode: 'decimal' | 'numeric' | 'text' }[] = [
  { field: 'lr', label: 'Learning rate', inputMode: 'decimal' },
  { field: 'batchSize', label: 'Batch size', inputMode: 'numeric' },
  { field: 'hidden', label: 'Hidden layers', inputMode: 'text' },
  { field: 'epochs', label: 'Epochs', inputMode: 'numeric' },
  { field: 'seed', label: 'Seed', inputMode: 'numeric' },
];

/**
 * The settings of the next run. They change the form only: never a run that exists, so nothing
 * here is ever disabled.
 */
export function SettingsFields() {
  const { draft, errors } = useFormConfig();
  const { setDraft } = usePlayground();
  const change = (field: keyof ConfigDraft, value: string) => setDraft({ ...draft, [field]: value });

  return (
    <div className="fields">
      {CHOICES.map(({ field, label, names, labels }) => (
        <Field key={field} label={label} error={errors[field]}>
          {(props: ControlProps) => (
            <select {...props} value={draft[field]} onChange={(e) => change(field, e.target.value)}>
              {names.map((name) => (
                <option key={name} value={name}>
                  {labels[name] ?? name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      {TEXTS.map(({ field, label, inputMode }) => (
        <Field key={field} label={label} error={errors[field]}>
          {(props: ControlProps) => (
            <input
              {...props}
              type="text"
              inputMode={inputMode}
              autoComplete="off"
              spellCheck={false}
              value={draft[field]}
              onChange={(e) => change(field, e.target.value)}
            />
          )}
        </Field>
      ))}
    </div>
  );
}
