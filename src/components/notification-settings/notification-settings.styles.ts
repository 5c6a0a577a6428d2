import { css } from 'lit';

export default css`
  :host {
    display: block;
    padding: 0.75rem 1rem;
    border-block-end: 1px solid var(--_border);
  }

  :host([hidden]) {
    display: none;
  }

  h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }

  label {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    padding-block: 0.25rem;
  }

  input {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0.125rem 0 0;
    accent-color: var(--_primary);
    flex: none;
  }

  .hint {
    margin: 0 0 0.25rem 1.625rem;
    color: var(--_muted);
    font-size: 0.875rem;
  }

  .hint button {
    margin-inline-start: 0.25rem;
  }
`;
