import { css } from 'lit';

export default css`
  :host {
    --_sheet-width: var(--im-panel-width, 26rem);
    display: contents;
  }

  /* Closing: unseen and out of the way, but still in the accessibility tree for a moment (see handOverFocus). */
  :host([closing]) dialog {
    opacity: 0;
    pointer-events: none;
  }

  /* The dialog holds focus only for a moment as it opens (for its name to be said): no ring. */
  dialog:focus-visible {
    outline: none;
  }

  dialog {
    transition:
      translate 0.2s ease-out,
      display 0.2s allow-discrete,
      overlay 0.2s allow-discrete;
    translate: 0 0;
  }

  @starting-style {
    dialog[open] {
      translate: 100% 0;
    }
  }

  :host(:dir(rtl)) dialog {
    @starting-style {
      translate: -100% 0;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    dialog {
      transition: none;
    }
  }

  h2 {
    flex: 1;
    margin: 0;
    font-size: 1.25rem;
  }

  .connection,
  .search-status {
    margin: 0;
  }

  .connection:not(:empty) {
    padding: 0.5rem 1rem;
    background: color-mix(in srgb, #f6d32d 35%, var(--_surface));
    font-size: 0.875rem;
  }

  .home {
    display: flex;
    flex: 1;
    flex-direction: column;
    min-block-size: 0;
  }

  .home[hidden] {
    display: none;
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
  }


  [part='new-message'] svg {
    inline-size: 1rem;
    block-size: 1rem;
  }

  .secondary {
    padding: 0.5rem 0.875rem;
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: transparent;
    cursor: pointer;
  }

  .search-field {
    flex: 1 1 10rem;
  }

  .search-status:not(:empty) {
    padding: 0 1rem 0.5rem;
    color: var(--_muted);
    font-size: 0.875rem;
  }

  .list-header {
    display: flex;
    justify-content: flex-end;
    padding: 0 1rem 0.5rem;
  }

  [part='mark-all-read'] {
    padding: 0.25rem 0.625rem;
    font-size: 0.875rem;
  }

  [part='mark-all-read'][aria-disabled='true'] {
    border-style: dashed;
    color: var(--_muted);
    cursor: default;
  }

  @media (forced-colors: active) {
    [part='mark-all-read'][aria-disabled='true'] {
      color: GrayText;
    }
  }

  im-conversation-list {
    flex: 1;
  }

  ::slotted([slot='view']) {
    flex: 1;
    min-block-size: 0;
  }

  .messaging-off {
    margin: 0 1rem 0.5rem;
    color: var(--_muted);
    font-size: 0.875rem;
  }
`;
