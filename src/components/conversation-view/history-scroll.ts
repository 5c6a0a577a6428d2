import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessengerStore } from '../../state/store.js';
import { HistoryLayout, type HistoryLayoutConfig } from './history-layout.js';
import type { Row } from './rows.js';
import { positionRowsInOnePass } from '../shared/virtualizer-patch.js';

/** Within this many pixels of the end the reader counts as "at the bottom" (as Vaadin's message list). */
const NEAR_BOTTOM = 50;
/**
 * Older history loads when the reader scrolls within this many screens of the top: early
 * enough that a fling finds the next page's rows built a few a frame as they come into
 * view, rather than all at once when it reaches the top.
 */
const NEAR_TOP_SCREENS = 4;
/**
 * Rows kept rendered above the screen (px) while a burst of messages comes in at the end
 * the reader follows: each render scrolls by a screenful or more, so the layout's usual
 * 1 000 px would be built afresh every time only to scroll away. Back to 1 000 once the burst is over.
 */
const BURST_OVERHANG = 100;
/**
 * The same while a conversation opens: the rows a fling needs are built two frames after
 * the first screen, once the reader sees the messages, not before.
 */
const OPENING_OVERHANG = 100;
/** An opening counts as settled after this long at most (ms), shown or not: a history that never shows holds nothing back. */
const SETTLED_WITHIN = 1000;

export type Pin = { index: number; block: 'start' | 'end' | 'center' };

export interface HistoryScrollOptions {
  scroller?: LitVirtualizer;
  rows: Row[];
  store?: MessengerStore;
  conversationId: string;
  /** Messages from others are coming in a burst. */
  bursting: boolean;
}

/**
 * Where the reader is in a conversation's history: framing it on open, keeping the
 * place as rows arrive above or below, following the end only for a reader who is
 * there, loading older and newer pages as they scroll, and marking read what has
 * been on screen. The element binds `onScroll`, `onVisibility` and `onUnpinned` to
 * its `<lit-virtualizer>` and passes `layout`.
 */
export class HistoryScrollController implements ReactiveController {
  /** A new message arrived below while the reader was reading further up. */
  newBelow = false;
  /** The rows on screen, as the virtualizer last said. */
  visible = { first: 0, last: -1 };

