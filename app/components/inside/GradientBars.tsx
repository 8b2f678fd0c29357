import { useMessages } from '../../i18n/use-messages';
import { formatStat } from '../../inside/plot';
import { AxisTitles } from '../chart/AxisTitles';

const WIDTH = 200;
const HEIGHT = 44;
const BAR = WIDTH / 10;
/** Room for the y axis' title left of the bars; the x axis' goes under the digits. */
const LEFT = 19;
const AREA = { x: LEFT, y: 0, width: WIDTH, height: HEIGHT };
const TITLE_PLACES = { below: 24, left: 12 };
const Y_TITLE = { formula: '∂L/∂zₖ' };

/** Ten bars of ∂L/∂zₖ around a zero line, on `scale` (the largest |gradient| shown): up for positive, down for negative. */
export function GradientBars({ gradient, scale, target, name }: { gradient: readonly number[]; scale: number; target: number; name: string }) {
  const t = useMessages();
  const half = HEIGHT / 2;
  const label = t.insideLens.lens.gradientLabel(name, gradient.map((g, d) => `${d}: ${formatStat(g)}`).join(', '));
  return (
    <svg className="gradient-bars" viewBox={`0 0 ${LEFT + WIDTH} ${HEIGHT + 26}`} role="img" aria-label={label}>
      {gradient.map((g, d) => {
        const h = scale > 0 && Number.isFinite(g) ? (Math.abs(g) / scale) * (half - 1) : 0;
        return (
          <g key={d}>
            <rect x={LEFT + d * BAR + 3} width={BAR - 6} y={g > 0 ? half - h : half} height={Math.max(h, 0.5)} className={g > 0 ? 'grad-up' : 'grad-down'} />
            <text x={LEFT + d * BAR + BAR / 2} y={HEIGHT + 10} textAnchor="middle" className={d === target ? 'tick target' : 'tick'}>
              {d}
            </text>
            <title>{`${d}: ${formatStat(g)}`}</title>
          </g>
        );
      })}
      <line x1={LEFT} x2={LEFT + WIDTH} y1={half} y2={half} className="axis" />
      <AxisTitles area={AREA} x={{ words: t.insideLens.lens.digitK }} y={Y_TITLE} {...TITLE_PLACES} />
    </svg>
  );
}
