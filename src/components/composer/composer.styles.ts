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

  /* The emoji picker's popover, above its button: the picker draws its own frame. */
  .emoji {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: 0;
    border: none;
    background: transparent;
  }
`;
