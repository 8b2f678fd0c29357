import './bars-head.css';
import { memo, useMemo, type CSSProperties } from 'react';
import type { RunPrediction } from '../../protocol';
import { displayName } from '../../runs/naming';
import { useSelectedRun, useVisibleRuns } from '../../state/trainer-provider';
import { shortNames } from '../short-names';
import { verdictOf, type Verdict } from './predictions';
import { useMessages } from '../../i18n/use-messages';

const DIGITS = Array.from({ length: 10 }, (_, d) => d);

function Bars({ verdict, name }: { verdict: Verdict; name: string }) {
  const probabilities = verdict.digit === null ? null : verdict.probabilities;
  const t = useMessages();
  return (
    <>
      <p className="bars-head">
        <span>{t.drawing.barsDigit}</span>
        <span>{t.drawing.barsProbability}</span>
      </p>
      <ol className="bars" aria-label={t.drawing.probabilities(name)}>
        {DIGITS.map((digit) => {
          const p = probabilities?.[digit] ?? 0;
          return (
            <li key={digit} className={digit === verdict.digit ? 'best' : undefined} aria-label={`${digit}: ${(100 * p).toFixed(0)} %`}>
              <span className="bar-digit" translate="no">{digit}</span>
              <span className="bar-track">
                <span className="bar-fill" style={{ width: `${100 * p}%` }} />
              </span>
              <span className="bar-value" translate="no">
                {(100 * p).toFixed(0)}%
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}

interface CardProps {
  runId: string;
  color: string;
  /** What tells the run from the others shown; the full name is its title. */
  name: string;
  fullName: string;
  inWorker: boolean;
  result: RunPrediction | undefined;
  selected: boolean;
}

/** Plain props only: a card renders again when its run's answer changes, not at every training step. */
const Card = memo(function Card({ runId, color, name, fullName, inWorker, result, selected }: CardProps) {
  const t = useMessages();
  const verdict = verdictOf(result, inWorker, t);
  return (
    <li
      className={selected ? 'prediction-card selected' : 'prediction-card'}
      style={{ '--run-color': color } as CSSProperties}
      data-testid="run-prediction"
      data-run-id={runId}
    >
      <p className="card-name" title={fullName}>
        <span className="run-swatch" style={{ background: color }} aria-hidden="true" />
        {name}
      </p>
      <p className="card-digit" data-digit={verdict.digit ?? ''}>
        {verdict.digit ?? '–'}
        {verdict.digit === null && <span className="card-why"> ({verdict.why})</span>}
      </p>
      <Bars verdict={verdict} name={name} />
    </li>
  );
});

/** Each visible run's reading of the drawing, side by side. */
export function PredictionCards({ results }: { results: readonly RunPrediction[] }) {
  const runs = useVisibleRuns();
  const selectedId = useSelectedRun()?.id;
  const t = useMessages();
  const names = useMemo(() => shortNames(runs, t), [runs, t]);
  if (runs.length === 0) return null;
  return (
    <ul className="prediction-cards" aria-label={t.drawing.cardsLabel}>
      {runs.map((run, i) => (
        <Card
          key={run.id}
          runId={run.id}
          color={run.color}
          name={names[i]}
          fullName={displayName(run, t)}
          inWorker={run.inWorker}
          result={results.find((r) => r.runId === run.id)}
          selected={run.id === selectedId}
        />
      ))}
    </ul>
  );
}
