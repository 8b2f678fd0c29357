import { useId, type FormEvent } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { usePlayground, useWorker } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { CommandOutcomeLine } from '../CommandOutcomeLine';
import { runSizeText } from '../runs/run-figures';
import { SelectedRunLearningRate } from '../runs/RunLearningRate';
import { trainBlocker } from './train-blocker';
import { ComparePicker } from './ComparePicker';
import { CopyLink } from './CopyLink';
import { ImportWeights } from './ImportWeights';
import { MoreSettings } from './MoreSettings';
import { PyTorchCode } from './PyTorchCode';
import { RaceButtons } from './RaceButtons';
import { SettingsFields } from './SettingsFields';
import { useFormConfig } from './use-form-config';

/** The settings of the next run, Train, the selected race's buttons, comparisons, a link to the settings, and imported weights. */
export function Settings() {
  const { config, valid } = useFormConfig();
  const phase = useWorker('phase');
  const dataset = useWorker('dataset');
  const { train } = usePlayground();
  const { outcome, pending, issue } = useCommandOutcome();
  const reasonId = useId();
  const t = useMessages();
  const blocker = trainBlocker(phase, dataset !== null, valid, t);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (blocker !== null || pending) return;
    issue(train(config), { done: null, failed: (m) => m.settings.couldNotStart });
  }

  return (
    <form className="controls" onSubmit={submit} aria-labelledby="settings-title">
      <h2 id="settings-title">{t.settings.title}</h2>
      <p className="hint">{t.settings.nextRunHint}</p>
      <SettingsFields />
      <MoreSettings />
      <div className="buttons">
        <button
          type="submit"
          className="primary"
          disabled={blocker !== null || pending}
          aria-describedby={blocker ? reasonId : undefined}
          title={t.settings.trainTitle}
          data-focus-next="race-toggle"
        >
          {t.settings.train}
        </button>
        <RaceButtons />
        {blocker && (
          <p className="hint reason" id={reasonId}>
            {t.settings.blocked(t.settings.train, blocker)}
          </p>
        )}
        {valid && (
          <p className="hint" data-testid="run-size">
            {t.settings.nextRun(runSizeText(config))}
          </p>
        )}
      </div>
      <SelectedRunLearningRate />
      <CommandOutcomeLine outcome={outcome} />
      <ComparePicker />
      <div className="take-away">
        <CopyLink />
        <ImportWeights />
      </div>
      <PyTorchCode />
    </form>
  );
}
