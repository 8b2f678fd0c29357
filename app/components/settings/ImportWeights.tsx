import { useId, useState, type ChangeEvent } from 'react';
import { ACTIVATION_NAMES, describeLayers, importModel, NORMALIZATIONS, type ImportedModel, type NormalizationName, type TrainConfig } from '../../../gpu';
import { APP_DEFAULT_CONFIG } from '../../config-form';
import { useMessages } from '../../i18n/use-messages';
import { displayName } from '../../runs/naming';
import { usePlayground, useWorker } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { CommandOutcomeLine } from '../CommandOutcomeLine';
import { formatPercent } from '../format';
import { importedConfig, type ImportChoices } from '../runs/take-away';
import { trainBlocker } from './train-blocker';
import { useFormConfig } from './use-form-config';

/** The activation and input scaling a file does not say, asked before the model becomes a run. */
function MissingChoices({ missing, choices, onChange }: { missing: ImportedModel['missing']; choices: ImportChoices; onChange: (choices: ImportChoices) => void }) {
  const activationId = useId();
  const normalizeId = useId();
  const t = useMessages();
  return (
    <>
      {missing.includes('activation') && (
        <div className="field">
          <label htmlFor={activationId}>{t.settings.itsActivation}</label>
          <select id={activationId} value={choices.activation} onChange={(e) => onChange({ ...choices, activation: e.target.value as TrainConfig['activation'] })}>
            {ACTIVATION_NAMES.map((name) => (
              <option key={name} value={name}>
                {t.labels.activation[name] ?? name}
              </option>
            ))}
          </select>
        </div>
      )}
      {missing.includes('normalize') && (
        <div className="field">
          <label htmlFor={normalizeId}>{t.settings.itsInputScaling}</label>
          <select id={normalizeId} value={choices.normalize} onChange={(e) => onChange({ ...choices, normalize: e.target.value as NormalizationName })}>
            {(Object.keys(NORMALIZATIONS) as NormalizationName[]).map((name) => (
              <option key={name} value={name}>
                {t.settings.normalization[name]}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

/**
 * A .safetensors file (gradlab's, or PyTorch's nn.Sequential of Linear layers) becomes a run:
 * evaluated on the test set, on the drawing pad, trainable further with the form's settings for
 * what the file does not say. A refused file is named with its problem, and nothing else changes.
 */
export function ImportWeights() {
  const { config: formConfig, valid } = useFormConfig();
  const phase = useWorker('phase');
  const dataset = useWorker('dataset');
  const { importRun } = usePlayground();
  const { outcome, pending, issue, say } = useCommandOutcome();
  const [asking, setAsking] = useState<{ model: ImportedModel; fileName: string; choices: ImportChoices } | null>(null);
  const inputId = useId();
  const reasonId = useId();
  const groupId = useId();
  const t = useMessages();
  const { settings } = t;
  const blocker = trainBlocker(phase, dataset !== null, true, t);

  function adopt(model: ImportedModel, fileName: string, choices: ImportChoices) {
    setAsking(null);
    const config = importedConfig(model, valid ? formConfig : APP_DEFAULT_CONFIG, choices);
    // Its outcome names the run and its accuracy, known only once evaluated: said in place of issue's.
    const imported = importRun(model, config).then(({ testAccuracy }) => {
      say((m) => {
        const name = displayName({ customName: null, config, origin: 'imported' }, m);
        return testAccuracy === null ? m.settings.imported(name, fileName) : m.settings.importedScored(name, fileName, formatPercent(testAccuracy));
      });
    });
    issue(imported, { done: null, failed: (m) => m.settings.couldNotImport(fileName) });
  }

  async function picked(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // The same file picked again is a new choice.
    input.value = '';
    if (!file) return;
    setAsking(null);
    let model: ImportedModel;
    try {
      model = importModel(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      issue(Promise.reject(error instanceof Error ? error : new Error(String(error))), { done: null, failed: (m) => m.settings.couldNotImport(file.name) });
      return;
    }
    const choices: ImportChoices = {};
    if (model.missing.includes('activation')) choices.activation = formConfig.activation;
    if (model.missing.includes('normalize')) choices.normalize = APP_DEFAULT_CONFIG.normalize;
    if (model.missing.length === 0) adopt(model, file.name, choices);
    else setAsking({ model, fileName: file.name, choices });
  }

  return (
    <div className="import-weights">
      <div className="field">
        <label htmlFor={inputId}>{settings.importWeights}</label>
        <input
          id={inputId}
          type="file"
          accept=".safetensors"
          disabled={blocker !== null || pending}
          aria-describedby={blocker ? reasonId : undefined}
          onChange={(event) => void picked(event)}
        />
      </div>
      {blocker && (
        <p className="hint reason" id={reasonId}>
          {settings.blocked(settings.importWeights, blocker)}
        </p>
      )}
      {asking && (
        <div role="group" aria-labelledby={groupId} className="import-choices">
          <p id={groupId} className="hint">
            {settings.askMissing(
              asking.fileName,
              describeLayers(asking.model.hidden),
              asking.model.missing.map((m) => (m === 'activation' ? settings.missingActivation : settings.missingNormalization)).reduce((all, m) => settings.either(all, m)),
            )}
          </p>
          <MissingChoices missing={asking.model.missing} choices={asking.choices} onChange={(choices) => setAsking({ ...asking, choices })} />
          <div className="buttons">
            <button type="button" className="primary" disabled={blocker !== null} onClick={() => adopt(asking.model, asking.fileName, asking.choices)}>
              {settings.import}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              {settings.cancel}
            </button>
          </div>
        </div>
      )}
      <CommandOutcomeLine outcome={outcome} />
    </div>
  );
}
