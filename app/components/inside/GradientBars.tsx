import { useMessages } from '../../i18n/use-messages';
import { formatStat } from '../../inside/plot';

const WIDTH = 200;
const HEIGHT = 44;
const BAR = WIDTH / 10;

/** Ten bars of ∂L/∂zₖ around a zero line, on `scale` (the largest |gradient| shown): up for positive, down for negative. */
export function GradientBars({ gradient, scale, target, name }: { gradient: readonly number[]; scale: number; target: number; name: string }) {
  const t = useMessages();
  const half = HEIGHT / 2;
  const label = t.insideLens.lens.gradientLabel(name, gradient.map((g, d) => `${d}: ${formatStat(g)}`).join(', '));
  return (
    <svg className="gradient-bars" viewBox={`0 0 ${WIDTH} ${HEIGHT + 12}`} role="img" aria-label={label}>
      {gradient.map((g, d) => {
        const h = scale > 0 && Number.isFinite(g) ? (Math.abs(g) / scale) * (half - 1) : 0;
        return (
          <g key={d}>
            <rect x={d * BAR + 3} width={BAR - 6} y={g > 0 ? half - h : half} height={Math.max(h, 0.5)} className={g > 0 ? 'grad-up' : 'grad-down'} />
            <text x={d * BAR + BAR / 2} y={HEIGHT + 10} textAnchor="middle" className={d === target ? 'tick target' : 'tick'}>
              {d}
            </text>
            <title>{`${d}: ${formatStat(g)}`}</title>
          </g>
        );
      })}
      <line x1={0} x2={WIDTH} y1={half} y2={half} className="axis" />
    </svg>
  );
}
