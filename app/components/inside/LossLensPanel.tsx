import { memo } from 'react';
import type { Inspection, LossName } from '../../../gpu';
import { LOSS_NAMES } from '../../../gpu';
import { LOSS_FORMULAS } from '../../inside/formulas';
import { formatStat } from '../../inside/plot';
import { useMessages } from '../../i18n/use-messages';
import { useLens, usePlayground, useSelectedRun, useWorker } from '../../state/trainer-provider';
import { DigitImage } from '../DigitImage';
import { GradientBars } from './GradientBars';

const DIGITS = Array.from({ length: 10 }, (_, d) => d);

/** The input the lens looks at: the pad's digit, or a test image (pictured when the strip has it). */
function LensInput() {
  const t = useMessages().insideLens.lens;
  const { input } = useLens();
  const samples = useWorker('samples');
  if (input === null) return <p className="caption">{t.noInput}</p>;
  if (input.kind === 'pad') {
    return (
      <div className="lens-input">
        <DigitImage pixels={input.pixels} max={1} label={t.padImage} className="lens-image" />
        <span>{t.pad}</span>
      </div>
    );
  }
  const sample = samples.find((s) => s.index === input.index);
  return (
    <div className="lens-input">
      {sample && <DigitImage pixels={sample.image} max={255} label={t.testImageLabel(input.index, sample.label)} className="lens-image" />}
      <span>{t.testImage(input.index)}</span>
    </div>
  );
}

function TargetPicker({ inspection }: { inspection: Inspection | null }) {
  const t = useMessages().insideLens.lens;
  const { target, input } = useLens();
  const { setLensTarget } = usePlayground();
  const automatic = input?.kind === 'test' ? t.itsLabel : t.modelsAnswer;
  return (
    <label className="target-picker">
      {t.target}{' '}
      <select value={target === null ? '' : String(target)} onChange={(e) => setLensTarget(e.target.value === '' ? null : Number(e.target.value))}>
        <option value="">
          {automatic}
          {target === null && inspection ? ` (${inspection.target})` : ''}
        </option>
        {DIGITS.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
    </label>
  );
}

const Outputs = memo(function Outputs({ inspection, loss }: { inspection: Inspection; loss: LossName }) {
  const t = useMessages();
  const words = t.insideLens.lens;
  const { logits, probabilities, target } = inspection;
  const sum = probabilities.reduce((a, b) => a + b, 0);
  return (
    <>
      <p className="caption">{words.probabilitiesAs(t.labels.loss[loss], words.probabilities[loss], formatStat(sum))}</p>
      {/* Focusable, so that a keyboard can scroll it on a narrow screen. */}
      <div className="scroll-x" tabIndex={0} role="region" aria-label={words.outputs}>
        <table className="outputs">
          <thead>
            <tr>
              <th scope="col">{words.digit}</th>
              {DIGITS.map((d) => (
                <th scope="col" key={d} className={d === target ? 'target' : undefined}>
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{words.logit}</th>
              {logits.map((z, d) => (
                <td key={d}>{formatStat(z)}</td>
              ))}
            </tr>
            <tr data-testid="lens-probabilities" data-sum={String(sum)} data-values={JSON.stringify(probabilities)}>
              <th scope="row">{words.probability}</th>
              {probabilities.map((p, d) => (
                <td key={d} className="probability">
                  <span className="p-bar" style={{ height: `${Math.max(0, Math.min(1, p)) * 100}%` }} aria-hidden="true" />
                  <span className="p-value">{(100 * p).toFixed(p < 0.1 ? 1 : 0)}%</span>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
});

const Losses = memo(function Losses({ inspection, loss }: { inspection: Inspection; loss: LossName }) {
  const t = useMessages();
  const words = t.insideLens.lens;
  // One scale for the three losses' gradients, so that their sizes compare: MSE's is often far the smallest.
  const scale = Math.max(...LOSS_NAMES.flatMap((name) => inspection.losses[name].gradient.map(Math.abs)).filter(Number.isFinite), 0);
  return (
    <table className="losses">
      <thead>
        <tr>
          <th scope="col">{words.loss}</th>
          <th scope="col">{words.value}</th>
          <th scope="col">{words.gradient}</th>
          <th scope="col">{words.formula}</th>
        </tr>
      </thead>
      <tbody>
        {LOSS_NAMES.map((name) => {
          const view = inspection.losses[name];
          return (
            <tr key={name} data-loss={name} data-value={String(view.value)} data-gradient={JSON.stringify(view.gradient)} className={name === loss ? 'trained' : undefined}>
              <th scope="row">
                {t.labels.loss[name]}
                {name === loss && <span className="detail">{words.trained}</span>}
              </th>
              <td className="loss-value">{formatStat(view.value)}</td>
              <td>
                <GradientBars gradient={view.gradient} scale={scale} target={inspection.target} name={t.labels.loss[name]} />
              </td>
              <td className="formula" translate="no">
                <code>{LOSS_FORMULAS[name].value}</code>
                <br />
                <code>{LOSS_FORMULAS[name].gradient}</code>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});

/** For one input and target: the logits, the probabilities, and all three losses with their gradients. */
export function LossLensPanel({ inspection, error }: { inspection: Inspection | null; error: string | null }) {
  const words = useMessages().insideLens.lens;
  const run = useSelectedRun();
  const { input } = useLens();
  const loss = run?.config.loss ?? 'cross-entropy';
  return (
    <article className="inside-panel wide" data-testid="loss-lens" data-logits={inspection ? JSON.stringify(inspection.logits) : undefined} aria-labelledby="lens-title">
      <h3 id="lens-title">{words.title}</h3>
      <p className="look-for">{words.lookFor}</p>
      <div className="lens-head">
        <LensInput />
        <TargetPicker inspection={inspection} />
      </div>
      {inspection ? (
        <>
          <Outputs inspection={inspection} loss={loss} />
          <Losses inspection={inspection} loss={loss} />
          <p className="caption">{words.kernels(inspection.target)}</p>
        </>
      ) : (
        input !== null && run && <p className="caption">{error ? words.noAnswer(error) : words.asking}</p>
      )}
    </article>
  );
}
