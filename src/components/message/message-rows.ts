import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Messages } from '../../l10n/en.js';
import { formatClock } from '../../l10n/format.js';
import type { Locale } from '../../l10n/locale.js';
import { formatBytes } from '../../model/attachments.js';
import type { MessageAction } from '../../model/permissions.js';
import { REACTIONS } from '../../model/reactions.js';
import { plainFileName, previewText } from '../../model/text.js';
import type { Attachment, Message, Person, QuotedMessage, ReadStatus } from '../../model/types.js';
import type { PendingMessage } from '../../state/store.js';
import { personAvatar } from '../avatar/person-avatar.js';
import '../menu/menu.js';
import type { ImMenu, MenuItem } from '../menu/menu.component.js';
import { describeError } from '../shared/describe.js';
import type { ElementEvent } from '../shared/events.js';
import { dotsIcon, fileIcon } from '../shared/icons.js';
import { sentences, spokenTime } from '../shared/spoken.js';
import { loadedSanitizer, loadSanitizer } from './formatted.js';
import { Reactions } from './reactions.js';
import { segments } from './segments.js';

const previewable = /^image\/(png|jpeg|gif|webp|avif)$/;

/** One message as it is shown: a message, or one not yet confirmed (`pending`). */
export interface MessageItem {
  /** Its key among the messages rendered together. */
  key: string;
  message?: Message;
  pending?: PendingMessage;
  /** The reader wrote it. */
  mine: boolean;
  /** Who wrote a pending message (the reader), for the avatar. */
  author?: Pick<Person, 'name' | 'avatarUrl'>;
  /** Follows a message from the same sender: no avatar or name again. */
  compact: boolean;
  /** The target of a search or a jump. */
  highlighted: boolean;
  /** What its ⋯ menu offers. */
  actions: readonly MessageAction[];
  /** Who has seen it, on the reader's latest message someone has seen. */
  readStatus?: ReadStatus;
  /** In a one-to-one: its read status says "Seen". */
  oneToOne: boolean;
}

/** What the reader asks of a message. */
export interface MessageIntents {
  action(action: Exclude<MessageAction, 'react'>, message: Message): void;
  react(message: Message, emoji: string, added: boolean): void;
  quote(quote: { messageId: string; conversationId: string; seq: number }): void;
  retry(clientId: string): void;
  discard(clientId: string): void;
  seenBy(message: Message): void;
}

export interface MessageRowsOptions {
  t: Messages;
  locale: Locale;
  /** The messages are a feed's articles: each one tab stop, whose controls wait for Enter (Escape leaves them). */
  feed: boolean;
  /** Where a file downloads from. */
  attachmentUrl(attachment: Attachment): string;
  /** Who reacted to a message with an emoji, as names to show. */
  whoReacted(message: Message, emoji: string): Promise<string[]>;
  /** The message an event in the host's shadow root happened in: its article (the element that is the message, with its name) and key. */
  articleOf(event: Event): { article: HTMLElement; key: string } | undefined;
  /** Resolves once what the host renders is on the page, the messages included. */
  rendered(): Promise<unknown>;
  intents: MessageIntents;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * Messages as templates, rendered in the host's own shadow root with its styles
 * (message.styles.ts): one message for `im-message`, a whole history for the conversation
 * view, whose rows then cost no element and shadow root each. `article` is such a row; a
 * host that is itself the article (`im-message`) renders `render` in a box of `classes` and
 * takes its name and description from `describe`. Only the message whose menu the reader
 * opens gets one (`im-menu`, anchored to its ⋯ button), and only the one whose reaction the
 * reader asks about its list of who reacted.
 *
 * Keyboard, in a feed: Enter (or F2) on a message moves into its links, files, quote and
 * options, which are otherwise out of the tab order; Escape comes back to the message.
 * Shift+F10 or the context-menu key opens its options.
 */
export class MessageRows implements ReactiveController {
  /** The message whose controls are in the tab order: the reader went into it. */
  private entered?: string;
  /** The message whose menu was last opened, and its ⋯ button. */
  private menu?: { key: string; trigger: HTMLElement };
  /** Formatted texts sanitized, so a render for another reason does not sanitize again. */
  private readonly sanitized = new WeakMap<Message, HTMLElement>();
  private readonly retried = new WeakSet<HTMLImageElement>();
  private readonly brokenPhotos = new Set<string>();
  private readonly reactions = new Reactions(() => {
    const { t, whoReacted, intents, rendered } = this.options();
    return {
      t,
      whoReacted,
      react: (message, emoji, added) => intents.react(message, emoji, added),
      update: () => (this.host.requestUpdate(), rendered()),
      root: () => this.host.renderRoot,
    };
  });

