import { MAIN_FIELDS } from './field-specs';
import { SettingInput } from './SettingInput';
import { useFormView } from './use-form-view';

/**
 * The settings of the next run. They change the form only: never a run that exists, so nothing
 * here is ever disabled; where the selected run was trained otherwise, the field says so.
 */
export function SettingsFields() {
  const view = useFormView();
  return (
    <div className="fields">
      {MAIN_FIELDS.map((spec) => (
        <SettingInput key={spec.field} spec={spec} view={view} />
      ))}
    </div>
  );
}
