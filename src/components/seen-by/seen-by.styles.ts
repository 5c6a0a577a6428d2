import { css } from 'lit';

export default css`
  dialog {
    max-block-size: min(36rem, calc(100dvh - 2rem));
  }

  dialog[open] {
    display: flex;
    flex-direction: column;
  }

  /* The lists scroll; the heading and Close stay in view. */
  .people {
    flex: 1;
    min-block-size: 0;
    overflow: auto;
    margin-inline: -0.25rem;
    padding-inline: 0.25rem;
  }

  .people:focus-visible {
    outline: var(--_focus);
    outline-offset: 0;
  }

  h3 {
    margin: 0.5rem 0 0.25rem;
    font-size: 0.875rem;
  }

  [part='person'] {
    padding-block: 0.25rem;
  }

  im-avatar {
    --im-avatar-size: 1.75rem;
    flex: none;
  }

  .detail,
  .muted {
    color: var(--_muted);
    font-size: 0.8125rem;
  }

  p {
    margin: 0 0 0.5rem;
  }

  .buttons {
    margin-block-start: 0.75rem;
  }
`;
