/**
 * What the stories' play functions use to find and check things as a person would: by role and
 * accessible name through every shadow root (shadow-dom-testing-library's queries), and where
 * focus is. Their waits are long enough for a busy test machine.
 */
import { expect, waitFor, type UserEventObject } from 'storybook/test';
import { configure, screen, within } from 'shadow-dom-testing-library';

configure({ asyncUtilTimeout: 5000 });

export { within };

/** The focused element, inside shadow roots too. */
function focused(): Element | null {
  let at = document.activeElement;
  while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
  return at;
}

/** Waits until focus is on the element of that role and name (Storybook's own `waitFor` gives up after a second). */
export async function expectFocusOn(role: string, name: string | RegExp) {
  await waitFor(() => expect(focused()).toBe(screen.getByShadowRole(role, { name })), { timeout: 5000 });
}

/**
 * Types into an empty field as a person would. user-event keeps its own copy of what a field
 * holds, and does not see an element in a shadow root empty it (a chosen recipient clears the
 * search): what it may still hold is selected, so the typing replaces it.
 */
export async function typeInto(userEvent: UserEventObject, field: HTMLElement, text: string) {
  await userEvent.type(field, text, { initialSelectionStart: 0, initialSelectionEnd: Number.MAX_SAFE_INTEGER });
}
