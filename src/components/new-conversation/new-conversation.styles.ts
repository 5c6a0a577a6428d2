import { css } from 'lit';

export default css`
  :host {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    block-size: 100%;
  }

  h2 {
    flex: 1;
    margin: 0;
    font-size: 1.0625rem;
  }

  .form {
    display: flex;
    flex: 1;
    flex-direction: column;
    gap: 0.75rem;
    min-block-size: 0;
    padding: 0.75rem 1rem;
    overflow-y: auto;
  }

  fieldset {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0.5rem 0.75rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  legend {
    padding: 0 0.25rem;
    font-size: 0.875rem;
    font-weight: 600;
  }

  .option {
    display: grid;
    grid-template-columns: auto 1fr;
    grid-template-areas: 'radio label' '. hint';
    column-gap: 0.5rem;
    align-items: center;
  }

  .option .label {
    grid-area: label;
    cursor: pointer;
  }

  fieldset input {
    grid-area: radio;
    margin: 0;
    accent-color: var(--_primary);
  }

  .hint {
    grid-area: hint;
    color: var(--_muted);
    font-size: 0.8125rem;
  }

  .notes p,
  .errors p {
    margin: 0 0 0.375rem;
    font-size: 0.875rem;
  }

  .notes p {
    padding: 0.5rem 0.75rem;
    border-inline-start: 3px solid var(--_accent);
    background: var(--_hover);
  }

  .errors p {
    color: var(--_danger);
  }

  .form .errors p {
    padding: 0.5rem 0.75rem;
    border-inline-start: 3px solid currentColor;
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
  }

  .composer {
    padding: 0.5rem 0.75rem 0.75rem;
    border-block-start: 1px solid var(--_border);
  }

  .sent {
    padding: 1rem;
  }

  .sent p {
    margin: 0 0 0.75rem;
  }

  .primary {
    padding: 0.5rem 1rem;
    border: none;
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_primary-text);
    cursor: pointer;
  }

  .primary:hover {
    background: color-mix(in srgb, var(--_primary) 85%, black);
  }
`;
