import type { PointerEvent } from 'react';
import { usePlotArea, useXAxisInverseScale, useXAxisScale, useYAxisScale } from 'recharts';
import type { ChartMetric, ChartXAxis } from '../../runs/chart-series';
import type { DrawnSeries } from './chart-layout';
import { formatMetric, formatX } from './chart-text';
import { useReadoutCursor, valuesAt } from './readout-cursor';
import { useMessages } from '../../i18n/use-messages';

const MAX_READOUT_WIDTH = 340;
const LINE_HEIGHT = 18;
const PADDING = 6;

interface ReadoutProps {
  series: readonly DrawnSeries[];
  /** The plot's clip path: a dot on a value above the y axis is not drawn over the axes. */
  clipId: string;
  metric: ChartMetric;
  xAxis: ChartXAxis;
}

/**
 * While the pointer is over the plot, where a finger last touched or dragged, or where the keyboard
 * moved it (see RunsChart): a guide at its x and every visible run's value there (the
 * last point drawn at or before it), each run's in its colour. The list is HTML in the SVG, so long
 * run names are cut with an ellipsis instead of measured.
 */
export function ChartReadout({ series, clipId, metric, xAxis }: ReadoutProps) {
  const { x: pointerX, setX: setPointerX } = useReadoutCursor();
  const t = useMessages();
  const area = usePlotArea();
  const toX = useXAxisScale();
  const fromX = useXAxisInverseScale();
  const toY = useYAxisScale('value');
  if (!area || !toX || !fromX || !toY) return null;

  const follow = (event: PointerEvent<SVGRectElement>) =>
    setPointerX(Number(fromX(area.x + event.clientX - event.currentTarget.getBoundingClientRect().left)));
  // A finger that lifts leaves the readout where it was; only a mouse that leaves takes it away.
  const leave = (event: PointerEvent<SVGRectElement>) => {
    if (event.pointerType === 'mouse') setPointerX(null);
  };
  const at = pointerX === null ? [] : valuesAt(series, pointerX);
  const guideX = pointerX === null ? undefined : toX(pointerX);
  const width = Math.min(MAX_READOUT_WIDTH, area.width - 2 * PADDING);
  const height = (at.length + 1) * LINE_HEIGHT + 2 * PADDING;
  const boxX = guideX === undefined ? 0 : guideX + 8 + width > area.x + area.width ? Math.max(area.x, guideX - 8 - width) : guideX + 8;

  return (
    <g className="readout">
      <rect
        x={area.x}
        y={area.y}
        width={area.width}
        height={area.height}
        fill="transparent"
        className="readout-area"
        onPointerDown={follow}
        onPointerMove={follow}
        onPointerLeave={leave}
      />
      {pointerX !== null && guideX !== undefined && (
        <g pointerEvents="none">
          <line x1={guideX} x2={guideX} y1={area.y} y2={area.y + area.height} className="guide" />
          <g clipPath={`url(#${clipId})`}>
            {at.map(({ series: s, point }) =>
              point ? <circle key={s.runId} cx={toX(point.x)} cy={toY(point.y)} r={3.5} fill={s.color} stroke="#fff" /> : null,
            )}
          </g>
          <foreignObject x={boxX} y={area.y + 4} width={width} height={height}>
            <div className="readout-box" data-testid="chart-readout">
              <p className="readout-x">{formatX(pointerX, xAxis, t)}</p>
              <ul>
                {at.map(({ series: s, point }) => (
                  <li key={s.runId} data-run-id={s.runId}>
                    <span className="run-swatch" style={{ background: s.color }} aria-hidden="true" />
                    <span className="readout-name">{s.name}</span>
                    <span className="readout-value" translate="no">{point ? formatMetric(point.y, metric) : '–'}</span>
                  </li>
                ))}
              </ul>
            </div>
          </foreignObject>
        </g>
      )}
    </g>
  );
}
