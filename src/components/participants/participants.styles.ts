import { css } from 'lit';

export default css`
  :host {
    display: block;
  }


  p {
    margin: 0 0 0.5rem;
  }

  .muted,
  .count,
  .detail {
    color: var(--_muted);
    font-size: 0.875rem;
  }


  .add {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5rem;
    margin-block-end: 0.75rem;
  }

  .add im-recipient-field {
    align-self: stretch;
  }

  .primary-button:disabled {
    opacity: 0.6;
    cursor: default;
  }

  .primary-button:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
`;
