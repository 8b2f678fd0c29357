// What the random walk reads of the page between two actions: the controls a user can reach now,
// named as Playwright's getByRole finds them, and the runs the ?debug handle reports.
import type { Page } from '@playwright/test';

/** The page as the walk sees it between two actions. */
export interface PageView {
  phase: string;
  step: number;
  /** The "Test accuracy" figure: "–" until an epoch of the current run is evaluated. */
  accuracy: string;
  buttons: { name: string; enabled: boolean }[];
  /** How many folds (<details>) a click on their summary opens or closes. */
  folds: number;
  fields: { label: string; enabled: boolean }[];
  selects: { label: string; enabled: boolean; options: string[] }[];
  checkboxes: { label: string; enabled: boolean }[];
  incidents: { kind: string; text: string }[];
  /** Errors the page shows beside a command it could not carry out. */
  commandErrors: string[];
  debug: boolean;
  /** Every run the page keeps, as the debug handle reports it. */
  runs: RunView[];
}

export interface RunView {
  id: string;
  state: string;
  step: number;
  /** The test accuracy of each epoch evaluated so far. */
  accuracies: number[];
}

/**
 * Controls inside a closed fold are left out: a user opens the fold first (the walk does too).
 * Names follow enough of the accessible-name rules for this page that getByRole finds the control
 * by them: aria-labelledby, then aria-label, then the content without aria-hidden parts, where a
 * child's own label (a digit image's) stands for the child and a control inside its own label (a
 * select in a <label>) is left out of that label.
 */
export function readView(page: Page): Promise<PageView> {
  return page.evaluate(async () => {
    const text = (element: Element | null | undefined) => element?.textContent?.trim() ?? '';
    const contentName = (element: Element, leaveOut?: Element): string =>
      [...element.childNodes]
        .map((node) => {
          if (!(node instanceof Element)) return node.textContent ?? '';
          return node === leaveOut || node.getAttribute('aria-hidden') === 'true' ? '' : nameOf(node, false);
        })
        .join('');
    const nameOf = (element: Element, own = true): string => {
      const labelledBy = own ? element.getAttribute('aria-labelledby') : null;
      if (labelledBy) {
        return labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id))
          .map((part) => (part === element ? contentName(part) : part ? nameOf(part, false) : ''))
          .join(' ');
      }
      return element.getAttribute('aria-label') ?? contentName(element);
    };
    const tidy = (name: string) => name.replace(/\s+/g, ' ').trim();
    const labelOf = (control: HTMLInputElement | HTMLSelectElement) => {
      const label = control.labels?.[0];
      return label ? tidy(contentName(label, control)) : '';
    };
    const reachable = <E extends Element>(selector: string) => [...document.querySelectorAll<E>(selector)].filter((e) => e.checkVisibility());
    const byTestId = (testId: string) => text(document.querySelector(`[data-testid="${testId}"]`));
    const inputs = (type: string) => reachable<HTMLInputElement>(`input[type="${type}"]`);
    return {
      phase: byTestId('phase'),
      step: Number(byTestId('figure-step').replaceAll(',', '')),
      accuracy: byTestId('figure-accuracy'),
      buttons: reachable<HTMLButtonElement>('button').map((b) => ({ name: tidy(nameOf(b)), enabled: !b.disabled })),
      folds: reachable('details > summary').length,
      fields: inputs('text').map((input) => ({ label: labelOf(input), enabled: !input.disabled })),
      selects: reachable<HTMLSelectElement>('select').map((select) => ({
        label: labelOf(select),
        enabled: !select.disabled,
        options: [...select.options].map((option) => option.value),
      })),
      checkboxes: inputs('checkbox').map((input) => ({ label: labelOf(input), enabled: !input.disabled })),
      incidents: [...document.querySelectorAll<HTMLElement>('[data-testid="incident"]')].map((e) => ({ kind: e.dataset.kind ?? '', text: text(e) })),
      commandErrors: [...document.querySelectorAll('[data-testid="command-error"]')].map(text),
      debug: window.gradlab !== undefined,
      runs: (await window.gradlab?.runs())?.map((r) => ({ id: r.id, state: r.state, step: r.step, accuracies: r.epochs.map((e) => e.testAccuracy) })) ?? [],
    };
  });
}
