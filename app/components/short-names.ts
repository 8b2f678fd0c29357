// Names short enough for a legend, a readout or a card: of runs named from their settings, only the
// settings they do not all share ("Sigmoid", "Adam 0.01"), since the rest is the same on every line.
import { messages, type Catalogue } from '../i18n/messages';
import { runName, withOrigin, type NamedRun } from '../runs/naming';

const SEPARATOR = ' · ';

/**
 * Each run's name without the settings common to every run named from its settings; a name the
 * user gave stays whole, and so do the names when there is only one, or nothing tells them apart.
 */
export function shortNames(runs: readonly NamedRun[], t: Catalogue = messages()): string[] {
  const parts = runs.map((run) => (run.customName === null ? runName(run.config, t).split(SEPARATOR) : null));
  const generated = parts.filter((p) => p !== null);
  const width = generated[0]?.length ?? 0;
  const shared = (i: number) => generated.every((p) => p.length === width && p[i] === generated[0][i]);
  const kept = Array.from({ length: width }, (_, i) => i).filter((i) => !shared(i));
  return runs.map((run, r) => {
    const own = parts[r];
    if (own === null) return run.customName!;
    return withOrigin(generated.length < 2 || kept.length === 0 ? own.join(SEPARATOR) : kept.map((i) => own[i]).join(SEPARATOR), run.origin, t);
  });
}
