import { useMemo } from 'react';
import { configFromDraft } from '../../config-form';
import { useMessages } from '../../i18n/use-messages';
import { useDraft, useWorker } from '../../state/trainer-provider';

/**
 * The configuration the settings form describes, its errors, and whether it is valid, checked
 * against the device the worker reported once it has; the errors in the page's language.
 */
export function useFormConfig() {
  const draft = useDraft();
  const backend = useWorker('backend');
  const { problems } = useMessages();
  return useMemo(() => {
    const { config, errors } = configFromDraft(draft, backend ?? undefined, problems);
    return { draft, config, errors, valid: Object.keys(errors).length === 0 };
  }, [draft, backend, problems]);
}
