import { css } from 'lit';

// The part the badge loads too, in theme.styles.ts; here as well for the panel's elements.
export { theme, visuallyHidden } from './theme.styles.js';

/** The round icon-only button (close, back, settings, attach, send). */
export const iconButton = css`
  .icon-button {
    display: inline-grid;
    flex: none;
    place-items: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    cursor: pointer;
  }

  .icon-button:hover {
    background: var(--_hover);
  }

  .icon-button svg {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }
`;

/** Writing a message: the text field and Send, the file list, the refusals (composer and new-message form). */
export const writing = css`
  .row {
    display: flex;
    align-items: flex-end;
    gap: 0.375rem;
  }

  textarea {
    flex: 1;
    box-sizing: border-box;
    min-block-size: 2.5rem;
    max-block-size: 10rem;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
    resize: none;
    field-sizing: content;
  }

  [part='send'] {
    background: var(--_primary);
    color: var(--_primary-text);
  }

  [part='send']:hover {
    background: color-mix(in srgb, var(--_primary) 85%, black);
  }

  [part='send']:disabled {
    background: var(--_border);
    color: var(--_muted);
    cursor: not-allowed;
  }

  :host(:dir(rtl)) [part='send'] svg {
    transform: scaleX(-1);
  }

  ul.files {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    margin: 0 0 0.375rem;
    padding: 0;
    list-style: none;
  }

  .file {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    max-inline-size: 100%;
    padding: 0.125rem 0.125rem 0.125rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-size: 0.8125rem;
  }

  .file .name {
    max-inline-size: 12rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .file progress {
    inline-size: 4rem;
  }

  .file .icon-button {
    inline-size: 1.75rem;
    block-size: 1.75rem;
  }

  .errors p {
    margin: 0 0 0.375rem;
    color: var(--_danger);
    font-size: 0.8125rem;
  }

  input[type='file'] {
    display: none;
  }
`;


/** An alert line for errors: takes no room while empty. */
export const errorLine = css`
  .error {
    margin: 0;
  }

  .error:not(:empty) {
    padding: 0.5rem 1rem;
    background: color-mix(in srgb, var(--_danger) 12%, var(--_surface));
    font-size: 0.875rem;
  }
`;

/** The one primary action of a view: "New message", "Add participants". */
export const primaryButton = css`
  .primary-button {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0.5rem 0.875rem;
    border: none;
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_primary-text);
    font-weight: 600;
    cursor: pointer;
  }
`;

/** A small button beside text, outlined: "Allow in this browser", "Remove your 👍", "Try again". Its background is ours, not the browser's own (WebKitGTK's grey is too dark for muted text). */
export const outlinedButton = css`
  .outlined-button {
    padding: 0.125rem 0.5rem;
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
`;

/** A row of a list that opens something (conversations, reports), and the message shown instead of the list. Each list lays out its grid areas. */
export const itemRow = css`
  [part='item'] {
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: 0.125rem 0.75rem;
    align-items: center;
    inline-size: 100%;
    padding: 0.625rem 1rem;
    border: none;
    border-block-end: 1px solid var(--_border);
    background: transparent;
    text-align: start;
    cursor: pointer;
  }

  [part='item']:hover {
    background: var(--_hover);
  }

  [part='item']:focus-visible {
    outline-offset: -3px;
  }

  /* Instead of the list: loading, empty, failed (with its button). */
  .message {
    margin: 0;
    padding: 1.5rem 1rem;
    color: var(--_muted);
    text-align: center;
  }

  .message button {
    margin-block-start: 0.5rem;
  }
`;

/** A titled section of a side sheet (settings: search, participants, relationship). */
export const sheetSection = css`
  section {
    padding: 0.75rem 1rem;
    border-block-end: 1px solid var(--_border);
  }

  h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }
`;

/** Headings that take focus to say where the reader is: no ring for a click or a script, the ring for the keyboard. */
export const headingFocus = css`
  h2:focus,
  h3:focus {
    outline: none;
  }

  h2:focus-visible,
  h3:focus-visible {
    outline: var(--_focus);
  }
`;

/** A modal dialog's box over the dimmed page, its title and its row of buttons (im-dialog, im-seen-by). */
export const dialogBox = css`
  dialog {
    box-sizing: border-box;
    inline-size: min(24rem, calc(100vw - 2rem));
    padding: 1.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.3);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.3);
  }

  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.125rem;
  }

  .buttons {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
  }

  .buttons button {
    padding: 0.5rem 1rem;
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: transparent;
    cursor: pointer;
  }
`;

/** A list of people (participants, who has seen a message): each an avatar, then the name over a line of detail. */
export const personList = css`
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  [part='person'] {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    padding-block: 0.375rem;
  }

  .who {
    display: flex;
    flex: 1;
    flex-direction: column;
    min-inline-size: 0;
  }

  .name {
    overflow-wrap: anywhere;
  }
`;
