import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { FirstLayerWeights, Inspection, UnitState } from '../../../gpu';
import { cssColour, NEGATIVE, POSITIVE, ZERO } from '../../inside/colours';
import { formatStat } from '../../inside/plot';
import { paintTiles, RING_COLOURS, symmetricScale, tileAfterKey, tileAt, tileLayout, type TileLayout } from '../../inside/tiles';
import { useMessages } from '../../i18n/use-messages';
import { useLens, useSelectedRun } from '../../state/trainer-provider';
import { useThrottled } from '../chart/use-throttled';
import { INSIDE_REDRAW_MS } from './redraw';

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
  const t = useMessages().insideLens.tiles;
  const { input } = useLens();
  if (unit === null) {
    return (
      <p className="tile-readout" id="tile-readout" data-testid="tile-readout" aria-live="polite">
        {t.pointAt}
      </p>
    );
  }
  const state = states ? t.state[states[unit] as UnitState] : null;
  // Without hidden layers the tiles are the output layer's: its z are the logits, passed on as they are.
  const first = inspection ? (inspection.firstLayer ?? { z: inspection.logits, a: inspection.logits }) : null;
  const z = first?.z[unit];
  const a = first?.a[unit];
  const source = input?.kind === 'test' ? t.testImage(input.index) : t.pad;
  return (
    <p className="tile-readout" id="tile-readout" data-testid="tile-readout" data-unit={unit} data-z={z} data-a={a} aria-live="polite">
      <strong>{t.unit(unit + 1)}</strong>
      {t.stateAndBias(state, formatStat(weights.bias[unit]))}
      {z !== undefined && a !== undefined
        ? t.read(source, formatStat(z), activation, formatStat(a))
        : input === null
          ? t.noInput
          : t.unknown(source, error)}
    </p>
  );
}

function ScaleLegend({ scale }: { scale: number }) {
  const t = useMessages().insideLens.tiles;
  const gradient = `linear-gradient(to right, ${cssColour(NEGATIVE)}, ${cssColour(ZERO)}, ${cssColour(POSITIVE)})`;
  return (
    <div className="tile-legend">
      <p className="scale-title">{t.scaleTitle}</p>
      <div className="scale-bar" style={{ background: gradient }} aria-hidden="true" />
      <div className="scale-labels" translate="no">
        <span>−{formatStat(scale)}</span>
        <span>0</span>
        <span>+{formatStat(scale)}</span>
      </div>
      <ul className="legend inside-legend">
        <li>
          <span className="ring-swatch" style={{ borderColor: RING_COLOURS[1] }} aria-hidden="true" /> {t.deadUnit}
        </li>
        <li>
          <span className="ring-swatch" style={{ borderColor: RING_COLOURS[2] }} aria-hidden="true" /> {t.saturatedUnit}
        </li>
        <li>
          <span className="ring-swatch" style={{ borderColor: RING_COLOURS.focus }} aria-hidden="true" /> {t.readUnit}
        </li>
      </ul>
    </div>
  );
}

/** What each first-layer unit responds to: its 784 weights laid out as the image they multiply. */
export function WeightTilesPanel({ inspection, error }: { inspection: Inspection | null; error: string | null }) {
  const t = useMessages();
  const words = t.insideLens.tiles;
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
  const label = weights ? words.label(weights.step, weights.units, formatStat(scale)) + (states ? words.labelMarks(dead, saturated) : words.labelEnd) : '';
  return (
    <article className="inside-panel" data-testid="weight-tiles" aria-labelledby="tiles-title">
      <h3 id="tiles-title">{words.title}</h3>
      <p className="look-for">{words.lookFor}</p>
      {weights && layout ? (
        <>
          <p className="caption">
            {hidden.length === 0 ? words.noHidden : words.shown(weights.units, total, weights.step)}
          </p>
          <Tiles weights={weights} layout={layout} scale={scale} states={states} pointed={unit} onPoint={setPointed} label={label} />
          <ScaleLegend scale={scale} />
          <Readout unit={unit} weights={weights} states={states} inspection={inspection} activation={hidden.length === 0 ? words.identity : t.labels.activationShort[run!.config.activation]} error={error} />
        </>
      ) : (
        <p className="caption">{run?.inWorker ? words.comesNext : words.notInWorker}</p>
      )}
    </article>
  );
}
