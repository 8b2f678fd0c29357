import './inside.css';
import './lens-confusion.css';
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
  const run = useSelectedRun();
  // One inspection for both panels that show the lens input: the loss lens and the tiles' readout.
  const { inspection, error } = useInspection(run);
  if (!run) return <p className="caption">Train a run, then look inside it here.</p>;
  return (
    <>
      <p className="caption inside-run">
        <span className="run-swatch" style={{ background: run.color }} aria-hidden="true" />
        The selected run: {displayName(run)}. While it trains its statistics are measured on the device, on 1,000 fixed test images (the
        probe set): up to twice a second, less often where that would take more than a tenth of the training’s time.
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
  const open = useInsideOpen();
  const { setInsideOpen } = usePlayground();
  return (
    <>
      <div className="inside-head">
        <h2 id="inside-title">Inside the network</h2>
        <button type="button" aria-expanded={open} aria-controls="inside-panels" onClick={() => setInsideOpen(!open)}>
          {open ? 'Hide inside the network' : 'Show inside the network'}
        </button>
      </div>
      {!open && (
        <p className="caption">
          The activation and its derivative, each layer’s dead and saturated units, how the gradient flows layer by layer, the first
          layer’s weights, the loss at work on one digit, and the confusion matrix.
        </p>
      )}
      <div id="inside-panels" hidden={!open}>
        {open && <Panels />}
      </div>
    </>
  );
}
