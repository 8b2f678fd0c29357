import type { BackendInfo } from '../state/page-state';

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Why the worker trains where it does (Auto's choice and its trial, or the user's). */
export function BackendChoiceText({ kind, reason, trial }: Pick<BackendInfo, 'kind' | 'reason' | 'trial'>) {
  if (!reason) return null;
  return (
    <p className="detail" data-testid="backend-reason" data-kind={kind}>
      {reason}
      {trial && ` (a step: WebGPU ${ms(trial.webgpuMs)}, WebAssembly ${ms(trial.wasmMs)})`}
    </p>
  );
}
