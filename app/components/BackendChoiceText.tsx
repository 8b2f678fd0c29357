import { useMessages } from '../i18n/use-messages';
import type { BackendInfo } from '../state/page-state';
import { backendReasonText } from './backend-text';
import { ErrorWords } from './ErrorWords';

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Why the worker trains where it does (Auto's choice and its trial, or the user's). */
export function BackendChoiceText({ kind, reason, trial }: Pick<BackendInfo, 'kind' | 'reason' | 'trial'>) {
  const t = useMessages().backend;
  if (!reason) return null;
  return (
    <p className="detail" data-testid="backend-reason" data-kind={kind}>
      {backendReasonText(t, reason)}
      {trial && t.trialTimes(ms(trial.webgpuMs), ms(trial.wasmMs))}
      {reason.kind === 'software-untimed' && reason.error && <ErrorWords said={reason.error} />}
    </p>
  );
}
