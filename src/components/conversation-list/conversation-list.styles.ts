import { css } from 'lit';

export default css`
  :host {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
  }

  lit-virtualizer {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }

  /* The virtualizer places conversations absolutely; each still spans the whole width. */
  lit-virtualizer > * {
    box-sizing: border-box;
  }

  [part='item'] {
    grid-template-areas: 'avatar name time' 'avatar preview badge';
  }

  [part='item'][aria-current='true'] {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
  }

  im-avatar {
    grid-area: avatar;
  }

  /* In the name's own direction (dir="auto"), so a long one is cut at its end on a page of the
     other direction too; placed as the row's direction places it while it fits. */
  .name {
    grid-area: name;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    text-align: match-parent;
  }

  .unread .name,
  .unread .preview {
    font-weight: 700;
  }

  time {
    grid-area: time;
    color: var(--_muted);
    font-size: 0.8125rem;
  }

  .preview {
    grid-area: preview;
    overflow: hidden;
    color: var(--_muted);
    font-size: 0.875rem;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .unread .preview {
    color: var(--_text);
  }

  .marks {
    grid-area: badge;
    display: flex;
    gap: 0.375rem;
    align-items: center;
    justify-self: end;
  }

  [part='muted-icon'],
  [part='pinned-icon'] {
    inline-size: 1rem;
    block-size: 1rem;
    color: var(--_muted);
  }

  [part='badge'] {
    min-inline-size: 1.25rem;
    padding: 0 0.375rem;
    border-radius: 0.625rem;
    background: var(--_unread);
    color: #fff;
    font-size: 0.75rem;
    font-weight: 700;
    line-height: 1.25rem;
    text-align: center;
  }

  .state {
    margin-inline-start: 0.5rem;
    padding: 0 0.375rem;
    border: 1px solid currentColor;
    border-radius: 0.25rem;
    color: var(--_muted);
    font-size: 0.75rem;
    font-weight: 400;
  }


  @media (forced-colors: active) {
    [part='badge'] {
      border: 1px solid CanvasText;
    }

    [part='item'][aria-current='true'] {
      border-inline-start: 4px solid Highlight;
    }
  }

  mark {
    background: color-mix(in srgb, #f6d32d 60%, transparent);
    color: inherit;
  }
`;
