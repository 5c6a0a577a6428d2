/**
 * The panel under test: `<im-messenger>` over a MemoryTransport to the bench
 * school, driven the way a reader drives it (the panel is open, a click on a
 * conversation opens it) and measured from inside the page.
 */
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.component.js';
import { buildSchool, burst, CHAT, ELSEWHERE, PEER, READER, type DataOptions, type School } from './data.js';
import { atBottom, frame, Frames, LongTasks, sleep, untilPainted, visibleCount, within } from './measure.js';

let school: School;
let messenger: ImMessenger;

const shadow = (el: Element | null | undefined) => el?.shadowRoot ?? undefined;
const panel = () => shadow(messenger)?.querySelector('im-panel');
const list = () => shadow(panel())?.querySelector('im-conversation-list');
const items = () => [...(shadow(list())?.querySelectorAll<HTMLElement>('[part="item"]') ?? [])];
const view = () => shadow(messenger)?.querySelector('im-conversation-view');
const scroller = () => shadow(view())?.querySelector<HTMLElement>('lit-virtualizer');
/** The history's messages, rendered: the articles of its feed. */
const messages = () => [...(shadow(view())?.querySelectorAll<HTMLElement>('[role="feed"] > article') ?? [])];
const store = () => messenger.messengerStore!;

/** The message with `seq` is rendered (text and all), inside the history's box, and the box is scrolled to its end. */
function lastOnScreen(conversationId: string, seq: number): boolean {
  const box = scroller();
  if (!box || !atBottom(box)) return false;
  const id = store().state.windows.get(conversationId)?.messages.findLast((m) => m.seq === seq)?.id;
  const last = messages().find((m) => m.dataset.key === id);
  return !!last && !!last.querySelector('.text') && within(last, box);
}

/** The list shows `count` conversations, or as many of them as fill it (it renders only those near the screen). */
function listShown(count: number) {
  const shown = items();
  const box = list()?.getBoundingClientRect();
  if (!box?.height || !shown.length || !shown[0].getBoundingClientRect().height) return false;
  return shown.length >= count || shown.at(-1)!.getBoundingClientRect().bottom >= box.bottom;
}

