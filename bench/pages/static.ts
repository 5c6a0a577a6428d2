/**
 * The floor: the same messages read through the same transport, written as
 * plain HTML with no components at all. `openConversation` renders only the
 * messages that fit the box; `renderAll` lays out a whole history, the
 * reference for scrolling.
 */
import type { Message } from '../../src/model/types.js';
import { buildSchool, type DataOptions, type School } from './data.js';
import { atBottom, frame, Frames, LongTasks, untilPainted, visibleCount, within } from './measure.js';

let school: School;
let box: HTMLElement;

const time = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' });
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const toHtml = (messages: Message[]) =>
  messages
    .map(
      (m) =>
        `<div class="m" role="listitem"><b>${escape(m.sender.name)}</b> <time>${time.format(m.createdAt)}</time><p>${escape(m.text)}</p></div>`,
    )
    .join('');

window.bench = {
  async setup(options: DataOptions) {
    const started = performance.now();
    school = await buildSchool(options);
    await school.transport.connect();
    const style = document.createElement('style');
    style.textContent = `
      .box { inline-size: 400px; block-size: 700px; overflow: auto; font: 15px system-ui, sans-serif; }
      .m { padding: 6px 12px; } .m p { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; } .m time { color: #666; font-size: 13px; }`;
    box = document.createElement('div');
    box.className = 'box';
    box.setAttribute('role', 'list');
    document.body.append(style, box);
    return { setupMs: performance.now() - started };
  },

  /** The last `count` messages (those that fit), from the intent to on screen. */
  async openConversation(conversationId: string, count: number) {
    const lastSeq = school.lastSeq[conversationId];
    const start = performance.now();
    const { messages } = await school.transport.getMessages({ conversationId, limit: count });
    box.innerHTML = toHtml(messages);
    box.scrollTop = box.scrollHeight;
    const end = await untilPainted(() => {
      const last = box.lastElementChild;
      return !!last && atBottom(box) && within(last, box);
    }, `static message ${lastSeq} on screen`);
    return { ms: end - start, visible: visibleCount(box.children, box), rendered: box.childElementCount };
  },

  async clear() {
    box.textContent = '';
    await frame();
  },

  /** Lays out every message of the conversation (the scrolling reference); returns how many. */
  async renderAll(conversationId: string) {
    const all: Message[][] = [];
    let before: number | undefined;
    for (;;) {
      const page = await school.transport.getMessages({ conversationId, limit: 200, ...(before ? { before } : {}) });
      all.unshift(page.messages);
      if (!page.hasMoreBefore || !page.messages.length) break;
      before = page.messages[0].seq;
    }
    box.innerHTML = toHtml(all.flat());
    box.scrollTop = box.scrollHeight;
    await frame();
    return box.childElementCount;
  },

  /** The same fling as the panel's `scrollBack`, over the laid-out history: the machine's own frame budget. */
  async scrollBack(step: number, capMs: number) {
    const tasks = new LongTasks();
    const frames = new Frames();
    const start = performance.now();
    while (box.scrollTop > 0 && performance.now() - start < capMs) {
      box.scrollTop = Math.max(0, box.scrollTop - step);
      await frame();
    }
    return { ms: performance.now() - start, reachedStart: box.scrollTop <= 0, ...frames.stop(), ...(await tasks.stop()) };
  },
};
