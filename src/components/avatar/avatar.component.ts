import { LitElement, html, svg, type TemplateResult, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConversationKind } from '../../model/types.js';
import styles from './avatar.styles.js';
import { colourIndex, initials, isPhotoUrl, palette } from './person-avatar.js';

const icons: Partial<Record<ConversationKind | 'person', TemplateResult>> = {
  // Three people: a group conversation.
  group: svg`<g fill="currentColor"><circle cx="12" cy="8" r="3.2"/><circle cx="5.5" cy="10" r="2.5"/><circle cx="18.5" cy="10" r="2.5"/><path d="M6 20c0-3.5 2.7-6 6-6s6 2.5 6 6Z"/><path d="M1 19c0-2.8 2-4.7 4.5-4.7.9 0 1.7.2 2.4.7A7.7 7.7 0 0 0 5 19Z"/><path d="M23 19c0-2.8-2-4.7-4.5-4.7-.9 0-1.7.2-2.4.7A7.7 7.7 0 0 1 19 19Z"/></g>`,
  // An open book: a course.
  course: svg`<path fill="currentColor" d="M3 5.5C5.5 4.3 8.6 4.3 11 5.7V20c-2.4-1.4-5.5-1.4-8 0Zm18 0c-2.5-1.2-5.6-1.2-8 .2V20c2.4-1.4 5.5-1.4 8 0Z"/>`,
  // Colourful tiles: a project.
  project: svg`<rect x="3" y="3" width="8" height="8" rx="2" fill="#f6d32d"/><rect x="13" y="3" width="8" height="8" rx="2" fill="#57e389"/><rect x="3" y="13" width="8" height="8" rx="2" fill="#62a0ea"/><rect x="13" y="13" width="8" height="8" rx="2" fill="#f66151"/>`,
  // A broad outline arrow pointing left: messages sent individually to many.
  individual: svg`<path fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" d="M10 4 3 12l7 8v-4.5h11v-7H10Z"/>`,
  // A megaphone: a mass message.
  mass: svg`<path fill="currentColor" d="M3 10v4h3l6 4V6L6 10Zm11-2.5v9c2-.5 3.5-2.4 3.5-4.5S16 8 14 7.5Zm0-4v2c3 .7 5.5 3.5 5.5 6.5s-2.5 5.8-5.5 6.5v2c4.1-.8 7.5-4.4 7.5-8.5S18.1 4.3 14 3.5Z"/>`,
  // A calendar page: weekly course updates.
  system: svg`<path fill="currentColor" d="M7 2h2v2h6V2h2v2h3v17H4V4h3Zm-1 7v10h12V9Zm2 2h3v3H8Z"/>`,
};

const backgrounds: Partial<Record<ConversationKind | 'person', string>> = {
  group: '#5e5c64',
  project: '#3d3846',
  individual: '#1c71d8',
  mass: '#813d9c',
  system: '#986a44',
};

/**
 * @tagname im-avatar
 * @summary The picture of a person or a conversation: a photo, initials, or the icon of the conversation's kind.
 *
 * Decorative: the name beside it says who or what it is.
 *
 * @csspart avatar - The circle (or rounded square for courses and projects).
 * @cssprop --im-avatar-size - Width and height.
 */
export class ImAvatar extends LitElement {
  static override styles = styles;

  /** `person`, or the conversation kind whose icon to show. */
  @property() kind: ConversationKind | 'person' = 'person';

  /** Name, for initials. */
  @property() name = '';

  /** Photo URL (people). Only http(s) and same-origin paths are used. */
  @property() src = '';

  /** Background colour (a course's colour). */
  @property() color = '';

  /** The photo at `src` failed to load: initials instead. */
  @state() private broken = false;

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('src')) this.broken = false;
    // Through the CSSOM, not a style attribute, which a strict policy (style-src without 'unsafe-inline') blocks;
    // only when it changes, as every message of a scrolled history has an avatar.
    if (changed.has('color') || changed.has('kind') || changed.has('name')) {
      this.style.setProperty('--_bg', this.color || backgrounds[this.shownKind] || palette[colourIndex(this.name)]);
    }
  }

  private get shownKind(): ConversationKind | 'person' {
    return this.kind === 'one-to-one' ? 'person' : this.kind;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.setAttribute('aria-hidden', 'true');
  }

  override render() {
    const kind = this.shownKind;
    const square = kind === 'course' || kind === 'project';
    const photo = kind === 'person' && !this.broken && isPhotoUrl(this.src) ? this.src : '';
    const content = photo
      ? html`<img src=${photo} alt="" @error=${() => (this.broken = true)} />`
      : icons[kind]
        ? html`<svg viewBox="0 0 24 24">${icons[kind]}</svg>`
        : initials(this.name);
    return html`<span part="avatar" class=${square ? 'avatar square' : 'avatar'}>${content}</span>`;
  }
}
