import { css } from 'lit';

export default css`
  :host {
    display: block;
  }

  label {
    display: block;
    margin-block-end: 0.25rem;
    font-size: 0.875rem;
    font-weight: 600;
  }

  .field {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem;
    padding: 0.25rem;
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .field:focus-within {
    outline: var(--_focus);
    outline-offset: 1px;
  }

  .chips {
    display: flex;
    flex: 1 1 100%;
    flex-wrap: wrap;
    gap: 0.25rem;
    max-block-size: 7.5rem;
    overflow-y: auto;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    max-inline-size: 100%;
    padding-inline-start: 0.5rem;
    border-radius: 1rem;
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    font-size: 0.875rem;
  }

  .chip-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .chip-count {
    color: var(--_muted);
  }

  .chip button {
    display: inline-grid;
    place-items: center;
    inline-size: 1.75rem;
    block-size: 1.75rem;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    cursor: pointer;
  }

  .chip button:hover {
    background: var(--_hover);
  }

  .chip svg {
    inline-size: 1rem;
    block-size: 1rem;
  }

  [part='input'] {
    flex: 1;
    min-inline-size: 8rem;
    box-sizing: border-box;
    block-size: 2rem;
    padding: 0 0.375rem;
    border: none;
    background: transparent;
    color: inherit;
    font: inherit;
  }

  [part='input']:focus {
    outline: none;
  }

  [part='listbox'] {
    position: fixed;
    inset: auto;
    box-sizing: border-box;
    margin: 0;
    padding: 0.25rem;
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.2);
    list-style: none;
  }

  [role='option'] {
    display: grid;
    grid-template-columns: auto 1fr;
    grid-template-areas: 'avatar name' 'avatar detail';
    column-gap: 0.625rem;
    align-items: center;
    padding: 0.375rem 0.5rem;
    border-radius: calc(var(--_radius) - 0.125rem);
    cursor: pointer;
  }

  [role='option']:hover {
    background: var(--_hover);
  }

  [role='option'].active {
    background: color-mix(in srgb, var(--_accent) 16%, var(--_surface));
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }

  im-avatar {
    grid-area: avatar;
    --im-avatar-size: 2rem;
  }

  .name {
    grid-area: name;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .detail {
    grid-area: detail;
    color: var(--_muted);
    font-size: 0.8125rem;
  }

  .disabled {
    color: var(--_danger);
  }
`;