  private atBottom = true;
  /** A conversation is opening: until two frames after its first screen, no rows beyond it are built. */
  private opening = true;
  private openingFrame?: number;
  /** From `reset` until the opening has settled (`opened`), and who waits for it. */
  private settling = false;
  private settledTimer?: ReturnType<typeof setTimeout>;
  /** How many conversations have opened here: an opening's late work is dropped once another has begun. */
  private openings = 0;
  private openedWaiters: (() => void)[] = [];
  private pin?: Pin;
  private currentLayout: HistoryLayoutConfig & { type: typeof HistoryLayout } = { type: HistoryLayout };
  private readTimer?: ReturnType<typeof setTimeout>;
  /** Set while the history itself scrolls (cleared next frame), to tell the reader's scrolling from the page's. */
  private scrolling = false;
  private virtualizerPatched = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: () => HistoryScrollOptions,
  ) {
    host.addController(this);
  }

  hostUpdated() {
    // The virtualizer exists once <lit-virtualizer> has rendered; its class is patched once.
    const { scroller } = this.options();
    if (!this.virtualizerPatched && scroller) {
      void scroller.updateComplete.then(() => (this.virtualizerPatched ||= positionRowsInOnePass(scroller)));
    }
  }

  hostDisconnected() {
    clearTimeout(this.readTimer);
    this.cancelOpening();
    this.settle();
  }

  /** Resolves once an opening conversation has settled: its first screen shown, the rows above it built, framed again. */
  opened(): Promise<void> {
    return this.settling ? new Promise((resolve) => this.openedWaiters.push(resolve)) : Promise.resolve();
  }

  private settle() {
    clearTimeout(this.settledTimer);
    this.settling = false;
    for (const resolve of this.openedWaiters.splice(0)) resolve();
  }

  /**
   * The rows built above the screen once it is painted are measured a frame or two later, and
   * move what the pin framed; the virtualizer does not always frame it again (a conversation
   * opened at its end was left with the last message below the edge). Framed again, unless
   * the reader has moved meanwhile.
   */
  private async reframeAfterRowsAbove() {
    const { pin, openings } = this;
    await this.host.updateComplete;
    for (let frames = 0; frames < 2; frames++) await new Promise((frame) => requestAnimationFrame(frame));
    // Another conversation opened meanwhile: its own opening settles it.
    if (openings !== this.openings) return;
    if (pin && this.pin === pin) this.frame(pin.index, pin.block);
    await this.host.updateComplete;
    if (openings === this.openings) this.settle();
  }

  private cancelOpening() {
    if (this.openingFrame !== undefined) cancelAnimationFrame(this.openingFrame);
    this.openingFrame = undefined;
  }

  /** The virtualizer's layout: a new object only when the pin or the overhang changes, as it re-frames on every new one. */
  get layout() {
    const { bursting, rows } = this.options();
    const following = bursting && this.pin?.block === 'end' && this.pin.index === rows.length - 1;
    const overhang = following ? BURST_OVERHANG : this.opening ? OPENING_OVERHANG : undefined;
    if (this.currentLayout.pin !== this.pin || this.currentLayout.overhang !== overhang) {
      this.currentLayout = { type: HistoryLayout, ...(this.pin ? { pin: this.pin } : {}), ...(overhang === undefined ? {} : { overhang }) };
    }
    return this.currentLayout;
  }

  /** Forgets the place (another conversation opens): a pin is an index into the rows of the one before. */
  reset() {
    this.newBelow = false;
    this.pin = undefined;
    this.atBottom = true;
    this.visible = { first: 0, last: -1 };
    this.openings++;
    this.opening = true;
    this.settling = true;
    this.cancelOpening();
    clearTimeout(this.settledTimer);
    this.settledTimer = setTimeout(() => this.settle(), SETTLED_WITHIN);
  }

  /** Shows row `index` at the start, centre or end of the view, and keeps it there while rows settle. */
  frame(index: number, block: Pin['block']) {
    if (index < 0) return;
    this.pin = { index, block };
    this.atBottom = block === 'end' && index === this.options().rows.length - 1;
    this.host.requestUpdate();
  }

  /** The reader sends: what they sent is at the end, and so are they. */
  followEnd() {
    this.atBottom = true;
  }

  jumpToEnd() {
    this.newBelow = false;
    this.frame(this.options().rows.length - 1, 'end');
  }

  /**
   * Keeps the reader's place when rows change: older rows added above keep the
   * first visible row where it was; new rows at the end follow only a reader
   * who was at the bottom.
   */
  placeAfterChange(previous: Row[], next: Row[], me: string | undefined) {
    if (!previous.length || !next.length) return;
    const last = next.at(-1)!;
    if (next.length > previous.length && last.key !== previous.at(-1)?.key) {
      const mine = last.type === 'pending' || (last.type === 'message' && last.message.sender.id === me);
      const followingEnd = this.pin?.block === 'end' && this.pin.index === previous.length - 1;
      if (mine || followingEnd || (this.atBottom && !this.pin)) this.pin = { index: next.length - 1, block: 'end' };
      else this.newBelow = true;
      return;
    }
    // Only rows added above move what the reader sees; anything else leaves the place alone
    // (and reading the DOM for the anchor forces a layout).
    if (next[0].key === previous[0].key) return;
    if (this.pin) {
      // A pin is by index: keep it on the row it framed.
      const framed = next.findIndex((r) => r.key === previous[this.pin!.index]?.key);
      if (framed >= 0 && framed !== this.pin.index) this.pin = { ...this.pin, index: framed };
      return;
    }
    // Day separators change keys as older days arrive; a message row is a stable anchor.
    const anchor = this.topMessageKey() ?? previous.slice(Math.max(0, this.visible.first)).find((r) => r.type === 'message')?.key;
    if (anchor === undefined) return;
    const moved = next.findIndex((r) => r.key === anchor);
    if (moved > previous.findIndex((r) => r.key === anchor)) this.pin = { index: moved, block: 'start' };
  }

  /**
   * The key of the first message on screen, read from the DOM: the virtualizer's visibility
   * events can be a frame behind a reader who has just scrolled. None when the
   * virtualizer has not yet rendered where the reader jumped to.
   */
  private topMessageKey(): string | undefined {
    const { scroller } = this.options();
    const box = scroller?.getBoundingClientRect();
    if (!box) return undefined;
    let top: { key: string; y: number } | undefined;
    for (const el of scroller!.querySelectorAll<HTMLElement>(':scope > article')) {
      const rect = el.getBoundingClientRect();
      if (rect.bottom > box.top && rect.top < box.bottom && (!top || rect.top < top.y)) top = { key: el.dataset.key!, y: rect.top };
    }
    return top?.key;
  }

  // Capture, so this runs before the virtualizer hears the same scroll and unpins.
  readonly onScroll = {
    capture: true,
    handleEvent: () => this.onHistoryScroll(),
  };

  private onHistoryScroll() {
    const { scroller: el, store, conversationId } = this.options();
    if (!el) return;
    if (!this.scrolling) requestAnimationFrame(() => (this.scrolling = false));
    this.scrolling = true;
    this.atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
    if (this.atBottom && this.newBelow) {
      this.newBelow = false;
      this.host.requestUpdate();
    }
    // A page that has arrived but is not on screen yet (we render once a frame) moves
    // the reader's place when it is; the next scroll decides whether to load more.
    if ((this.host as ReactiveControllerHost & { isUpdatePending: boolean }).isUpdatePending) return;
    const window = store?.state.windows.get(conversationId);
    if (el.scrollTop < NEAR_TOP_SCREENS * el.clientHeight && window?.hasMoreBefore && !window.loading) void store?.loadOlder(conversationId);
    if (this.atBottom && window?.hasMoreAfter && !window.loading) void store?.loadNewer(conversationId);
  }

  /**
   * The virtualizer lets go of its pin on any scroll it hears, the page's included
   * (a host page scrolling, or the browser bringing the focused heading into view).
   * Only the reader scrolling the history should cost them the place we framed; while a
   * conversation opens, the history's scrolling is the virtualizer's own (Firefox tells
   * of its corrections late enough for the virtualizer to take them for the reader's).
   */
  readonly onUnpinned = () => {
    if ((this.scrolling && !this.settling) || !this.pin) {
      this.pin = undefined;
      return;
    }
    this.pin = { ...this.pin };
    this.host.requestUpdate();
  };

  readonly onVisibility = (event: Event & { first: number; last: number }) => {
    this.visible = { first: event.first, last: event.last };
    this.scheduleRead();
    // Rows are on screen, painted with this frame. The rest come in the frame after the
    // next, so the one after the paint stays short too.
    if (this.opening && event.last >= 0 && this.openingFrame === undefined) {
      this.openingFrame = requestAnimationFrame(() => {
        this.openingFrame = requestAnimationFrame(() => {
          this.opening = false;
          this.openingFrame = undefined;
          this.host.requestUpdate();
          void this.reframeAfterRowsAbove();
        });
      });
    }
  };

  /** Marks read up to the last message the reader has on screen, a moment after it got there. */
  private scheduleRead() {
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => {
      if (document.visibilityState === 'hidden') return;
      const { rows, store, conversationId } = this.options();
      const seen = rows
        .slice(0, this.visible.last + 1)
        .reduce((max, row) => (row.type === 'message' ? Math.max(max, row.message.seq) : max), 0);
      if (seen > 0) void store?.markRead(conversationId, seen).catch(() => undefined);
    }, 300);
  }
}