window.bench = {
  async setup(options: DataOptions) {
    const started = performance.now();
    school = await buildSchool(options);
    messenger = document.createElement('im-messenger');
    messenger.transport = school.transport;
    document.body.append(messenger);
    while (store()?.state.listState !== 'loaded') await sleep(5);
    return { setupMs: performance.now() - started };
  },

  /** Opens the panel; with `preload`, its code is loaded first (as pointing at the bubble does), so only rendering is timed. */
  async openPanel(preload: boolean) {
    if (preload) await messenger.loadPanel();
    const start = performance.now();
    messenger.show();
    const expected = Math.min(30, store().state.order.length);
    const end = await untilPainted(() => listShown(expected), 'the conversation list');
    return { ms: end - start, items: items().length };
  },

  /** Clicks a conversation in the list; the time until its last message is on screen at the end of the history. */
  async openConversation(conversationId: string) {
    const item = items().find((i) => i.dataset.id === conversationId);
    if (!item) throw new Error(`${conversationId} is not in the list`);
    const lastSeq = school.lastSeq[conversationId];
    const start = performance.now();
    item.click();
    const end = await untilPainted(() => lastOnScreen(conversationId, lastSeq), `message ${lastSeq} of ${conversationId} on screen`);
    return { ms: end - start, visible: visibleCount(messages(), scroller()!), rendered: messages().length };
  },

  async back() {
    shadow(view())!.querySelector<HTMLButtonElement>('.back')!.click();
    await untilPainted(() => !view() && listShown(1), 'the list again');
  },

  /**
   * Scrolls back `step` px a frame, as a reader flinging through history, until
   * the beginning is on screen (older pages load on the way) or `capMs` passes.
   */
  async scrollBack(conversationId: string, step: number, capMs: number) {
    const box = scroller()!;
    const tasks = new LongTasks();
    const frames = new Frames();
    const start = performance.now();
    const window = () => store().state.windows.get(conversationId);
    const started = () => !!window() && !window()!.hasMoreBefore && !window()!.loading && box.scrollTop <= 0;
    // Frames in which the reader was at the top with older messages still to come: the fling waiting on an empty top.
    let waited = 0;
    while (!started() && performance.now() - start < capMs) {
      if (box.scrollTop <= 0) waited++;
      box.scrollTop = Math.max(0, box.scrollTop - step);
      await frame();
    }
    const ms = performance.now() - start;
    const loaded = window()?.messages.length ?? 0;
    return { ms, reachedStart: started(), loaded, waited, pxPerMessage: box.scrollHeight / Math.max(1, loaded), ...frames.stop(), ...(await tasks.stop()) };
  },

  /** Jumps to the top again and again, loading every older page as fast as the panel takes them (for the heap figure). */
  async scrollToTop(conversationId: string, capMs: number) {
    const box = scroller()!;
    const start = performance.now();
    const window = () => store().state.windows.get(conversationId);
    while ((window()?.hasMoreBefore || window()?.loading) && performance.now() - start < capMs) {
      box.scrollTop = 0;
      await frame();
    }
    return { ms: performance.now() - start, reachedStart: !window()?.hasMoreBefore, loaded: window()?.messages.length ?? 0 };
  },

  /**
   * `count` messages from Kari within `durationMs`: into the open chat (`watched`),
   * or, as the reference, into a conversation the reader is not in (the backend's
   * own work on this thread). Sending stops at `capMs` if the page has not kept up.
   */
  async burst(watched: boolean, count: number, durationMs: number, capMs: number) {
    const target = watched ? CHAT : ELSEWHERE;
    const live = shadow(view())!.querySelector('[role="status"][aria-live="polite"]')!;
    const announcements: { at: number; text: string }[] = [];
    const observer = new MutationObserver(() => {
      const text = (live.textContent ?? '').trim();
      if (text && text !== announcements.at(-1)?.text) announcements.push({ at: Math.round(performance.now() - start), text });
    });
    observer.observe(live, { subtree: true, childList: true, characterData: true });
    const before = (await school.backend.run((s) => s.getConversation(target)))!.lastSeq;
    await sleep(100);
    const tasks = new LongTasks();
    const frames = new Frames();
    const start = performance.now();
    const { sent, ms: pushMs } = await burst(school.backend, PEER, target, count, durationMs, start + capMs);
    const lastSeq = before + sent;
    let end = performance.now();
    if (watched) end = await untilPainted(() => lastOnScreen(target, lastSeq), `burst message ${lastSeq} on screen`);
    const frameStats = frames.stop();
    const taskStats = await tasks.stop();
    // The announcement waits for a pause in the burst; give it time to come.
    if (watched) await sleep(1000);
    observer.disconnect();
    return { sent, pushMs, renderedMs: end - start, afterLastPushMs: end - start - pushMs, announcements, ...frameStats, ...taskStats };
  },

  /** Loads pages of the list, as scrolling to its end does, until `limit` conversations or `capMs`; the time of each page. */
  async listLoad(limit: number, capMs: number) {
    const tasks = new LongTasks();
    const pages: number[] = [];
    const start = performance.now();
    while (store().hasMoreConversations && store().state.order.length < limit && performance.now() - start < capMs) {
      const before = performance.now();
      await store().loadConversations();
      await list()!.updateComplete;
      await frame();
      pages.push(performance.now() - before);
    }
    return { ms: performance.now() - start, loaded: store().state.order.length, items: items().length, pages, ...(await tasks.stop()) };
  },

  /** A new message in the conversation at the bottom of the list: the time until it is at the top. */
  async listReorder() {
    const target = store().state.order.at(-1)!;
    const members = await school.backend.run((s) => s.members(target));
    const sender = members.find((m) => m.userId !== READER)!.userId;
    const start = performance.now();
    await school.backend.execute(sender, 'sendMessage', { conversationId: target, clientId: `reorder-${target}-${start}`, text: 'Are you coming to the meeting?' });
    const end = await untilPainted(() => items()[0]?.dataset.id === target, `${target} at the top`);
    return { ms: end - start, items: items().length };
  },
};
