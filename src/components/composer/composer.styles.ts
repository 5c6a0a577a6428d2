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

  .row {
    display: flex;
    align-items: flex-end;
    gap: 0.375rem;
  }

  textarea {
    flex: 1;
    box-sizing: border-box;
    min-block-size: 2.5rem;
    max-block-size: 10rem;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
    resize: none;
    field-sizing: content;
  }

  [part='send'] {
    background: var(--_primary);
    color: var(--_primary-text);
  }

  [part='send']:hover {
    background: color-mix(in srgb, var(--_primary) 85%, black);
  }

  [part='send']:disabled {
    background: var(--_border);
    color: var(--_muted);
    cursor: not-allowed;
  }

  :host(:dir(rtl)) [part='send'] svg {
    transform: scaleX(-1);
  }

  ul.files {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    margin: 0 0 0.375rem;
    padding: 0;
    list-style: none;
  }

  .file {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    max-inline-size: 100%;
    padding: 0.125rem 0.125rem 0.125rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-size: 0.8125rem;
  }

  .file .name {
    max-inline-size: 12rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .file progress {
    inline-size: 4rem;
  }

  .file .icon-button {
    inline-size: 1.75rem;
    block-size: 1.75rem;
  }

  .errors p {
    margin: 0 0 0.375rem;
    color: #c01c28;
    font-size: 0.8125rem;
  }

  @media (prefers-color-scheme: dark) {
    .errors p {
      color: #ff7b72;
    }
  }

  input[type='file'] {
    display: none;
  }
`;
