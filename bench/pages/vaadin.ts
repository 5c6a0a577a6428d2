/**
 * The peer reference: `<vaadin-message-list>` showing the same messages, read
 * from the same backend through the same MemoryTransport (in pages of 200, the
 * most one call returns), then rendered all at once as that list does.
 */
import '@vaadin/message-list';
import type { MessageList, MessageListItem } from '@vaadin/message-list';
import type { Message } from '../../src/model/types.js';
import { buildSchool, type DataOptions, type School } from './data.js';
import { atBottom, sleep, untilPainted, visibleCount, within } from './measure.js';

let school: School;
let list: MessageList;

const time = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' });
const colour = (id: string) => [...id].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 7;
const initials = (name: string) => name.split(' ').map((part) => part[0]).join('');

const toItem = (m: Message): MessageListItem => ({
  text: m.text,
  time: time.format(m.createdAt),
  userName: m.sender.name,
  userAbbr: initials(m.sender.name),
  userColorIndex: colour(m.sender.id),
});

async function everyMessage(conversationId: string): Promise<Message[]> {
  const pages: Message[][] = [];
  let before: number | undefined;
  for (;;) {
    const page = await school.transport.getMessages({ conversationId, limit: 200, ...(before ? { before } : {}) });
    pages.unshift(page.messages);
    if (!page.hasMoreBefore || !page.messages.length) break;
    before = page.messages[0].seq;
  }
  return pages.flat();
}

const rendered = () => [...list.querySelectorAll('vaadin-message')];

window.bench = {
  async setup(options: DataOptions) {
    const started = performance.now();
    school = await buildSchool(options);
    await school.transport.connect();
    const box = document.createElement('div');
    box.style.cssText = 'display: flex; flex-direction: column; inline-size: 400px; block-size: 700px; font: 15px system-ui, sans-serif';
    list = document.createElement('vaadin-message-list');
    list.style.cssText = 'flex: 1 1 auto; min-block-size: 0';
    box.append(list);
    document.body.append(box);
    return { setupMs: performance.now() - started };
  },

  /** The intent to the last message on screen; `renderMs` is the part after the data arrived. */
  async openConversation(conversationId: string) {
    const lastSeq = school.lastSeq[conversationId];
    const start = performance.now();
    const messages = await everyMessage(conversationId);
    const fetched = performance.now();
    list.items = messages.map(toItem);
    const end = await untilPainted(() => {
      const last = rendered().at(-1);
      return rendered().length === lastSeq && atBottom(list) && !!last && within(last, list);
    }, `vaadin message ${lastSeq} on screen`);
    return { ms: end - start, fetchMs: fetched - start, renderMs: end - fetched, visible: visibleCount(rendered(), list), rendered: rendered().length };
  },

  async clear() {
    list.items = [];
    await sleep(50);
  },
};
