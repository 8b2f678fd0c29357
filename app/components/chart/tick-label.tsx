import type { ReactElement } from 'react';
import type { BaseTickContentProps } from 'recharts';

/** How a tick reads: a figure (three significant digits, powers of ten) or a share as a percentage. */
export type TickFormat = (v: number) => string;

const VERTICAL_SHIFT = { start: '0.71em', middle: '0.32em', end: '0' };

/**
 * A tick label as a plain <text>: recharts' own measures every word of it to wrap lines. Make one
 * per format at module level: a new function on every render makes recharts lay the chart out again.
 */
export function tickLabel(format: TickFormat): (props: BaseTickContentProps) => ReactElement {
  return function TickLabel({ x, y, textAnchor, verticalAnchor, payload }: BaseTickContentProps) {
    return (
      <text x={x} y={y} dy={VERTICAL_SHIFT[verticalAnchor]} textAnchor={textAnchor} className="tick">
        {format(Number(payload.value))}
      </text>
    );
  };
}
