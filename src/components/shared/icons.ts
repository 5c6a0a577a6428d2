/**
 * Every icon, once. Each is an SVG fragment for a 24×24 `viewBox`, drawn in
 * `currentColor` so it follows the text colour (forced colours too); the element
 * wraps it in `<svg viewBox="0 0 24 24" aria-hidden="true">` and names the button.
 * The chat bubble's own icon is not here: the badge paints before the rest loads,
 * and a module of templates is kept whole by the bundler.
 */
import { svg } from 'lit';

export const crossIcon = svg`<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="m7 7 10 10M17 7 7 17"/>`;
export const searchIcon = svg`<circle cx="10.5" cy="10.5" r="6" fill="none" stroke="currentColor" stroke-width="2"/><path stroke="currentColor" stroke-width="2" stroke-linecap="round" d="m15 15 5 5"/>`;
export const backIcon = svg`<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M15 5 8 12l7 7"/>`;
export const gearIcon = svg`<path fill="currentColor" d="M19.4 13a7.6 7.6 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.6 7.6 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.4 7.4 0 0 0 1.7 1L11 21h4l.4-2.9a7.4 7.4 0 0 0 1.7-1l2.5 1 2-3.5ZM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z" transform="translate(-1 0)"/>`;
export const clipIcon = svg`<path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" d="m20 11-8.5 8.5a5 5 0 0 1-7-7L13 4a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4L14.5 7"/>`;
export const sendIcon = svg`<path fill="currentColor" d="M3 20.5 21.5 12 3 3.5 3 10l13 2-13 2Z"/>`;
export const dotsIcon = svg`<circle cx="5" cy="12" r="2" fill="currentColor"/><circle cx="12" cy="12" r="2" fill="currentColor"/><circle cx="19" cy="12" r="2" fill="currentColor"/>`;
export const closeIcon = svg`<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="m6 6 12 12M18 6 6 18"/>`;
export const fileIcon = svg`<path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" d="M6 2h8l4 4v16H6Z M14 2v4h4"/>`;
/** A bell: the reader's notification settings. */
export const bellIcon = svg`<path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" d="M6 16v-6a6 6 0 0 1 12 0v6l2 2H4Z"/><path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" d="M10 21h4"/>`;
/** A bell struck through: a conversation the reader muted. */
export const mutedIcon = svg`<path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" d="M6 16V10a6 6 0 0 1 9.6-4.8M18 10v6l2 2H8"/><path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" d="M10 21h4M4 20 20 4"/>`;
/** A push pin: a conversation the reader pinned to the top of their list. */
export const pinIcon = svg`<path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" d="M9 3h6l-1 6 4 4H6l4-4-1-6z"/><path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" d="M12 13v8"/>`;
export const plusIcon = svg`<path fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M12 5v14M5 12h14"/>`;
/** A smiling face: the composer's emoji picker. */
export const smileIcon = svg`<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.8"/><circle cx="9" cy="10" r="1.2" fill="currentColor"/><circle cx="15" cy="10" r="1.2" fill="currentColor"/><path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" d="M8.5 14a4 4 0 0 0 7 0"/>`;
