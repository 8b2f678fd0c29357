import { useMemo } from 'react';
import { formDifferences } from '../../runs/form-differences';
import { useSelectedRun } from '../../state/trainer-provider';
import type { FormView } from './SettingInput';
import { useFormConfig } from './use-form-config';

/** The form's text, its errors, and where it differs from the selected run. */
export function useFormView(): FormView {
  const { draft, errors } = useFormConfig();
  const runConfig = useSelectedRun()?.config;
  const differences = useMemo(() => (runConfig ? formDifferences(draft, runConfig) : {}), [draft, runConfig]);
  return { draft, errors, differences };
}
