import { APP_DEFAULT_CONFIG, draftFrom, fieldApplies, type DraftField } from '../../config-form';
import { useMessages } from '../../i18n/use-messages';
import { sameSetting } from '../../runs/form-differences';
import { moreFields } from './field-specs';
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
  const t = useMessages();
  const shown = moreFields(t).filter(({ field }) => fieldApplies(field, view.draft));
  const count = (test: (field: DraftField) => boolean) => shown.filter(({ field }) => test(field)).length;
  const status = (
    [
      [count((field) => !sameSetting(field, view.draft[field], DEFAULTS[field])), t.settings.changed],
      [count((field) => view.differences[field] !== undefined), t.settings.notAsSelectedRun],
      [count((field) => view.errors[field] !== undefined), t.settings.toFix],
    ] as const
  )
    .filter(([n]) => n !== 0)
    .map(([n, say]) => say(n));
  return (
    <details className="more-settings">
      <summary>
        {t.settings.moreSettings}
        {status.length > 0 && <span className="more-settings-status">{t.settings.moreStatus(status.join(t.common.listSeparator))}</span>}
      </summary>
      <div className="fields">
        {shown.map((spec) => (
          <SettingInput key={spec.field} spec={spec} view={view} />
        ))}
      </div>
    </details>
  );
}
