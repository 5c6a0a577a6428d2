import { css, unsafeCSS } from 'lit';
import { emojiFonts } from './emoji-support.js';

const fonts = unsafeCSS(emojiFonts);

export default css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    box-sizing: border-box;
    inline-size: 20rem;
    max-inline-size: calc(100vw - 1rem);
    block-size: min(24rem, 70dvh);
    padding: 0.5rem;
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
  }

  .tabs {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: 1fr;
    border-block-end: 1px solid var(--_border);
  }

  [role='tab'] {
    padding: 0.25rem 0;
    border: none;
    border-block-end: 2px solid transparent;
    background: transparent;
    font-family: ${fonts};
    font-size: 1.125rem;
    line-height: 1.5;
    cursor: pointer;
  }

  /* The chosen tab: marked in the focus ring's colour (3:1 on the surface, light and dark). */
  [role='tab'][aria-selected='true'] {
    border-block-end: var(--_focus);
  }

  [role='tab']:hover,
  [role='option']:hover {
    background: var(--_hover);
  }

  [role='tab']:focus-visible,
  [role='option']:focus-visible,
  [role='option'].active {
    outline: var(--_focus);
    outline-offset: -2px;
  }

  .panel {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
  }

  [role='listbox'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(2.25rem, 1fr));
  }

  [role='option'] {
    aspect-ratio: 1;
    overflow: hidden;
    padding: 0;
    border: none;
    border-radius: 0.375rem;
    background: transparent;
    font-family: ${fonts};
    font-size: 1.5rem;
    line-height: 1;
    cursor: pointer;
  }

  .message {
    margin: 0;
    padding: 1.5rem 1rem;
    color: var(--_muted);
    text-align: center;
  }

  .tone {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-size: 0.875rem;
  }

  .tone select {
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }

  /* Forced colours: the theme gives every button an edge; the chosen tab keeps a thicker one. */
  @media (forced-colors: active) {
    [role='tab'][aria-selected='true'] {
      border-block-end: 3px solid Highlight !important;
    }
  }
`;
