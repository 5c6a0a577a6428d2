/**
 * What the stories' play functions use to find and check things as a person would: by role and
 * accessible name through every shadow root (shadow-dom-testing-library's queries), and where
 * focus is. Their waits are long enough for a busy test machine.
 */
import { expect, waitFor, type UserEventObject } from 'storybook/test';
import { configure, deepQuerySelectorAll, screen, within } from 'shadow-dom-testing-library';

configure({ asyncUtilTimeout: 5000 });

export { within };

/** The focused element, inside shadow roots too. */
function focused(): Element | null {
  let at = document.activeElement;
  while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
  return at;
}

/** Waits until focus is on the element `find` finds (Storybook's own `waitFor` gives up after a second). */
export async function expectFocused(find: () => Element) {
  await waitFor(() => expect(focused()).toBe(find()), { timeout: 5000 });
}

/** Waits until focus is on the element of that role and name. */
export const expectFocusOn = (role: string, name: string | RegExp) => expectFocused(() => screen.getByShadowRole(role, { name }));

/** Waits until nothing in `canvasElement` is still loading (the elements mark what loads `aria-busy`). */
export async function expectLoaded(canvasElement: HTMLElement) {
  await waitFor(() => expect(deepQuerySelectorAll(canvasElement, '[aria-busy="true"]')).toHaveLength(0), { timeout: 5000 });
}

/**
 * Types into an empty field as a person would. user-event keeps its own copy of what a field
 * holds, and does not see an element in a shadow root empty it (a chosen recipient clears the
 * search): what it may still hold is selected, so the typing replaces it.
 */
export async function typeInto(userEvent: UserEventObject, field: HTMLElement, text: string) {
  await userEvent.type(field, text, { initialSelectionStart: 0, initialSelectionEnd: Number.MAX_SAFE_INTEGER });
}