  constructor(
    private readonly host: Host,
    private readonly options: () => MessageRowsOptions,
  ) {
    host.addController(this);
  }

  // Focus moving within the host's shadow root is seen there: the host hears nothing of it
  // (such events stop where their target and related target are both the host).
  hostConnected() {
    this.host.addEventListener('keydown', this.onKeydown);
    this.host.renderRoot.addEventListener('focusin', this.onFocusin);
    this.host.renderRoot.addEventListener('focusout', this.onFocusout);
  }

  hostDisconnected() {
    this.host.removeEventListener('keydown', this.onKeydown);
    this.host.renderRoot.removeEventListener('focusin', this.onFocusin);
    this.host.renderRoot.removeEventListener('focusout', this.onFocusout);
    this.reactions.close(false);
  }

  /**
   * A message as an article of a feed (a row of the conversation view's history), named
   * and described. Rendered again only when what it shows changes, not each time the
   * virtualizer renders the rows around it. The host keeps its tab index.
   */
  article(item: MessageItem) {
    const { t, locale, attachmentUrl } = this.options();
    const tab = this.tabOf(item);
    const deps = [
      item.message,
      item.pending,
      item.mine,
      item.author,
      item.compact,
      item.highlighted,
      item.actions,
      item.readStatus,
      item.oneToOne,
      tab,
      this.menu?.key === item.key ? this.menu : undefined,
      this.reactions.stateOf(item.key),
      this.brokenPhotos.size,
      loadedSanitizer(),
      attachmentUrl,
      t,
      locale,
    ];
    return guard(deps, () => {
      const { name, description } = this.describe(item);
      return html`<article class=${this.classes(item)} data-key=${item.key} aria-setsize="-1" aria-label=${name} aria-description=${description}>
        ${this.render(item)}
      </article>`;
    });
  }

  /** The classes of a message's article (its spacing, its highlight). */
  classes(item: MessageItem) {
    return `message${item.compact ? ' compact' : ''}${item.highlighted ? ' highlighted' : ''}`;
  }

  /** The message's name (sender, full time) and description (text, files, quote, state, reactions, read status) for a screen reader. */
  describe(item: MessageItem): { name: string; description: string } {
    const { t, locale } = this.options();
    const { message: m, pending: p } = item;
    const name = `${item.mine ? t.you : (m?.sender.name ?? t.you)}, ${spokenTime(m?.createdAt ?? p!.createdAt, Date.now(), t, locale)}`;
    const parts: string[] = [];
    if (m && m.status !== 'normal') {
      parts.push(m.status === 'removed' ? t.messageRemovedBy(m.removedBy ?? '') : t.messageDeleted);
    } else {
      const text = m ? m.text : p!.text;
      const files = m ? m.attachments : p!.attachments;
      if (m?.forwarded) parts.push(t.sharedFrom(m.forwarded.senderName));
      if (text) parts.push(previewText(text, 300));
      if (files.length) parts.push(t.filesList(files.map((f) => plainFileName(f.name))));
      const quote = m?.replyTo ?? (p?.replyTo ? quoteOf(p.replyTo) : undefined);
      if (quote) parts.push(quote.gone ? t.replyToGone : `${t.replyTo(quote.senderName)}: ${quote.text || quote.attachmentNames.join(', ')}`);
      if (m?.editedAt) parts.push(t.editedState);
      if (m?.reactions?.length) parts.push(`${t.action.react}: ${m.reactions.map((r) => t.reactionCount(r.emoji, r.count, !!r.mine)).join(', ')}`);
    }
    if (p) parts.push(p.status === 'pending' ? t.sending : t.notSent(p.error ? describeError(p.error, t) : ''));
    if (m && m.status === 'normal' && item.readStatus) parts.push(this.seenText(item));
    return { name, description: sentences(parts) };
  }

