import { css, unsafeCSS } from 'lit';
import { palette } from './person-avatar.js';

/**
 * The circle of an avatar (`.avatar`; `.square` for courses and projects), sized by
 * `--im-avatar-size`: `im-avatar`'s, and the template's (person-avatar.ts) in the elements
 * that render it, whose `.colour-N` classes give initials their background.
 */
export const avatarCircle = css`
  .avatar {
    display: grid;
    flex: none;
    place-items: center;
    box-sizing: border-box;
    inline-size: var(--im-avatar-size, 2.5rem);
    block-size: var(--im-avatar-size, 2.5rem);
    border-radius: 50%;
    overflow: hidden;
    font: 600 calc(var(--im-avatar-size, 2.5rem) * 0.38) / 1 system-ui, sans-serif;
    color: #fff;
    background: var(--_bg, #5e5c64);
  }

  .avatar.square {
    border-radius: 25%;
  }

  .avatar img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }

  .avatar svg {
    inline-size: 60%;
    block-size: 60%;
  }

  ${unsafeCSS(palette.map((colour, i) => `.avatar.colour-${i} { --_bg: ${colour}; }`).join('\n'))}

  @media (forced-colors: active) {
    .avatar {
      border: 1px solid CanvasText;
    }
  }
`;

export default [
  css`
    :host {
      display: inline-block;
      flex: none;
      inline-size: var(--im-avatar-size, 2.5rem);
      block-size: var(--im-avatar-size, 2.5rem);
    }
  `,
  avatarCircle,
];
