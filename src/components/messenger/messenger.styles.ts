import { css } from 'lit';

export default css`
  /* No color-scheme of its own: the panel follows the host page's (set
     color-scheme: light dark on the page, or on this element, to follow the system). */
  :host {
    display: inline-block;
  }
  /* A host hides it the usual way (the page's user is not signed in yet). */
  :host([hidden]) {
    display: none;
  }
  /* Where the panel would have opened, when its code could not be loaded. */
  .load-failed {
    position: fixed;
    inset-block-end: 5rem;
    inset-inline-end: 1rem;
    max-inline-size: min(20rem, calc(100vw - 2rem));
    padding: 0.75rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .load-failed p {
    margin: 0 0 0.5rem;
  }
  .load-failed button {
    font: inherit;
    min-block-size: 2.75rem;
  }
`;
