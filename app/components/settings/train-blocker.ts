// When Train (and Train comparison) can start a run, and what they say when they cannot: a
// disabled button always tells why, next to it.
import { messages, type Catalogue } from '../../i18n/messages';
import type { WorkerPhase } from '../../protocol';

/** Why a new run cannot start now, or null when it can; in the words of `t`, the page's language unless told. */
export function trainBlocker(phase: WorkerPhase, dataLoaded: boolean, formValid: boolean, t: Catalogue = messages()): string | null {
  const { settings } = t;
  const busy: Record<Exclude<WorkerPhase, 'ready'>, string> = { loading: settings.loadingData, recovering: settings.recovering, failed: settings.workerStopped };
  if (phase !== 'ready') return busy[phase];
  if (!dataLoaded) return busy.loading;
  if (!formValid) return settings.fixTheForm;
  return null;
}

/** Buttons named together: "Resume and Step". */
export const buttonList = (buttons: readonly string[], { settings }: Catalogue) => buttons.reduce((all, button) => settings.pair(all, button));

/**
 * What Resume and Step say while the form is invalid, when they can act: the form describes the
 * next run, and they continue the selected one (its race too) with its own settings, not the form's.
 */
export function goOnNote(formValid: boolean, runName: string | null, enabled: readonly string[], t: Catalogue = messages()): string | null {
  if (formValid || runName === null || enabled.length === 0) return null;
  return t.settings.goOn(buttonList(enabled, t), enabled.length, runName);
}
