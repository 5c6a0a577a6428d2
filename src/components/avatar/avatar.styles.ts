import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
    flex: none;
    inline-size: var(--im-avatar-size, 2.5rem);
    block-size: var(--im-avatar-size, 2.5rem);
  }

  [part='avatar'] {
    display: grid;
    place-items: center;
    box-sizing: border-box;
    inline-size: 100%;
    block-size: 100%;
    border-radius: 50%;
    overflow: hidden;
    font: 600 calc(var(--im-avatar-size, 2.5rem) * 0.38) / 1 system-ui, sans-serif;
    color: #fff;
    background: var(--_bg, #5e5c64);
  }

  [part='avatar'].square {
    border-radius: 25%;
  }

  img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }

  svg {
    inline-size: 60%;
    block-size: 60%;
  }

  @media (forced-colors: active) {
    [part='avatar'] {
      border: 1px solid CanvasText;
    }
  }
`;
