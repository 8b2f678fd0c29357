import type { ConfigDraft, DraftErrors, DraftField } from '../../config-form';
import { usePlayground } from '../../state/trainer-provider';
import { Field, type ControlProps } from './Field';
import type { FieldSpec } from './field-specs';

export interface FormView {
  draft: ConfigDraft;
  errors: DraftErrors;
  /** The selected run's value of each field where it differs from the form's. */
  differences: Partial<Record<DraftField, string>>;
}

/** One setting of the form, as its spec describes it: a select or a text box, with its hint, difference and error. */
export function SettingInput({ spec, view }: { spec: FieldSpec; view: FormView }) {
  const { setDraft } = usePlayground();
  const { field } = spec;
  const change = (value: string) => setDraft({ ...view.draft, [field]: value });
  return (
    <Field label={spec.label} hint={spec.kind === 'text' ? spec.hint : undefined} runValue={view.differences[field]} error={view.errors[field]}>
      {(props: ControlProps) =>
        spec.kind === 'choice' ? (
          <select {...props} value={view.draft[field]} onChange={(e) => change(e.target.value)}>
            {spec.names.map((name) => (
              <option key={name} value={name}>
                {spec.labels[name] ?? name}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...props}
            type="text"
            inputMode={spec.inputMode}
            autoComplete="off"
            spellCheck={false}
            value={view.draft[field]}
            onChange={(e) => change(e.target.value)}
          />
        )
      }
    </Field>
  );
}
