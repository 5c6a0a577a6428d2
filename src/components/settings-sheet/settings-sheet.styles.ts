import { css } from 'lit';

export default css`
  :host {
    --_sheet-width: var(--im-sheet-width, 26rem);
    display: contents;
  }

  .titles {
    flex: 1;
    min-inline-size: 0;
  }

  h2 {
    margin: 0;
    font-size: 1.25rem;
  }

  .subtitle {
    margin: 0;
    overflow: hidden;
    color: var(--_muted);
    font-size: 0.875rem;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .body {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }


  h4 {
    margin: 0.75rem 0 0.25rem;
    font-size: 0.875rem;
  }

  p {
    margin: 0 0 0.5rem;
  }


  .muted,
  .count,
  .status,
  .detail,
  time {
    color: var(--_muted);
    font-size: 0.875rem;
  }

  .status:empty {
    display: none;
  }

  .search-field {
    margin-block-end: 0.5rem;
  }

  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .hit {
    display: grid;
    grid-template-columns: 1fr auto;
    grid-template-areas: 'sender time' 'snippet snippet';
    gap: 0.125rem 0.5rem;
    inline-size: 100%;
    padding: 0.5rem;
    border: none;
    border-radius: calc(var(--_radius) / 2);
    background: transparent;
    text-align: start;
    cursor: pointer;
  }

  .hit:hover {
    background: var(--_hover);
  }

  .hit .sender {
    grid-area: sender;
    font-weight: 600;
  }

  .hit time {
    grid-area: time;
  }

  .hit .snippet {
    grid-area: snippet;
    font-size: 0.875rem;
  }

  mark {
    background: color-mix(in srgb, #f6d32d 60%, transparent);
    color: inherit;
  }

  .actions {
    padding: 0.5rem;
    border-block-end: 1px solid var(--_border);
  }

  [part='option'] {
    display: block;
    box-sizing: border-box;
    inline-size: 100%;
    padding: 0.625rem 0.5rem;
    border: none;
    border-radius: calc(var(--_radius) / 2);
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    text-decoration: none;
    cursor: pointer;
  }

  a[part='option'] {
    color: var(--_link);
    text-decoration: underline;
  }

  [part='option']:hover {
    background: var(--_hover);
  }

  [part='option'].danger {
    color: var(--_danger);
  }

  /* A toggle shows its state as a switch beside its label, drawn with borders so forced colours keep it. */
  [part='option'].toggle {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }

  .switch {
    flex: none;
    position: relative;
    box-sizing: border-box;
    inline-size: 2.25rem;
    block-size: 1.25rem;
    border: 2px solid var(--_control-border);
    border-radius: 0.625rem;
  }

  .switch::after {
    content: '';
    position: absolute;
    inset-block-start: 2px;
    inset-inline-start: 2px;
    inline-size: 0.75rem;
    block-size: 0.75rem;
    border-radius: 50%;
    background: var(--_control-border);
  }

  [aria-pressed='true'] .switch {
    border-color: var(--_accent);
    background: var(--_accent);
  }

  [aria-pressed='true'] .switch::after {
    inset-inline-start: auto;
    inset-inline-end: 2px;
    background: var(--_accent-text);
  }

  @media (forced-colors: active) {
    [aria-pressed='true'] .switch {
      border-color: Highlight;
      background: Highlight;
    }
    .switch::after {
      background: ButtonText;
    }
    [aria-pressed='true'] .switch::after {
      background: HighlightText;
    }
  }

  .name {
    overflow-wrap: anywhere;
  }

  .shared li {
    display: flex;
    flex-direction: column;
    padding-block: 0.25rem;
  }
`;
