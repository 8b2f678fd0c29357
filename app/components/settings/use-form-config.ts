import { useMemo } from 'react';
import { configFromDraft } from '../../config-form';
import { useDraft, useWorker } from '../../state/trainer-provider';

/**
 * The configuration the settings form describes, its errors, and whether it is valid, checked
 * against the device the worker reported once it has.
 */
export function useFormConfig() {
  const draft = useDraft();
  const backend = useWorker('backend');
  return useMemo(() => {
    const { config, errors } = configFromDraft(draft, backend ?? undefined);
    return { draft, config, errors, valid: Object.keys(errors).length === 0 };
  }, [draft, backend]);
}
