import { css } from 'lit';

export default css`
  :host {
    position: relative;
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    block-size: 100%;
  }

  .titles {
    flex: 1;
    min-inline-size: 0;
  }

  h2 {
    margin: 0;
    overflow: hidden;
    font-size: 1.0625rem;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .subtitle {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125rem;
  }

  lit-virtualizer {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    /* The virtualizer keeps the reader's place itself; the browser's scroll anchoring would fight it. */
    overflow-anchor: none;
  }

  /* The virtualizer places rows absolutely; each still spans the whole width. */
  lit-virtualizer > * {
    box-sizing: border-box;
    inline-size: 100%;
  }

  .day,
  .unread-marker,
  .start,
  .loading {
    box-sizing: border-box;
    inline-size: 100%;
    margin: 0;
    padding: 0.5rem 1rem;
    color: var(--_muted);
    font-size: 0.75rem;
    text-align: center;
  }

  .day span {
    padding: 0.125rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: 1rem;
  }

  .unread-marker {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    /* The badges' red is drawn under white text; as text on a dark page it needs lightening for 4.5:1. */
    color: light-dark(var(--_unread), color-mix(in srgb, var(--_unread) 45%, white));
    font-weight: 700;
  }

  .unread-marker::before,
  .unread-marker::after {
    flex: 1;
    border-block-start: 1px solid currentColor;
    content: '';
  }

  .note {
    margin: 0;
    padding: 0.75rem 1rem;
    border-block-start: 1px solid var(--_border);
    color: var(--_muted);
    text-align: center;
  }

  [part='new-messages'] {
    position: absolute;
    inset-block-end: 5rem;
    inset-inline-start: 50%;
    translate: -50% 0;
    padding: 0.375rem 0.875rem;
    border: none;
    border-radius: 1rem;
    background: var(--_accent);
    color: var(--_accent-text);
    box-shadow: 0 0.125rem 0.5rem rgb(0 0 0 / 0.25);
    cursor: pointer;
  }

`;
