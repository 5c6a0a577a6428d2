import { css } from 'lit';

/** The "⋯" button (`.menu-trigger`): im-menu's own, and the one a message renders for the shared menu of a feed. */
export const menuTrigger = css`
  .menu-trigger {
    display: inline-grid;
    place-items: center;
    inline-size: 2rem;
    block-size: 2rem;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: var(--_muted);
    cursor: pointer;
  }

  .menu-trigger:hover,
  .menu-trigger[aria-expanded='true'] {
    background: var(--_hover);
    color: var(--_text);
  }

  .menu-trigger svg {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }
`;

export default css`
  :host {
    display: inline-block;
  }

  [part='menu'] {
    position: fixed;
    inset: auto;
    margin: 0;
    min-inline-size: 11rem;
    padding: 0.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.2);
  }

  [role^='menuitem'] {
    display: block;
    inline-size: 100%;
    padding: 0.5rem 0.75rem;
    border: none;
    border-radius: calc(var(--_radius) / 2);
    background: transparent;
    text-align: start;
    cursor: pointer;
  }

  [role^='menuitem']:hover,
  [role^='menuitem']:focus {
    background: var(--_hover);
    outline: none;
  }

  [role^='menuitem']:focus-visible {
    outline: var(--_focus);
    outline-offset: -2px;
  }

  [role='menuitem'].danger {
    color: var(--_danger);
  }

  /* A row of toggles (the reactions): a symbol each, those on marked by a ring in the focus ring's colour (3:1 light and dark). */
  .row {
    display: flex;
    justify-content: space-between;
    padding-block-start: 0.25rem;
    margin-block-start: 0.25rem;
    border-block-start: 1px solid var(--_border);
  }

  .row [role='menuitemcheckbox'] {
    inline-size: auto;
    padding: 0.375rem;
    border: 2px solid transparent;
    border-radius: 50%;
    font-size: 1.25rem;
    line-height: 1;
  }

  .row [aria-checked='true'] {
    border: var(--_focus);
  }

  @media (forced-colors: active) {
    .row [aria-checked='true'] {
      border: 3px solid Highlight !important;
    }
  }
`;
