import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import type { CellImage, RunId } from '../../protocol';
import { useMessages } from '../../i18n/use-messages';
import { saidOf, word, type Said } from '../../i18n/said';
import { cssColour, shareColour, textColourOn } from '../../inside/colours';
import { CLASS_COUNT, summariseConfusion, worstConfusions } from '../../inside/confusion';
import type { RunRecord } from '../../state/run-record';
import { useLens, usePlayground, useSelectedRun } from '../../state/trainer-provider';
import { DigitImage } from '../DigitImage';
import { formatPercent } from '../format';

const DIGITS = Array.from({ length: CLASS_COUNT }, (_, d) => d);
/** A cell lists at most this many of its test images. */
const CELL_IMAGES = 24;

type Cell = { actual: number; predicted: number };
type Confusion = NonNullable<RunRecord['confusion']>;

const Matrix = memo(function Matrix({ confusion, chosen, onChoose }: { confusion: Confusion; chosen: Cell | null; onChoose: (cell: Cell) => void }) {
  const t = useMessages().insideLens.confusion;
  const summary = useMemo(() => summariseConfusion(confusion.counts), [confusion]);
  const worst = worstConfusions(summary);
  return (
    <>
      <div className="scroll-x" role="region" aria-label={t.region}>
        <table className="confusion">
          <caption className="caption">{t.caption(confusion.step)}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="axis-title" data-testid="y-axis-title">
                {t.trueDigit}
              </th>
              <th scope="colgroup" colSpan={CLASS_COUNT} className="axis-title" data-testid="x-axis-title">
                {t.predictedDigit}
              </th>
              <th scope="col" rowSpan={2}>
                {t.accuracy}
              </th>
            </tr>
            <tr>
              {DIGITS.map((d) => (
                <th scope="col" key={d}>
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.counts.map((row, actual) => (
              <tr key={actual}>
                <th scope="row">{actual}</th>
                {row.map((count, predicted) => {
                  const background = shareColour(summary.shares[actual][predicted]);
                  const isChosen = chosen?.actual === actual && chosen.predicted === predicted;
                  return (
                    <td
                      key={predicted}
                      data-actual={actual}
                      data-predicted={predicted}
                      data-count={count}
                      style={{ background: cssColour(background), color: cssColour(textColourOn(background)) }}
                    >
                      <button
                        type="button"
                        className="cell"
                        aria-pressed={isChosen}
                        aria-label={t.cell(actual, predicted, count, formatPercent(summary.shares[actual][predicted]))}
                        onClick={() => onChoose({ actual, predicted })}
                      >
                        {count}
                      </button>
                    </td>
                  );
                })}
                <td className="class-accuracy">{Number.isNaN(summary.classAccuracy[actual]) ? '—' : formatPercent(summary.classAccuracy[actual])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="confusion-figures">
        <span>
          {t.images}
          <strong data-testid="confusion-total">{summary.total.toLocaleString('en')}</strong>
        </span>
        <span>
          {t.right}
          <strong data-testid="confusion-accuracy" data-value={summary.accuracy}>{formatPercent(summary.accuracy)}</strong>
        </span>
        {worst.length > 0 && <span>{t.worst(worst.map((w) => t.worstCell(w.actual, w.predicted, w.count)).join(t.separator))}</span>}
      </p>
    </>
  );
});

function CellImages({ runId, cell, step }: { runId: RunId; cell: Cell; step: number }) {
  const catalogue = useMessages();
  const t = catalogue.insideLens.confusion;
  const { confusionCell, setLensInput } = usePlayground();
  const { input } = useLens();
  const [answer, setAnswer] = useState<{ key: string; total: number; images: CellImage[]; error: Said | null } | null>(null);
  const key = `${runId}:${cell.actual}:${cell.predicted}:${step}`;

  useEffect(() => {
    let current = true;
    confusionCell(runId, cell.actual, cell.predicted, CELL_IMAGES).then(
      ({ total, images }) => current && setAnswer({ key, total, images, error: null }),
      (error: unknown) => current && setAnswer({ key, total: 0, images: [], error: saidOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [confusionCell, runId, cell.actual, cell.predicted, key]);

  const shown = answer?.key === key ? answer : null;
  return (
    <div className="cell-images" data-testid="confusion-cell-images" aria-live="polite">
      {!shown ? (
        <p className="caption">{t.finding(cell.actual, cell.predicted)}</p>
      ) : shown.error ? (
        <p className="command-error">{t.notListed(word(shown.error, catalogue))}</p>
      ) : (
        <>
          <p className="caption">
            {shown.total === 0 ? t.none(cell.actual, cell.predicted) : t.listed(shown.images.length, shown.total, cell.actual, cell.predicted)}
          </p>
          <ul className="cell-list">
            {shown.images.map((image) => {
              const best = image.probabilities.indexOf(Math.max(...image.probabilities));
              const chosen = input?.kind === 'test' && input.index === image.index;
              const words = t.image(image.index, image.label, best, Math.round(100 * image.probabilities[best]), Math.round(100 * image.probabilities[image.label]));
              return (
                <li key={image.index}>
                  <button type="button" className="sample-button" aria-pressed={chosen} title={words} onClick={() => setLensInput({ kind: 'test', index: image.index })}>
                    <DigitImage pixels={image.image} max={255} label={words} />
                    <span className="sample-caption" aria-hidden="true" translate="no">
                      {best}: {Math.round(100 * image.probabilities[best])}%
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}

function EvaluateButton({ run }: { run: RunRecord }) {
  const t = useMessages().insideLens.confusion;
  const { evaluate } = usePlayground();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const why = !run.inWorker ? t.notInWorker : run.state === 'training' ? t.pauseFirst : null;
  return (
    <p className="buttons">
      <button
        type="button"
        disabled={busy || why !== null}
        onClick={() => {
          setBusy(true);
          setError(null);
          evaluate(run.id)
            .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? t.evaluating : t.evaluate}
      </button>
      {why && <span className="reason caption">{why}</span>}
      {error && <span className="command-error">{error}</span>}
    </p>
  );
}

/** Which digits the model mixes up, on the whole test set; a cell lists its images. */
export function ConfusionPanel() {
  const t = useMessages().insideLens.confusion;
  const run = useSelectedRun();
  const confusion = run?.confusion ?? null;
  const [chosen, setChosen] = useState<{ runId: RunId; cell: Cell } | null>(null);
  const runId = run?.id ?? null;
  const cell = chosen && chosen.runId === runId ? chosen.cell : null;
  const choose = useCallback((c: Cell) => runId !== null && setChosen({ runId, cell: c }), [runId]);
  return (
    <article className="inside-panel" data-testid="confusion-matrix" aria-labelledby="confusion-title">
      <h3 id="confusion-title">{t.title}</h3>
      <p className="look-for">{t.lookFor}</p>
      {confusion ? (
        <Matrix confusion={confusion} chosen={cell} onChoose={choose} />
      ) : (
        <p className="caption">{t.notYet}</p>
      )}
      {run && <EvaluateButton run={run} />}
      {run && confusion && cell && <CellImages runId={run.id} cell={cell} step={confusion.step} />}
    </article>
  );
}