  /** A message: sender, time, text with safe links, files, a quote or shared message, its state, reactions and options. */
  render(item: MessageItem) {
    const { t, locale } = this.options();
    const { message: m, pending: p } = item;
    const tab = this.tabOf(item);
    const senderName = m ? m.sender.name : t.you;
    const createdAt = m?.createdAt ?? p!.createdAt;
    const clock = formatClock(createdAt, locale);
    const gone = m && m.status !== 'normal';
    const text = m ? m.text : p!.text;
    const attachments = m ? m.attachments : p!.attachments;
    const who = m ? m.sender : item.author;
    // Read in this order (sender, time, text, files, quote, state); the quote is shown first.
    return html`<div part="message">
      ${item.compact ? nothing : personAvatar(who?.name ?? senderName, who?.avatarUrl, this.brokenPhotos, this.photoFailed)}
      <div class="body">
        <header class=${item.compact ? 'visually-hidden' : ''}>
          <span class="sender" dir="auto">${item.mine ? t.you : senderName}</span>
          <time datetime=${new Date(createdAt).toISOString()}>${clock}</time>
        </header>
        ${gone
          ? html`<p class="gone">${m.status === 'removed' ? t.messageRemovedBy(m.removedBy ?? '') : t.messageDeleted}</p>`
          : html`${m?.forwarded ? this.renderForwarded(m, tab) : nothing}
            ${m?.html ? this.renderFormatted(m, tab) : this.renderPlain(text, tab)} ${this.renderFiles(attachments, tab, !!m)}
            ${m?.replyTo ? this.renderQuote(m.replyTo, tab) : p?.replyTo ? this.renderQuote(quoteOf(p.replyTo), tab) : nothing}`}
        ${m?.editedAt && !gone ? html`<p class="edited">${t.edited}</p>` : nothing} ${p ? this.renderPending(p, tab) : nothing}
        ${m ? this.reactions.render({ key: item.key, message: m, canReact: item.actions.includes('react'), tab, name: (reaction) => this.reactionName(item, reaction) }) : nothing}
        ${m && item.readStatus && !gone ? this.renderSeen(item, m, tab) : nothing}
      </div>
      ${m && item.actions.length && !gone ? this.renderOptions(item, m, tab) : nothing}
    </div>`;
  }

  /** Tab index of a message's controls: out of the tab order in a feed until the reader enters the message. */
  private tabOf(item: MessageItem) {
    return !this.options().feed || this.entered === item.key ? 0 : -1;
  }

  private photoFailed = (src: string) => {
    this.brokenPhotos.add(src);
    this.host.requestUpdate();
  };

  /** A few words of the message, so that two of its sender's in the same minute have different buttons. */
  private preview(m: Message) {
    return previewText(m.text, 40) || m.attachments.map((a) => plainFileName(a.name)).join(', ');
  }

  private reactionName(item: MessageItem, reaction: string) {
    const { t, locale } = this.options();
    const m = item.message!;
    const clock = formatClock(m.createdAt, locale);
    return item.mine ? t.reactionOnOwn(reaction, clock, this.preview(m)) : t.reactionOn(reaction, m.sender.name, clock, this.preview(m));
  }

  /** The ⋯ button, and the menu when the reader has opened this message's. */
  private renderOptions(item: MessageItem, m: Message, tab: number) {
    const { t, locale } = this.options();
    const clock = formatClock(m.createdAt, locale);
    const label = item.mine ? t.optionsForOwnMessage(clock, this.preview(m)) : t.optionsForMessage(m.sender.name, clock, this.preview(m));
    const menu = this.menu?.key === item.key ? this.menu : undefined;
    return html`<button
        class="menu-trigger"
        type="button"
        tabindex=${tab}
        aria-label=${label}
        aria-haspopup="menu"
        aria-expanded="false"
        @click=${(event: Event) => this.toggleMenu(item.key, event.currentTarget as HTMLElement)}
        @keydown=${(event: KeyboardEvent) => this.onTriggerKeydown(event, item.key)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">${dotsIcon}</svg>
      </button>
      ${menu
        ? html`<im-menu
            .anchor=${menu.trigger}
            label=${label}
            .items=${this.menuItems(item, m)}
            @im-menu-select=${(event: ElementEvent<'im-menu-select'>) => this.onMenuSelect(m, event.detail.id)}
          ></im-menu>`
        : nothing}`;
  }

  /**
   * The ⋯ menu: the options, then the row of reactions (each on when the reader's) where they
   * may react. Last, so the menu still opens on "Reply" and a stray Enter reacts to nothing.
   */
  private menuItems(item: MessageItem, m: Message): MenuItem[] {
    const { t } = this.options();
    const reactions: MenuItem[] = item.actions.includes('react')
      ? REACTIONS.map((emoji) => ({ id: `react:${emoji}`, label: t.reactWith(emoji), symbol: emoji, checked: !!m.reactions?.find((r) => r.emoji === emoji)?.mine, group: t.action.react }))
      : [];
    const options = item.actions.flatMap((id) => (id === 'react' ? [] : [{ id, label: t.action[id], danger: id === 'delete' || id === 'moderatorDelete' }]));
    return [...options, ...reactions];
  }

