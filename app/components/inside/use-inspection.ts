import { useEffect, useState } from 'react';
import type { Inspection } from '../../../gpu';
import { useMessages } from '../../i18n/use-messages';
import { saidOf, word, type Said } from '../../i18n/said';
import type { InspectInput } from '../../protocol';
import type { LensInput } from '../../state/page-state';
import type { RunRecord } from '../../state/run-record';
import { useLens, usePlayground } from '../../state/trainer-provider';
import { useThrottled } from '../chart/use-throttled';

/** While the run trains, its answer for the lens input is asked again at most this often. */
const REINSPECT_MS = 500;

/** The lens input as the worker takes it; the pad's pixels are copied, since the message takes them away. */
export const inspectInput = (input: LensInput): InspectInput => (input.kind === 'pad' ? { pixels: input.pixels.slice() } : { testIndex: input.index });

export interface InspectionView {
  inspection: Inspection | null;
  /** Why there is none, when there is none and it is not on its way. */
  error: string | null;
}

/**
 * What the run's model makes of the lens input (its logits, every loss and gradient, its first
 * layer's z and f(z)), asked again when the input, the target or the model changes.
 */
export function useInspection(run: RunRecord | null): InspectionView {
  const t = useMessages();
  const { inspect } = usePlayground();
  const { input, target } = useLens();
  const runId = run?.id ?? null;
  const inWorker = run?.inWorker ?? false;
  const step = useThrottled(run?.step ?? 0, REINSPECT_MS);
  const [view, setView] = useState<{ runId: string | null; inspection: Inspection | null; error: Said | null }>({ runId: null, inspection: null, error: null });

  useEffect(() => {
    if (runId === null || input === null || !inWorker) return;
    let current = true;
    inspect(runId, inspectInput(input), target).then(
      (inspection) => current && setView({ runId, inspection, error: null }),
      (error: unknown) => current && setView({ runId, inspection: null, error: saidOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [inspect, runId, input, target, inWorker, step]);

  if (runId === null || input === null) return { inspection: null, error: null };
  if (!inWorker) return { inspection: null, error: t.inside.notInWorkerReason };
  // Until the run's own answer comes, not another run's.
  return view.runId === runId ? { inspection: view.inspection, error: view.error === null ? null : word(view.error, t) } : { inspection: null, error: null };
}
