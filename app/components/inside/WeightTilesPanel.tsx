import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { FirstLayerWeights, Inspection, UnitState } from '../../../gpu';
import { cssColour, NEGATIVE, POSITIVE, ZERO } from '../../inside/colours';
import { formatStat } from '../../inside/plot';
import { paintTiles, RING_COLOURS, symmetricScale, tileAfterKey, tileAt, tileLayout, type TileLayout } from '../../inside/tiles';
import { messages } from '../../i18n/messages';
import { useLens, useSelectedRun } from '../../state/trainer-provider';
import { useThrottled } from '../chart/use-throttled';
import { INSIDE_REDRAW_MS } from './redraw';

const STATE_WORDS: Record<UnitState, string> = { 0: 'healthy', 1: 'dead', 2: 'saturated' };

interface TilesProps {
  weights: FirstLayerWeights;
  layout: TileLayout;
  scale: number;
  states: Uint8Array | null;
  pointed: number | null;
  onPoint: (unit: number | null) => void;
  label: string;
}

/** The canvas: repainted when the weights, the states or the tile pointed at change. */
const Tiles = memo(function Tiles({ weights, layout, scale, states, pointed, onPoint, label }: TilesProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    const pixels = paintTiles(layout, weights.weights, scale, states, pointed);
    context.putImageData(new ImageData(pixels, layout.width, layout.height), 0, 0);
  }, [layout, weights, scale, states, pointed]);

  function unitUnder(event: PointerEvent<HTMLCanvasElement>): number | null {
    const rect = event.currentTarget.getBoundingClientRect();
    return tileAt(layout, ((event.clientX - rect.left) * layout.width) / rect.width, ((event.clientY - rect.top) * layout.height) / rect.height);
  }

  function key(event: KeyboardEvent<HTMLCanvasElement>) {
    const next = tileAfterKey(layout, pointed, event.key);
    if (next === null) return;
    event.preventDefault();
    onPoint(next);
  }

  return (
    <canvas
      ref={canvasRef}
      className="tiles"
      width={layout.width}
      height={layout.height}
      tabIndex={0}
      role="img"
      aria-label={label}
      aria-describedby="tile-readout"
      onPointerMove={(event) => {
        const unit = unitUnder(event);
        if (unit !== null) onPoint(unit);
      }}
      onPointerDown={(event) => onPoint(unitUnder(event) ?? pointed)}
      onKeyDown={key}
      onFocus={() => pointed === null && onPoint(0)}
    />
  );
});

function Readout({ unit, weights, states, inspection, activation, error }: {
  unit: number | null;
  weights: FirstLayerWeights;
  states: Uint8Array | null;
  inspection: Inspection | null;
  activation: string;
  error: string | null;
}) {
  const { input } = useLens();
  if (unit === null) {
    return (
      <p className="tile-readout" id="tile-readout" data-testid="tile-readout" aria-live="polite">
        Point at a tile (or focus the tiles and use the arrow keys) to read that unit.
      </p>
    );
  }
  const state = states ? STATE_WORDS[states[unit] as UnitState] : null;
  // Without hidden layers the tiles are the output layer's: its z are the logits, passed on as they are.
  const first = inspection ? (inspection.firstLayer ?? { z: inspection.logits, a: inspection.logits }) : null;
  const z = first?.z[unit];
  const a = first?.a[unit];
  const source = input?.kind === 'test' ? `test image ${input.index}` : 'the digit on the pad';
  return (
    <p className="tile-readout" id="tile-readout" data-testid="tile-readout" data-unit={unit} data-z={z} data-a={a} aria-live="polite">
      <strong>Unit {unit + 1}</strong>
      {state && ` (${state})`}, bias {formatStat(weights.bias[unit])}:{' '}
      {z !== undefined && a !== undefined
        ? `for ${source}, z = ${formatStat(z)} and ${activation}(z) = ${formatStat(a)}.`
        : input === null
          ? 'draw a digit on the pad, or click a test image, to see its z and f(z).'
          : `z and f(z) for ${source} are not known (${error ?? 'on their way'}).`}
    </p>
  );
}

