import { useMemo } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { formDifferences } from '../../runs/form-differences';
import { useSelectedRun } from '../../state/trainer-provider';
import type { FormView } from './SettingInput';
import { useFormConfig } from './use-form-config';

/** The form's text, its errors, and where it differs from the selected run. */
export function useFormView(): FormView {
  const { draft, errors } = useFormConfig();
  const runConfig = useSelectedRun()?.config;
  const t = useMessages();
  // In the page's language: a switch words the run's values anew.
  const differences = useMemo(() => (runConfig ? formDifferences(draft, runConfig, t) : {}), [draft, runConfig, t]);
  return { draft, errors, differences };
}
