import { useMessages } from '../../i18n/use-messages';
import { mainFields } from './field-specs';
import { SettingInput } from './SettingInput';
import { useFormView } from './use-form-view';

/**
 * The settings of the next run. They change the form only: never a run that exists, so nothing
 * here is ever disabled; where the selected run was trained otherwise, the field says so.
 */
export function SettingsFields() {
  const view = useFormView();
  const t = useMessages();
  return (
    <div className="fields">
      {mainFields(t).map((spec) => (
        <SettingInput key={spec.field} spec={spec} view={view} />
      ))}
    </div>
  );
}
