import { useMemo } from 'react';
import { lossesComparable } from '../../runs/chart-series';
import { useVisibleRuns } from '../../state/trainer-provider';

/** Whether the visible runs' loss values are on one scale (they use one loss). */
export function useLossesComparable(): boolean {
  const runs = useVisibleRuns();
  return useMemo(() => lossesComparable(runs), [runs]);
}
