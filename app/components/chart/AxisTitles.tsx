import './axis-titles.css';
import { memo } from 'react';
import { usePlotArea } from 'recharts';

// `translate` is a global attribute (HTML's): SVG text carries it too, for translators and for the
// page's own check of untranslated text (e2e/untranslated.ts), but React types it on HTML elements only.
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the type parameter React declares it with
  interface SVGAttributes<T> {
    translate?: 'yes' | 'no';
  }
}

/**
 * An axis' title: a formula, written the same in every language (kept from translation), then
 * words in the reader's. Give a chart a constant one (module-level or memoised): it is a prop of a
 * memoised component inside a recharts chart.
 */
export interface AxisTitle {
  formula?: string;
  words?: string;
}

export interface PlotRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a recharts chart's titles go: its margin leaves room for them below and left of the axes. */
export const TITLE_ROOM = { bottom: 22, left: 18 };
/** Under the x axis (30 px high by default in recharts, its ticks within) and left of the y axis' ticks. */
const RECHARTS_PLACES = { below: 44, left: 14 };

/** One title as SVG text, turned along the y axis (−90°, read upwards) or the right edge (90°). */
export function AxisTitleText({ title, x, y, turn = 0, testId }: { title: AxisTitle; x: number; y: number; turn?: -90 | 0 | 90; testId: string }) {
  return (
    <text x={x} y={y} transform={turn === 0 ? undefined : `rotate(${turn} ${x} ${y})`} textAnchor="middle" data-testid={testId}>
      {title.formula && <tspan translate="no">{title.formula}</tspan>}
      {title.words}
    </text>
  );
}

interface AxisTitlesProps {
  area: PlotRect;
  x: AxisTitle;
  y: AxisTitle;
  /** The x title's baseline, this far under the plot's bottom edge: past the tick labels. */
  below: number;
  /** The y title's middle line, this far from the SVG's left edge: left of the tick labels. */
  left: number;
}

/** The axes' titles with their units: centred under the x axis and along the y axis. */
export function AxisTitles({ area, x, y, below, left }: AxisTitlesProps) {
  const middle = area.y + area.height / 2;
  return (
    <g className="axis-titles">
      <AxisTitleText title={x} x={area.x + area.width / 2} y={area.y + area.height + below} testId="x-axis-title" />
      <AxisTitleText title={y} x={left} y={middle} turn={-90} testId="y-axis-title" />
    </g>
  );
}

/** The titles inside a recharts chart whose margin has TITLE_ROOM: they follow its plot area. */
export const PlotAxisTitles = memo(function PlotAxisTitles({ x, y }: { x: AxisTitle; y: AxisTitle }) {
  const area = usePlotArea();
  if (!area) return null;
  return <AxisTitles area={area} x={x} y={y} {...RECHARTS_PLACES} />;
});
