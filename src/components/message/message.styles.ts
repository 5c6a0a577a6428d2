import { css } from 'lit';
import { avatarCircle } from '../avatar/avatar.styles.js';
import { menuTrigger } from '../menu/menu.styles.js';
import { outlinedButton } from '../shared/shared.styles.js';

/**
 * Messages as message-rows.ts renders them, each in its article (`.message`): in
 * `im-message`, and in the conversation view's history, whose rows they are.
 */
const messages = css`
  .message {
    display: block;
    padding: 0.25rem 1rem;
  }

  .message.compact {
    padding-block-start: 0;
  }

  .message:focus-visible {
    outline: var(--_focus);
    outline-offset: -2px;
  }

  .message [part='message'] {
    display: grid;
    grid-template-columns: 2.25rem 1fr auto;
    gap: 0 0.625rem;
    align-items: start;
    border-radius: var(--_radius);
  }

  .message.highlighted [part='message'] {
    outline: 2px solid #e5a50a;
    outline-offset: 2px;
  }

  .message .avatar {
    --im-avatar-size: 2.25rem;
    grid-row: span 2;
  }

  .message header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5rem;
    font-size: 0.875rem;
  }

  .message .sender {
    font-weight: 700;
  }

  .message time,
  .message .edited {
    margin: 0;
    color: var(--_muted);
    font-size: 0.75rem;
  }

  .message .body {
    display: flex;
    flex-direction: column;
    grid-column: 2;
    min-inline-size: 0;
  }

  /* A quoted reply is read after the text and files, but shown above them. */
  .message .body > header {
    order: -2;
  }

  .message .quote {
    order: -1;
  }

  .message .text {
    margin: 0.125rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  /* A platform message's formatted text: paragraphs and lists spaced as in a letter, not a page. */
  .message .formatted {
    margin: 0.125rem 0 0;
    overflow-wrap: anywhere;
  }

  .message .formatted :is(p, ul, ol) {
    margin: 0 0 0.5rem;
  }

  .message .formatted :is(ul, ol) {
    padding-inline-start: 1.5rem;
  }

  .message .formatted :is(ul, ol) :is(ul, ol) {
    margin-block-end: 0;
  }

  .message .formatted > :last-child {
    margin-block-end: 0;
  }

  .message a {
    color: var(--_link);
  }

  .message .gone {
    margin: 0.125rem 0 0;
    color: var(--_muted);
    font-style: italic;
  }

  .message .quote,
  .message .shared {
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

  .message .quote {
    cursor: pointer;
  }

  .message .quote-label,
  .message .shared-label {
    display: block;
    color: var(--_muted);
    font-size: 0.75rem;
  }

  .message .quote-text {
    display: -webkit-box;
    overflow: hidden;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
  }

  .message ul.files {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }

  .message .file {
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

  .message .file:hover {
    background: var(--_hover);
  }

  .message .file svg {
    flex: none;
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }

  .message .file-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .message .file-size {
    flex: none;
    color: var(--_muted);
    font-size: 0.75rem;
  }

  .message .preview {
    display: block;
    max-inline-size: min(100%, 16rem);
    max-block-size: 12rem;
    margin-block-end: 0.25rem;
    border-radius: 0.25rem;
    object-fit: contain;
  }

  .message .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0.25rem 0 0;
    color: var(--_muted);
    font-size: 0.8125rem;
  }

  .message .status.failed {
    color: var(--_danger);
  }

  .message .status button {
    padding: 0.125rem 0.5rem;
    border: 1px solid currentColor;
    border-radius: 0.25rem;
    background: transparent;
    cursor: pointer;
  }

  .message .menu-trigger {
    grid-column: 3;
    grid-row: 1;
  }

  /* Its menu is in the top layer: the element beside the button takes no room. */
  .message im-menu {
    position: absolute;
  }

  /* Read status: small, at the message's end, as messengers put it. */
  .message .seen {
    align-self: flex-end;
    margin: 0.125rem 0 0;
    color: var(--_muted);
    font-size: 0.75rem;
  }

  .message .seen button {
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

  .message .seen button:hover {
    background: var(--_hover);
    text-decoration-style: solid;
  }

  .message .seen button:focus-visible {
    outline: var(--_focus);
    outline-offset: 1px;
  }

  /* Reactions: a pill an emoji with its count, the reader's own ringed in the accent colour. */
  .message .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-block-start: 0.25rem;
  }

  .message .reaction {
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

  .message .reaction:hover {
    background: var(--_hover);
  }

  /* The reader's own: a ring in the focus ring's colour (3:1 on every surface, light and dark) and a bold count, not the colour alone. */
  .message .reaction.mine {
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
    .message .reaction.mine {
      border: 3px solid Highlight !important;
    }

    .who {
      border-color: CanvasText;
    }
  }
`;

/** `im-message` itself: the article, a tab stop in a feed. */
export const messageHost = css`
  :host {
    display: block;
  }

  :host(:focus-visible) {
    outline: var(--_focus);
    outline-offset: -2px;
  }
`;

export default [outlinedButton, avatarCircle, menuTrigger, messages];
