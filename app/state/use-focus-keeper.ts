import { useEffect } from 'react';

/** How long a control that lost focus waits for the one that takes over (a command's reply). */
const TAKEOVER_MS = 3000;
const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

const usable = (element: Element | null): element is HTMLElement =>
  element instanceof HTMLElement && element.isConnected && !element.matches(':disabled') && element.getClientRects().length > 0;

/** Focus is on nothing: the page itself, or a control that was disabled under it. */
const focusDropped = () => {
  const active = document.activeElement;
  return active === null || active === document.body || (active instanceof HTMLElement && active.matches(':disabled'));
};

/**
 * Focus never drops to the page: when the focused control is disabled or removed, focus goes to the
 * control named by its `data-focus-next` (an id), as soon as that can take it, or back to the
 * control itself once it is enabled again (Pause becomes Resume), or else (at once for a control
 * that was removed, after a few seconds for one that stays disabled) to the first usable control of
 * its nearest surrounding element that is still there.
 */
export function useFocusKeeper(): void {
  useEffect(() => {
    let lost: { element: HTMLElement; ancestors: HTMLElement[]; at: number } | null = null;
    let last: HTMLElement | null = null;

    // A press on the page's background puts focus nowhere on purpose: nothing is lost then.
    const forget = () => {
      last = null;
      lost = null;
    };
    const remember = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement && event.target !== document.body) {
        last = event.target;
        lost = null;
      }
    };
    const ancestorsOf = (element: HTMLElement) => {
      const list: HTMLElement[] = [];
      for (let e = element.parentElement; e; e = e.parentElement) list.push(e);
      return list;
    };

    const rescue = () => {
      if (!focusDropped()) {
        lost = null;
        return;
      }
      if (!lost && last && !usable(last)) lost = { element: last, ancestors: ancestorsOf(last), at: performance.now() };
      if (!lost) return;
      const next = lost.element.dataset.focusNext;
      const preferred = [next ? document.getElementById(next) : null, lost.element].find(usable);
      // A control that is gone for good and names no successor has nothing to wait for.
      const waited = performance.now() - lost.at > TAKEOVER_MS || (!lost.element.isConnected && !next);
      const fallback = waited ? lost.ancestors.filter((a) => a.isConnected).map((a) => [...a.querySelectorAll(FOCUSABLE)].find(usable)).find(Boolean) : undefined;
      const target = preferred ?? fallback;
      if (target) {
        target.focus();
        lost = null;
      } else if (!waited) window.setTimeout(rescue, TAKEOVER_MS);
    };

    const observer = new MutationObserver(() => queueMicrotask(rescue));
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'class'] });
    document.addEventListener('focusin', remember);
    document.addEventListener('pointerdown', forget, true);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', remember);
      document.removeEventListener('pointerdown', forget, true);
    };
  }, []);
}
