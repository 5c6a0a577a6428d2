import { css } from 'lit';

export default css`
  :host {
    --im-panel-width: 24rem;
    --im-surface: Canvas;
    --im-text: CanvasText;
    --im-border: color-mix(in srgb, CanvasText 20%, transparent);
    --im-focus-ring: 2px solid #1a5fb4;
    display: contents;
    color-scheme: light dark;
  }

  [part='panel'] {
    position: fixed;
    inset-block: 0;
    inset-inline-end: 0;
    z-index: 1000;
    box-sizing: border-box;
    inline-size: min(var(--im-panel-width), 100vw);
    padding: 1rem;
    border-inline-start: 1px solid var(--im-border);
    background: var(--im-surface);
    color: var(--im-text);
    font: 1rem/1.4 system-ui, sans-serif;
    box-shadow: 0 0 1.5rem rgb(0 0 0 / 0.2);
  }

  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }

  h2 {
    margin: 0;
    font-size: 1.25rem;
  }

  button:focus-visible,
  h2:focus-visible {
    outline: var(--im-focus-ring);
    outline-offset: 2px;
  }
`;
