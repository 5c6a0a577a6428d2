import { css } from 'lit';

export default css`
  :host {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
  }

  h2 {
    flex: 1;
    margin: 0;
    font-size: 1.0625rem;
  }

  h2:focus {
    outline: none;
  }

  h2:focus-visible {
    outline: var(--_focus);
  }

  ul {
    flex: 1;
    min-block-size: 0;
    margin: 0;
    padding: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    list-style: none;
  }

  [part='item'] {
    display: grid;
    grid-template-columns: auto 1fr auto;
    grid-template-areas: 'avatar name time' 'avatar what what' 'avatar reason reason' 'avatar reporter reporter';
    gap: 0.125rem 0.75rem;
    align-items: center;
    inline-size: 100%;
    padding: 0.625rem 1rem;
    border: none;
    border-block-end: 1px solid var(--_border);
    background: transparent;
    text-align: start;
    cursor: pointer;
  }

  [part='item']:hover {
    background: var(--_hover);
  }

  [part='item']:focus-visible {
    outline-offset: -3px;
  }

  im-avatar {
    grid-area: avatar;
    align-self: start;
  }

  .name {
    grid-area: name;
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .kind {
    color: var(--_muted);
    font-weight: 400;
  }

  time {
    grid-area: time;
    color: var(--_muted);
    font-size: 0.8125rem;
  }

  .what {
    grid-area: what;
    font-size: 0.875rem;
  }

  .reason {
    grid-area: reason;
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }

  .reporter {
    grid-area: reporter;
    color: var(--_muted);
    font-size: 0.875rem;
  }

  .message {
    margin: 0;
    padding: 1.5rem 1rem;
    color: var(--_muted);
    text-align: center;
  }

  .message button {
    margin-block-start: 0.5rem;
  }
`;
