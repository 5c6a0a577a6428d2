import { css } from 'lit';

export default css`
  /* No color-scheme of its own: the panel follows the host page's (set
     color-scheme: light dark on the page, or on this element, to follow the system). */
  :host {
    display: inline-block;
  }
`;
