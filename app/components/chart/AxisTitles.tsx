import './axis-titles.css';
import { memo } from 'react';
import { usePlotArea } from 'recharts';
import { titleLines } from './title-lines';

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
/** The titles' size (axis-titles.css) and their lines' spacing, for a title in two lines. */
const TITLE_FONT = 12;
export const TITLE_LINE = 13;
/** Under the x axis (30 px high by default in recharts, its ticks within) and left of the y axis' ticks. */
const RECHARTS_PLACES = { below: 44, left: 14 };

interface TitleTextProps {
  title: AxisTitle;
  x: number;
  y: number;
  turn?: -90 | 0 | 90;
  testId: string;
  /** Given, words longer than this (px) go in two lines, the second TITLE_LINE further (right of the first on the y axis). */
  room?: number;
}

/** One title as SVG text, turned along the y axis (−90°, read upwards) or the right edge (90°). */
export function AxisTitleText({ title, x, y, turn = 0, testId, room }: TitleTextProps) {
  const lines = room === undefined || title.formula || !title.words ? null : titleLines(title.words, room, TITLE_FONT);
  return (
    <text x={x} y={y} transform={turn === 0 ? undefined : `rotate(${turn} ${x} ${y})`} textAnchor="middle" data-testid={testId}>
      {lines && lines.length > 1
        ? lines.map((line, i) => (
            <tspan key={i} x={x} dy={i === 0 ? 0 : TITLE_LINE}>
              {line}
            </tspan>
          ))
        : (
          <>
            {title.formula && <tspan translate="no">{title.formula}</tspan>}
            {title.words}
          </>
        )}
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
  /** Given, the y title's words go in two lines where longer than this (px). */
  yRoom?: number;
}

/** The axes' titles with their units: centred under the x axis and along the y axis. */
export function AxisTitles({ area, x, y, below, left, yRoom }: AxisTitlesProps) {
  const middle = area.y + area.height / 2;
  return (
    <g className="axis-titles">
      <AxisTitleText title={x} x={area.x + area.width / 2} y={area.y + area.height + below} testId="x-axis-title" />
      <AxisTitleText title={y} x={left} y={middle} turn={-90} testId="y-axis-title" room={yRoom} />
    </g>
  );
}

/**
 * The titles inside a recharts chart whose margin has TITLE_ROOM; with `twoLines`, and TITLE_LINE
 * more on its left, a y title longer than the plot is high (and 8 px either side) goes in two lines.
 */
export const PlotAxisTitles = memo(function PlotAxisTitles({ x, y, twoLines = false }: { x: AxisTitle; y: AxisTitle; twoLines?: boolean }) {
  const area = usePlotArea();
  if (!area) return null;
  return <AxisTitles area={area} x={x} y={y} {...RECHARTS_PLACES} yRoom={twoLines ? area.height + 16 : undefined} />;
});
