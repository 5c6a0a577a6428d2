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
    grid-template-areas: 'avatar name time' 'avatar what what' 'avatar reason reason' 'avatar reporter reporter';
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

`;