  private onMenuSelect(m: Message, id: string) {
    const { intents } = this.options();
    if (!id.startsWith('react:')) {
      intents.action(id as Exclude<MessageAction, 'react'>, m);
      return;
    }
    const emoji = id.slice('react:'.length);
    intents.react(m, emoji, !m.reactions?.find((r) => r.emoji === emoji)?.mine);
  }

  /** The menu rendered beside a ⋯ button, once the host has rendered it. */
  private menuBy(trigger: HTMLElement) {
    return trigger.parentElement?.querySelector<ImMenu>(':scope > im-menu') ?? undefined;
  }

  private toggleMenu(key: string, trigger: HTMLElement) {
    if (trigger.getAttribute('aria-expanded') === 'true') this.menuBy(trigger)?.close();
    else void this.openMenu(key, trigger, 'first');
  }

  /** Makes the message's menu (the one menu of the host) and opens it with focus on its first or last item. */
  private async openMenu(key: string, trigger: HTMLElement, focus: 'first' | 'last') {
    this.menu = { key, trigger };
    this.host.requestUpdate();
    await this.options().rendered();
    await this.menuBy(trigger)?.show(focus);
  }

  private onTriggerKeydown(event: KeyboardEvent, key: string) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.openMenu(key, event.currentTarget as HTMLElement, event.key === 'ArrowDown' ? 'first' : 'last');
  }

  private setEntered(key: string | undefined) {
    if (this.entered === key) return;
    this.entered = key;
    this.host.requestUpdate();
  }

