import { executeServerCommand } from '@web/test-runner-commands';

/** The names Chromium's accessibility tree gives every node of `role` (scripts/wtr-accessible-names.mjs). */
export const accessibleNames = (role: string) => executeServerCommand<string[], { role: string }>('im-accessible-names', { role });

/** The element that really has focus, looking through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Waits until `check` passes (for results that arrive through timers and transports).
 * Generous by default: CI machines are slow and busy, and a wrong result still fails.
 */
export async function until(check: () => boolean, what = 'condition', timeout = 6000) {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Visible text with white space folded. */
export const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

// "ResizeObserver loop completed with undelivered notifications" is the browser saying
// a resize was deferred to the next frame (the virtualizer measures its rows); it is
// not an error of ours, but mocha would fail whatever test is running.
window.addEventListener(
  'error',
  (event) => {
    if (String(event.message).includes('ResizeObserver loop')) {
      event.stopImmediatePropagation();
      event.preventDefault();
    }
  },
  true,
);

/** Role, name and description of the focused node in Chromium's accessibility tree: what a screen reader says on focus. */
export const focused = () => executeServerCommand<{ role: string; name: string; description: string } | null, Record<string, never>>('im-focused', {});

// What a messenger keeps across reloads (drafts, unsent messages) is kept per browser
// profile: each test starts with nothing kept by the one before.
beforeEach(async () => {
  const { indexedDbPersistence } = await import('../../src/state/persistence.js');
  await indexedDbPersistence()?.clear();
});
