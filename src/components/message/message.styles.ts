import { css } from 'lit';

export default css`
  :host {
    display: block;
    padding: 0.25rem 1rem;
  }

  :host([compact]) {
    padding-block-start: 0;
  }

  :host(:focus-visible) {
    outline: var(--_focus);
    outline-offset: -2px;
  }

  [part='message'] {
    display: grid;
    grid-template-columns: 2.25rem 1fr auto;
    gap: 0 0.625rem;
    align-items: start;
    border-radius: var(--_radius);
  }

  :host([highlighted]) [part='message'] {
    outline: 2px solid #e5a50a;
    outline-offset: 2px;
  }

  im-avatar {
    --im-avatar-size: 2.25rem;
    grid-row: span 2;
  }

  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5rem;
    font-size: 0.875rem;
  }

  .sender {
    font-weight: 700;
  }

  time,
  .edited {
    margin: 0;
    color: var(--_muted);
    font-size: 0.75rem;
  }

  .body {
    display: flex;
    flex-direction: column;
    grid-column: 2;
    min-inline-size: 0;
  }

  /* A quoted reply is read after the text and files, but shown above them. */
  .body > header {
    order: -2;
  }

  .quote {
    order: -1;
  }

  .text {
    margin: 0.125rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  /* A platform message's formatted text: paragraphs and lists spaced as in a letter, not a page. */
  .formatted {
    margin: 0.125rem 0 0;
    overflow-wrap: anywhere;
  }

  .formatted :is(p, ul, ol) {
    margin: 0 0 0.5rem;
  }

  .formatted :is(ul, ol) {
    padding-inline-start: 1.5rem;
  }

  .formatted :is(ul, ol) :is(ul, ol) {
    margin-block-end: 0;
  }

  .formatted > :last-child {
    margin-block-end: 0;
  }

  a {
    color: var(--_link);
  }

  .gone {
    margin: 0.125rem 0 0;
    color: var(--_muted);
    font-style: italic;
  }

  .quote,
  .shared {
    display: block;
    box-sizing: border-box;
    inline-size: 100%;
    margin: 0.25rem 0;
    padding: 0.25rem 0.5rem;
    border: none;
    border-inline-start: 3px solid var(--_border);
    border-radius: 0 0.25rem 0.25rem 0;
    background: var(--_hover);
    font-size: 0.875rem;
    text-align: start;
  }

  .quote {
    cursor: pointer;
  }

  .quote-label,
  .shared-label {
    display: block;
    color: var(--_muted);
    font-size: 0.75rem;
  }

  .quote-text {
    display: -webkit-box;
    overflow: hidden;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
  }

  ul.files {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }

  .file {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    max-inline-size: 100%;
    padding: 0.375rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: inherit;
    text-decoration: none;
  }

  .file:hover {
    background: var(--_hover);
  }

  .file svg {
    flex: none;
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }

  .file-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .file-size {
    flex: none;
    color: var(--_muted);
    font-size: 0.75rem;
  }

  .preview {
    display: block;
    max-inline-size: min(100%, 16rem);
    max-block-size: 12rem;
    margin-block-end: 0.25rem;
    border-radius: 0.25rem;
    object-fit: contain;
  }

  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0.25rem 0 0;
    color: var(--_muted);
    font-size: 0.8125rem;
  }

  .status.failed {
    color: var(--_danger);
  }

  .status button {
    padding: 0.125rem 0.5rem;
    border: 1px solid currentColor;
    border-radius: 0.25rem;
    background: transparent;
    cursor: pointer;
  }

  im-menu {
    grid-column: 3;
    grid-row: 1;
  }

  /* Read status: small, at the message's end, as messengers put it. */
  .seen {
    align-self: flex-end;
    margin: 0.125rem 0 0;
    color: var(--_muted);
    font-size: 0.75rem;
  }

  .seen button {
    padding: 0.125rem 0.25rem;
    border: none;
    border-radius: 0.25rem;
    background: none;
    color: inherit;
    font: inherit;
    text-decoration: underline dotted;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }

  .seen button:hover {
    background: var(--_hover);
    text-decoration-style: solid;
  }

  .seen button:focus-visible {
    outline: var(--_focus);
    outline-offset: 1px;
  }

  /* Reactions: a pill an emoji with its count, the reader's own ringed in the accent colour. */
  .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-block-start: 0.25rem;
  }

  .reaction {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    min-block-size: 1.75rem;
    padding: 0 0.5rem;
    border: 1px solid var(--_control-border);
    border-radius: 0.875rem;
    background: var(--_surface);
    font-size: 0.875rem;
    cursor: pointer;
  }

  .reaction:hover {
    background: var(--_hover);
  }

  /* The reader's own: a ring in the focus ring's colour (3:1 on every surface, light and dark) and a bold count, not the colour alone. */
  .reaction.mine {
    border: var(--_focus);
    font-weight: 700;
  }

  .who {
    position: fixed;
    inset: auto;
    margin: 0;
    max-inline-size: 16rem;
    max-block-size: 16rem;
    overflow: auto;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.2);
  }

  .who:focus-visible {
    outline: var(--_focus);
  }

  .who p {
    margin: 0 0 0.25rem;
    font-weight: 700;
  }

  .who ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .who .failed {
    color: var(--_danger);
    font-weight: 400;
  }

  .who button {
    margin-block-start: 0.5rem;
  }

  @media (forced-colors: active) {
    .reaction.mine {
      border: 3px solid Highlight !important;
    }

    .who {
      border-color: CanvasText;
    }
  }
`;
