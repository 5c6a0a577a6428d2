import { css } from 'lit';

export default css`
  /* Defaults as fallbacks, never declared on :host: a host's --im-* set on im-messenger or above must reach here. */
  :host {
    display: inline-block;
  }

  button {
    position: relative;
    display: inline-grid;
    place-items: center;
    inline-size: var(--im-bubble-size, 2.5rem);
    block-size: var(--im-bubble-size, 2.5rem);
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: var(--im-bubble-color, currentColor);
    cursor: pointer;
  }

  button:hover {
    background: color-mix(in srgb, currentColor 10%, transparent);
  }

  button:focus-visible {
    outline: var(--im-focus-ring, 2px solid light-dark(#1a5fb4, #8cb4ff));
    outline-offset: 2px;
  }

  svg {
    inline-size: 60%;
    block-size: 60%;
  }

  [part='badge'] {
    position: absolute;
    inset-block-start: 0;
    inset-inline-end: 0;
    min-inline-size: 1.25em;
    padding: 0 0.3em;
    border-radius: 0.625em;
    /* A ring keeps the badge apart from any background, not by colour alone. */
    box-shadow: 0 0 0 2px Canvas;
    background: var(--im-badge-background, #c8102e);
    color: var(--im-badge-color, #fff);
    font: 700 0.7rem/1.25em system-ui, sans-serif;
    text-align: center;
  }

  @media (forced-colors: active) {
    [part='badge'] {
      border: 1px solid CanvasText;
    }
  }
`;