  private onKeydown = (event: KeyboardEvent) => {
    const at = this.options().articleOf(event);
    if (!at) return;
    const onMessage = event.composedPath()[0] === at.article;
    if (onMessage && (event.key === 'Enter' || event.key === 'F2')) {
      event.preventDefault();
      void this.enter(at.article, at.key);
    } else if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
      const trigger = contents(at.article).querySelector<HTMLElement>('.menu-trigger');
      if (!trigger) return;
      event.preventDefault();
      void this.enter(at.article, at.key).then(() => this.openMenu(at.key, trigger, 'first'));
    } else if (!onMessage && event.key === 'Escape' && this.options().feed) {
      // Handled here, so the panel around stays open.
      event.preventDefault();
      event.stopPropagation();
      this.setEntered(undefined);
      at.article.focus();
    }
  };

  /** Moves focus from the message to its first control. */
  private async enter(article: HTMLElement, key: string) {
    this.setEntered(key);
    await this.options().rendered();
    contents(article).querySelector<HTMLElement>('a[href], button:not([disabled])')?.focus();
  }

  private onFocusin = (event: Event) => {
    const at = this.options().articleOf(event);
    this.setEntered(at && event.composedPath()[0] !== at.article ? at.key : undefined);
  };

  private onFocusout = (event: Event) => {
    // Within the shadow root the next focusin says where focus went.
    const to = (event as FocusEvent).relatedTarget as Node | null;
    if (!to || !this.host.renderRoot.contains(to)) this.setEntered(undefined);
  };

  private seenText(item: MessageItem) {
    const { t } = this.options();
    return item.oneToOne ? t.seen : t.seenBy(item.readStatus!.seen, item.readStatus!.of);
  }

  /** "Seen", or "Seen by 12 of 28" as a button that opens who. */
  private renderSeen(item: MessageItem, m: Message, tab: number) {
    const text = this.seenText(item);
    return html`<p part="seen" class="seen">
      ${item.oneToOne
        ? text
        : html`<button type="button" tabindex=${tab} aria-haspopup="dialog" @click=${() => this.options().intents.seenBy(m)}>${text}</button>`}
    </p>`;
  }

  private renderPlain(text: string, tab: number) {
    return text ? html`<p class="text" dir="auto">${this.renderText(text, tab)}</p>` : nothing;
  }

  /**
   * A platform message's formatted text: DOMPurify's output under the allow-list of
   * formatted.ts (no scripts, handlers, styles or frames; links only http, https, mailto),
   * as an element, one per message, kept; its plain text until the sanitizer has loaded.
   */
  private renderFormatted(m: Message, tab: number) {
    const sanitize = loadedSanitizer();
    if (!sanitize) {
      void loadSanitizer().then((loaded) => loaded && this.host.requestUpdate());
      return this.renderPlain(m.text, tab);
    }
    let safe = this.sanitized.get(m);
    if (!safe) this.sanitized.set(m, (safe = sanitize(m.html!)));
    // Its links come as HTML, without the tab index the message's other controls are rendered with.
    for (const link of safe.querySelectorAll<HTMLAnchorElement>('a[href]')) link.tabIndex = tab;
    return safe;
  }

  private renderText(text: string, tab: number) {
    return segments(text).map((s) =>
      s.type === 'link' ? html`<a href=${s.href} tabindex=${tab} target="_blank" rel="noopener noreferrer">${s.text}</a>` : s.text,
    );
  }

  private renderQuote(quote: QuotedMessage, tab: number) {
    const { t, intents } = this.options();
    return html`<button
      class="quote"
      type="button"
      tabindex=${tab}
      ?disabled=${quote.gone}
      aria-description=${quote.gone ? nothing : t.showOriginal}
      @click=${() => intents.quote({ messageId: quote.messageId, conversationId: quote.conversationId, seq: quote.seq })}
    >
      <span class="quote-label">${quote.gone ? t.replyToGone : t.replyTo(quote.senderName)}</span>
      ${quote.gone ? nothing : html`<span class="quote-text">${quote.text || quote.attachmentNames.join(', ')}</span>`}
    </button>`;
  }

  private renderForwarded(m: Message, tab: number) {
    const { t } = this.options();
    const shared = m.forwarded!;
    return html`<div class="shared">
      <span class="shared-label">${t.sharedFrom(shared.senderName)}</span>
      ${shared.text ? html`<p class="text">${this.renderText(shared.text, tab)}</p>` : nothing} ${this.renderFiles(m.forwardedAttachments ?? [], tab, true)}
    </div>`;
  }

  /** The files, each a download link; pictures of a sent message previewed above theirs. */
  private renderFiles(files: Attachment[], tab: number, sent: boolean) {
    if (!files.length) return nothing;
    const { t, locale, attachmentUrl } = this.options();
    return html`<ul class="files">
      ${files.map((file) => {
        const url = attachmentUrl(file);
        // From another backend a name may still carry bidirectional controls that spoof it.
        const name = plainFileName(file.name);
        const size = formatBytes(file.size, locale);
        // Link tokens are short-lived: a link reads its URL again when it is followed
        // (click, middle click, or the menu to copy it), and a preview once if it fails.
        const fresh = (event: Event) => ((event.currentTarget as HTMLAnchorElement).href = this.options().attachmentUrl(file));
        return html`<li>
          ${previewable.test(file.type) && sent
            ? html`<img class="preview" src=${url} alt="" loading="lazy" @error=${(event: Event) => this.retryPreview(event, file)} />`
            : nothing}
          <a
            class="file"
            href=${url}
            tabindex=${tab}
            download=${name}
            target="_blank"
            rel="noopener noreferrer"
            @click=${fresh}
            @auxclick=${fresh}
            @contextmenu=${fresh}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">${fileIcon}</svg>
            <span class="file-name" dir="auto" aria-hidden="true">${name}</span><span class="file-size" aria-hidden="true">${size}</span
            ><span class="visually-hidden">${t.downloadFile(name, size, previewable.test(file.type))}</span>
          </a>
        </li>`;
      })}
    </ul>`;
  }

  private retryPreview(event: Event, file: Attachment) {
    const img = event.currentTarget as HTMLImageElement;
    if (this.retried.has(img)) return;
    this.retried.add(img);
    img.src = this.options().attachmentUrl(file);
  }

  private renderPending(p: PendingMessage, tab: number) {
    const { t, intents } = this.options();
    if (p.status === 'pending') return html`<p class="status">${t.sending}</p>`;
    return html`<p class="status failed">
      ${t.notSent(p.error ? describeError(p.error, t) : '')}
      <button type="button" tabindex=${tab} @click=${() => intents.retry(p.clientId)}>${t.retry}</button>
      <button type="button" tabindex=${tab} @click=${() => intents.discard(p.clientId)}>${t.discard}</button>
    </p>`;
  }
}

/** Where a message's controls are: in its article, or in its shadow root when the article is `im-message`. */
const contents = (article: HTMLElement): ParentNode => article.shadowRoot ?? article;

function quoteOf(message: Message): QuotedMessage {
  return {
    messageId: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    senderName: message.sender.name,
    text: message.text,
    attachmentNames: message.attachments.map((a) => plainFileName(a.name)),
    createdAt: message.createdAt,
    gone: message.status !== 'normal',
  };
}
