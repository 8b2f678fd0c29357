import { useId, useMemo } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { COMPARE_PRESETS, comparisonConfigs, isComparePreset, type ComparePresetId } from '../../runs/presets';
import { useCompare, usePlayground, useWorker } from '../../state/trainer-provider';
import { useCommandOutcome } from '../../use-command';
import { CommandOutcomeLine } from '../CommandOutcomeLine';
import { shortNames } from '../short-names';
import { trainBlocker } from './train-blocker';
import { useFormConfig } from './use-form-config';

/** A race built from the form's settings: one setting varied, everything else (the seed too) shared. */
export function ComparePicker() {
  const presetId: ComparePresetId | '' = useCompare() ?? '';
  const { config, valid } = useFormConfig();
  const phase = useWorker('phase');
  const dataset = useWorker('dataset');
  const { trainComparison, setCompare } = usePlayground();
  const { outcome, pending, issue } = useCommandOutcome();
  const t = useMessages();
  const selectId = useId();
  const reasonId = useId();

  const names = useMemo(
    () => (presetId && valid ? shortNames(comparisonConfigs(presetId, config).map((c) => ({ customName: null, config: c, origin: 'new' as const }))) : []),
    [presetId, valid, config],
  );
  const blocker = presetId ? trainBlocker(phase, dataset !== null, valid, t) : t.settings.chooseComparison;

  return (
    <div className="compare">
      <div className="field">
        <label htmlFor={selectId}>{t.settings.compare}</label>
        <select id={selectId} value={presetId} onChange={(e) => setCompare(isComparePreset(e.target.value) ? e.target.value : null)}>
          <option value="">—</option>
          {COMPARE_PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
        </select>
      </div>
      {names.length > 0 && (
        <p className="hint" data-testid="compare-runs">
          {t.settings.comparisonRuns(names.length, names.join(t.common.listSeparator))}
        </p>
      )}
      <div className="buttons">
        <button
          type="button"
          disabled={blocker !== null || pending}
          aria-describedby={blocker ? reasonId : undefined}
          onClick={() => presetId && issue(trainComparison(presetId, config), { done: null, failed: (m) => m.settings.couldNotCompare })}
        >
          {t.settings.trainComparison}
        </button>
        {blocker && (
          <p className="hint reason" id={reasonId}>
            {blocker}
          </p>
        )}
      </div>
      <CommandOutcomeLine outcome={outcome} />
    </div>
  );
}
