import { APP_DEFAULT_CONFIG, draftFrom, fieldApplies, type DraftField } from '../../config-form';
import { sameSetting } from '../../runs/form-differences';
import { MORE_FIELDS } from './field-specs';
import { SettingInput } from './SettingInput';
import { useFormView } from './use-form-view';

const DEFAULTS = draftFrom(APP_DEFAULT_CONFIG);

/**
 * Input normalisation, momentum, weight decay and the activation's parameter, folded away: each
 * shown only where the form's optimizer or activation uses it. Folded, the summary still says
 * what in it is not the default and what differs from the selected run.
 */
export function MoreSettings() {
  const view = useFormView();
  const shown = MORE_FIELDS.filter(({ field }) => fieldApplies(field, view.draft));
  const count = (test: (field: DraftField) => boolean) => shown.filter(({ field }) => test(field)).length;
  const status = [
    [count((field) => !sameSetting(field, view.draft[field], DEFAULTS[field])), 'changed'],
    [count((field) => view.differences[field] !== undefined), 'not as in the selected run'],
    [count((field) => view.errors[field] !== undefined), 'to fix'],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, what]) => `${n} ${what}`);
  return (
    <details className="more-settings">
      <summary>
        More settings{status.length > 0 && <span className="more-settings-status"> ({status.join(', ')})</span>}
      </summary>
      <div className="fields">
        {shown.map((spec) => (
          <SettingInput key={spec.field} spec={spec} view={view} />
        ))}
      </div>
    </details>
  );
}
