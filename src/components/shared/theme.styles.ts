import { css } from 'lit';

// What the badge (im-messenger) needs of the shared styles, in a module of its own so the
// rest of shared.styles.ts loads with the panel's code, not before the badge's first paint.

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
    /* The edge of a control (fields, outlined buttons): 3:1 against the surface (WCAG 1.4.11). */
    --_control-border: var(--im-control-border, color-mix(in srgb, CanvasText 55%, Canvas));
    --_hover: var(--im-hover, color-mix(in srgb, CanvasText 7%, Canvas));
    --_unread: var(--im-unread, #c8102e);
    /* Refusals and destructive actions. light-dark() follows the colour scheme Canvas follows
       (the page's), not the system's, so the red keeps its contrast on a light page in dark mode. */
    --_danger: var(--im-danger, light-dark(#c01c28, #ff7b72));
    --_link: var(--im-link, LinkText);
    /* 3:1 or more against every surface it is drawn on, light and dark (WCAG 1.4.11). */
    --_focus: var(--im-focus-ring, 2px solid light-dark(#1a5fb4, #8cb4ff));
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

  /* Forced colours drop backgrounds: buttons keep an edge, so they still look like buttons
     (important: each element's own button styles say border: none for the normal look). */
  @media (forced-colors: active) {
    button {
      border: 1px solid ButtonText !important;
    }
  }
`;
