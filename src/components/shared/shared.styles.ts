import { css } from 'lit';

/** Text for screen readers only. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * The theme every element reads. Hosts override the custom properties on
 * `im-messenger` (or any ancestor); the defaults follow the page's colour scheme.
 */
export const theme = css`
  :host {
    --_accent: var(--im-accent, #1a5fb4);
    --_accent-text: var(--im-accent-text, #fff);
    --_primary: var(--im-primary, #217a3c);
    --_primary-text: var(--im-primary-text, #fff);
    --_surface: var(--im-surface, Canvas);
    --_text: var(--im-text, CanvasText);
    --_muted: var(--im-muted, color-mix(in srgb, CanvasText 65%, Canvas));
    --_border: var(--im-border, color-mix(in srgb, CanvasText 20%, Canvas));
    /* The edge of a control (fields, outlined buttons): 3:1 against the surface (WCAG 1.4.11). */
    --_control-border: var(--im-control-border, color-mix(in srgb, CanvasText 55%, Canvas));
    --_hover: var(--im-hover, color-mix(in srgb, CanvasText 7%, Canvas));
    --_unread: var(--im-unread, #c8102e);
    /* Refusals and destructive actions. light-dark() follows the colour scheme Canvas follows
       (the page's), not the system's, so the red keeps its contrast on a light page in dark mode. */
    --_danger: var(--im-danger, light-dark(#c01c28, #ff7b72));
    --_link: var(--im-link, LinkText);
    /* 3:1 or more against every surface it is drawn on, light and dark (WCAG 1.4.11). */
    --_focus: var(--im-focus-ring, 2px solid light-dark(#1a5fb4, #8cb4ff));
    --_radius: var(--im-radius, 0.5rem);
    font-family: var(--im-font, system-ui, sans-serif);
    color: var(--_text);
  }

  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }

  button {
    font: inherit;
    color: inherit;
  }

  /* Forced colours drop backgrounds: buttons keep an edge, so they still look like buttons
     (important: each element's own button styles say border: none for the normal look). */
  @media (forced-colors: active) {
    button {
      border: 1px solid ButtonText !important;
    }
  }
`;

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
