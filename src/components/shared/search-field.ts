import { css } from 'lit';

/**
 * A search box: `<div class="search-field">`, the magnifier icon, then the input
 * without a frame of its own, so the box shows focus around both.
 */
export const searchField = css`
  .search-field {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    padding-inline: 0.5rem;
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
  }

  .search-field:focus-within {
    outline: var(--_focus);
  }

  .search-field svg {
    flex: none;
    inline-size: 1rem;
    block-size: 1rem;
    color: var(--_muted);
  }

  .search-field input {
    flex: 1;
    min-inline-size: 0;
    padding: 0.5rem 0;
    border: none;
    background: transparent;
    color: inherit;
    font: inherit;
  }

  .search-field input:focus {
    outline: none;
  }
`;