function ScaleLegend({ scale }: { scale: number }) {
  const gradient = `linear-gradient(to right, ${cssColour(NEGATIVE)}, ${cssColour(ZERO)}, ${cssColour(POSITIVE)})`;
  return (
    <div className="tile-legend">
      <div className="scale-bar" style={{ background: gradient }} aria-hidden="true" />
      <div className="scale-labels">
        <span>−{formatStat(scale)}</span>
        <span>0</span>
        <span>+{formatStat(scale)}</span>
      </div>
      <ul className="legend inside-legend">
        <li>
          <span className="ring-swatch" style={{ borderColor: RING_COLOURS[1] }} aria-hidden="true" /> dead unit
        </li>
        <li>
          <span className="ring-swatch" style={{ borderColor: RING_COLOURS[2] }} aria-hidden="true" /> saturated unit
        </li>
        <li>
          <span className="ring-swatch" style={{ borderColor: RING_COLOURS.focus }} aria-hidden="true" /> the unit read below
        </li>
      </ul>
    </div>
  );
}

/** What each first-layer unit responds to: its 784 weights laid out as the image they multiply. */
export function WeightTilesPanel({ inspection, error }: { inspection: Inspection | null; error: string | null }) {
  const run = useSelectedRun();
  const weights = useThrottled(run?.firstLayer ?? null, INSIDE_REDRAW_MS);
  const health = useThrottled(run?.health ?? null, INSIDE_REDRAW_MS);
  const [pointed, setPointed] = useState<number | null>(null);
  const layout = useMemo(() => (weights ? tileLayout(weights.units, weights.inputs) : null), [weights]);
  const scale = useMemo(() => (weights ? symmetricScale(weights.weights, weights.units * weights.inputs) : 0), [weights]);
  const states = health?.layers[0]?.unitStates ?? null;
  const unit = pointed !== null && weights && pointed < weights.units ? pointed : null;
  const hidden = run?.config.hidden ?? [];
  const total = hidden[0] ?? 10;
  const dead = states ? states.filter((s) => s === 1).length : 0;
  const saturated = states ? states.filter((s) => s === 2).length : 0;
  const label = weights
    ? `The first layer’s weights at step ${weights.step}: ${weights.units} tiles of 28 × 28, red positive, blue negative, up to ±${formatStat(scale)}` +
      (states ? `; ${dead} dead and ${saturated} saturated units marked.` : '.')
    : '';
  return (
    <article className="inside-panel" data-testid="weight-tiles" aria-labelledby="tiles-title">
      <h3 id="tiles-title">What the hidden units look for</h3>
      <p className="look-for">
        What to look for: strokes and blobs forming out of the initial noise as the run learns. A red pixel raises the unit’s z where
        a digit has ink there, a blue one lowers it; a tile still noisy after an epoch (often a dead unit) has learnt nothing.
      </p>
      {weights && layout ? (
        <>
          <p className="caption">
            {hidden.length === 0
              ? 'This run has no hidden layer: these are the output layer’s ten units, one template per digit.'
              : `The first ${weights.units === total ? '' : `${weights.units} of `}${total} units of layer 1, at step ${weights.step.toLocaleString('en')}, on one shared scale.`}
          </p>
          <Tiles weights={weights} layout={layout} scale={scale} states={states} pointed={unit} onPoint={setPointed} label={label} />
          <ScaleLegend scale={scale} />
          <Readout unit={unit} weights={weights} states={states} inspection={inspection} activation={hidden.length === 0 ? 'identity' : messages().labels.activationShort[run!.config.activation]} error={error} />
        </>
      ) : (
        <p className="caption">{run?.inWorker ? 'The weights come with the next measurement.' : 'Its model is not in the worker: no weights to show.'}</p>
      )}
    </article>
  );
}
