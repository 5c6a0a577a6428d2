import { css } from 'lit';

/**
 * A modal <dialog> at the inline end, the full height of the window (the panel, the
 * settings sheet); the whole width on a phone. Each host sets --_sheet-width.
 */
export const sideSheet = css`
  dialog {
    position: fixed;
    inset-block: 0;
    inset-inline: auto 0;
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    inline-size: min(var(--_sheet-width), 100vw);
    max-inline-size: 100vw;
    block-size: 100dvh;
    max-block-size: 100dvh;
    margin: 0;
    padding: 0;
    border: none;
    border-inline-start: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 0 2rem rgb(0 0 0 / 0.25);
  }

  dialog:not([open]) {
    display: none;
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.2);
  }

  @media (max-width: 30rem) {
    dialog {
      inline-size: 100vw;
      border: none;
    }
  }

  header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.75rem 0.75rem 0.75rem 1rem;
    border-block-end: 1px solid var(--_border);
  }
`;
