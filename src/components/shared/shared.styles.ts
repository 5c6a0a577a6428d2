import { css } from 'lit';

/** Text for screen readers only. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * The theme every element reads. Hosts override the custom properties on
 * `im-messenger` (or any ancestor); the defaults follow the page's colour scheme.
 */
export const theme = css`
  :host {
    --_accent: var(--im-accent, #1a5fb4);
    --_accent-text: var(--im-accent-text, #fff);
    --_primary: var(--im-primary, #217a3c);
    --_primary-text: var(--im-primary-text, #fff);
    --_surface: var(--im-surface, Canvas);
    --_text: var(--im-text, CanvasText);
    --_muted: var(--im-muted, color-mix(in srgb, CanvasText 65%, Canvas));
    --_border: var(--im-border, color-mix(in srgb, CanvasText 20%, Canvas));
    --_hover: var(--im-hover, color-mix(in srgb, CanvasText 7%, Canvas));
    --_unread: var(--im-unread, #c8102e);
    --_link: var(--im-link, LinkText);
    --_focus: var(--im-focus-ring, 2px solid #1a5fb4);
    --_radius: var(--im-radius, 0.5rem);
    font-family: var(--im-font, system-ui, sans-serif);
    color: var(--_text);
  }

  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }

  button {
    font: inherit;
    color: inherit;
  }
`;

/** The round icon-only button (close, back, settings, attach, send). */
export const iconButton = css`
  .icon-button {
    display: inline-grid;
    flex: none;
    place-items: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    cursor: pointer;
  }

  .icon-button:hover {
    background: var(--_hover);
  }

  .icon-button svg {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }
`;
