import { css } from 'lit';

export default css`
  p {
    margin: 0 0 0.75rem;
  }

  label {
    display: block;
    margin-block-end: 0.25rem;
    font-weight: 600;
  }

  textarea,
  select {
    box-sizing: border-box;
    inline-size: 100%;
    margin-block-end: 0.75rem;
    padding: 0.5rem;
    border: 1px solid var(--_control-border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }

  textarea {
    min-block-size: 5rem;
    resize: vertical;
  }

  .buttons .confirm {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_primary-text);
  }

  .buttons .confirm.danger {
    border-color: #c01c28;
    background: #c01c28;
    color: #fff;
  }

  .field-error {
    margin: 0.25rem 0 0;
    color: var(--_danger);
    font-size: 0.875rem;
  }

  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
`;
