import { css } from 'lit';

export default css`
  :host {
    display: block;
  }

  section {
    padding: 0.75rem 1rem;
    border-block-end: 1px solid var(--_border);
  }

  h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }

  h3:focus {
    outline: none;
  }

  h3:focus-visible {
    outline: var(--_focus);
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

  .error:empty {
    display: none;
  }

  .error {
    padding: 0.5rem;
    background: color-mix(in srgb, var(--_danger) 12%, var(--_surface));
    font-size: 0.875rem;
  }

  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  [part='person'] {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    padding-block: 0.375rem;
  }

  .who {
    display: flex;
    flex: 1;
    flex-direction: column;
    min-inline-size: 0;
  }

  .name {
    overflow-wrap: anywhere;
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

  .add-button {
    padding: 0.375rem 0.875rem;
    border: none;
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_primary-text);
    font-weight: 600;
    cursor: pointer;
  }

  .add-button:disabled {
    opacity: 0.6;
    cursor: default;
  }

  .add-button:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
`;
