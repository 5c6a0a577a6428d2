import { css } from 'lit';

export default css`
  dialog {
    box-sizing: border-box;
    inline-size: min(24rem, calc(100vw - 2rem));
    max-block-size: min(36rem, calc(100dvh - 2rem));
    padding: 1.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.3);
  }

  dialog[open] {
    display: flex;
    flex-direction: column;
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.3);
  }

  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.125rem;
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

  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  [part='person'] {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    padding-block: 0.25rem;
  }

  im-avatar {
    --im-avatar-size: 1.75rem;
    flex: none;
  }

  .who {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }

  .name {
    overflow-wrap: anywhere;
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
    display: flex;
    justify-content: flex-end;
    margin-block-start: 0.75rem;
  }

  .buttons button {
    padding: 0.5rem 1rem;
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: transparent;
    cursor: pointer;
  }
`;
