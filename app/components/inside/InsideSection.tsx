import './inside.css';
import './lens-confusion.css';
import './inside-axes.css';
import { useMessages } from '../../i18n/use-messages';
import { displayName } from '../../runs/naming';
import { useInsideOpen, usePlayground, useSelectedRun } from '../../state/trainer-provider';
import { ActivationPanel } from './ActivationPanel';
import { ConfusionPanel } from './ConfusionPanel';
import { GradientFlowPanel } from './GradientFlowPanel';
import { LossLensPanel } from './LossLensPanel';
import { UnitHealthPanel } from './UnitHealthPanel';
import { useInspection } from './use-inspection';
import { WeightTilesPanel } from './WeightTilesPanel';

/** The panels, for the selected run: mounted only while the section is open, so that a folded section costs nothing. */
function Panels() {
  const t = useMessages();
  const run = useSelectedRun();
  // One inspection for both panels that show the lens input: the loss lens and the tiles' readout.
  const { inspection, error } = useInspection(run);
  if (!run) return <p className="caption">{t.inside.noRun}</p>;
  return (
    <>
      <p className="caption inside-run">
        <span className="run-swatch" style={{ background: run.color }} aria-hidden="true" />
        {t.inside.selectedRun(displayName(run))}
      </p>
      <div className="inside-grid">
        <ActivationPanel />
        <UnitHealthPanel />
        <GradientFlowPanel />
        <WeightTilesPanel inspection={inspection} error={error} />
        <ConfusionPanel />
        <LossLensPanel inspection={inspection} error={error} />
      </div>
    </>
  );
}

/** What the activation does to each layer and the loss to each answer, folded until asked for. */
export function InsideSection() {
  const t = useMessages();
  const open = useInsideOpen();
  const { setInsideOpen } = usePlayground();
  return (
    <>
      <div className="inside-head">
        <h2 id="inside-title">{t.inside.title}</h2>
        <button type="button" aria-expanded={open} aria-controls="inside-panels" onClick={() => setInsideOpen(!open)}>
          {open ? t.inside.hide : t.inside.show}
        </button>
      </div>
      {!open && <p className="caption">{t.inside.folded}</p>}
      <div id="inside-panels" hidden={!open}>
        {open && <Panels />}
      </div>
    </>
  );
}
