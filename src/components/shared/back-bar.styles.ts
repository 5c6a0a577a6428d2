import { css } from 'lit';

/**
 * The bar on top of a view inside the panel (a conversation, a new message, the
 * reports): the Back button first, its arrow turned for right-to-left.
 */
export const backBar = css`
  .bar {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.5rem 0.5rem 0.25rem;
    border-block-end: 1px solid var(--_border);
  }

  :host(:dir(rtl)) .back svg {
    transform: scaleX(-1);
  }
`;
