import { css } from 'lit';

export default css`
  :host {
    display: block;
    padding: 0.5rem 0.75rem 0.75rem;
    border-block-start: 1px solid var(--_border);
  }

  .mode {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-block-end: 0.375rem;
    padding: 0.25rem 0.5rem;
    border-inline-start: 3px solid var(--_accent);
    background: var(--_hover);
    font-size: 0.8125rem;
  }

  .mode span {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  /* The emoji picker: above its button, in the panel's colours (light, dark and forced alike). */
  .emoji {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: 0;
    border: none;
    background: transparent;
  }

  emoji-picker {
    color-scheme: inherit;
    block-size: min(22rem, 60dvh);
    max-inline-size: calc(100vw - 1rem);
    --num-columns: 7;
    --border-radius: var(--_radius);
    --background: var(--_surface);
    --border-color: var(--_control-border);
    --indicator-color: var(--_accent);
    --input-border-color: var(--_control-border);
    --input-font-color: var(--_text);
    --input-placeholder-color: var(--_muted);
    --outline-color: var(--_accent);
    --category-font-color: var(--_text);
    --button-active-background: var(--_hover);
    --button-hover-background: var(--_hover);
  }
`;
