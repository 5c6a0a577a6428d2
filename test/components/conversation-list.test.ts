import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/conversation-list/conversation-list.js';
import type { ImConversationList } from '../../src/components/conversation-list/conversation-list.js';
import { MessengerStore } from '../../src/state/store.js';
import { MemoryTransport } from '../../src/transport/memory-transport.js';
import { demoSchool, seedUsers } from '../../stories/support.js';
import { allByRole, byRole, deepActive, focused, nodesByRole, text, until } from './helpers.js';

/** The conversations, as the options of the list box. */
const items = (el: ImConversationList) => allByRole<HTMLButtonElement>(el, 'option');
/** What a screen reader reads of each conversation. */
const names = async (el: ImConversationList) => (await nodesByRole(el, 'option')).map((o) => o.name);

/** Resolves once the virtualizer has put the conversations on screen, one of them the tab stop (a few frames). */
const rendered = (el: ImConversationList) => until(() => !!el.shadowRoot!.querySelector('[part="item"][tabindex="0"]'), 'the conversations on screen');

/** Kari's list with `extra` more conversations than the demo's, in a list `height` pixels high after a button. */
async function longList(extra: number, height: number) {
  const school = await demoSchool({ as: 'kari', start: false });
  for (let i = 1; i <= extra; i++) {
    await school.actAs('kari')('startConversation', { recipients: [{ type: 'person', id: `u-student-${i}` }], mode: 'group', text: `Hello ${i}`, clientId: `more-${i}` });
  }
  await school.store.start();
  const page = await fixture<HTMLElement>(
    html`<div><button type="button">Before</button><im-conversation-list style=${`block-size: ${height}px`} .store=${school.store}></im-conversation-list></div>`,
  );
  const el = page.querySelector('im-conversation-list')!;
  await rendered(el);
  return { ...school, el };
}

/** The list box, which scrolls. */
const scroller = (el: ImConversationList) => el.shadowRoot!.querySelector<HTMLElement>('[role="listbox"]')!;
const lastRendered = (el: ImConversationList) => [...el.shadowRoot!.querySelectorAll('[part="item"]')].at(-1);
/** The name a rendered conversation shows, which its option's accessible name starts with. */
const shownName = (button: Element) => text(button.querySelector('.name [dir]'));

async function listFor(as: keyof typeof seedUsers = 'ola') {
  const school = await demoSchool({ as });
  const el = await fixture<ImConversationList>(html`<im-conversation-list style="block-size: 600px" .store=${school.store}></im-conversation-list>`);
  await rendered(el);
  return { ...school, el };
}

describe('im-conversation-list', () => {
  it('is accessible loaded, loading, empty and failed', async () => {
    const { el } = await listFor();
    await expect(el).to.be.accessible();

    const slow = await demoSchool({ start: false });
    // The list loads once the loading state has been checked (the accessibility tree takes its time).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const list = slow.transport.listConversations;
    slow.transport.listConversations = async (args) => {
      await held;
      return list(args);
    };
    const loading = await fixture<ImConversationList>(html`<im-conversation-list .store=${slow.store}></im-conversation-list>`);
    const started = slow.store.start();
    await loading.updateComplete;
    const [busy] = await nodesByRole(loading, 'paragraph');
    expect(text(busy.element)).to.equal('Loading conversations…');
    expect(busy.element.getAttribute('aria-busy')).to.equal('true');
    await expect(loading).to.be.accessible();
    release();
    await started;

    const school = await demoSchool();
    await school.backend.run((storage) => storage.putUser({ id: 'u-new', name: 'New Pupil', title: 'Student', role: 'student' }));
    const newcomer = new MessengerStore(new MemoryTransport({ backend: school.backend, userId: 'u-new' }));
    await newcomer.start();
    const empty = await fixture<ImConversationList>(html`<im-conversation-list .store=${newcomer}></im-conversation-list>`);
    expect((await allByRole(empty, 'paragraph')).map((p) => text(p))).to.deep.equal(['No conversations yet. Start one with “New message”.']);
    expect(await allByRole(empty, 'option')).to.deep.equal([]);
    await expect(empty).to.be.accessible();

    const failing = await demoSchool({ start: false });
    failing.transport.listConversations = async () => {
      throw new Error('Server down');
    };
    await failing.store.start().catch(() => undefined);
    const failed = await fixture<ImConversationList>(html`<im-conversation-list .store=${failing.store}></im-conversation-list>`);
    await byRole(await byRole(failed, 'alert'), 'button', 'Try again');
    await expect(failed).to.be.accessible();
  });

  it('shows each conversation with its kind, last sender, preview and unread count', async () => {
    const { el, store, ids } = await listFor('kari');
    // The seeded history runs from the day before up to now.
    const day = (conversationId: string) => {
      const at = new Date(store.state.conversations.get(conversationId)!.lastActivityAt);
      return at.toDateString() === new Date().toDateString() ? 'today' : 'yesterday';
    };
    const sent = await byRole(
      el,
      'option',
      new RegExp(`^Sent to 3 people, Individual messages\\. Last activity ${day(ids.individual)} at \\d\\d:\\d\\d\\. You: Your test results are ready\\. Come and see me if you have questions\\.$`),
    );
    expect(sent.querySelector('im-avatar')!.getAttribute('kind')).to.equal('individual');
    // What assistive technology reads: what is seen, in order, in sentences, with the kind the avatar shows.
    const maths = await byRole(el, 'option', new RegExp(`^Mathematics 9B, Course conversation\\. Last activity ${day(ids.maths)} at \\d\\d:\\d\\d\\. You: Yes, please show every step\\.$`));
    expect(maths.querySelector('im-avatar')!.getAttribute('kind')).to.equal('course');
    expect(text(maths.querySelector('.preview'))).to.equal('You: Yes, please show every step.');
    const conversation = [...store.state.conversations.values()].find((c) => c.unreadCount > 0)!;
    const unreadName = conversation.unreadCount === 1 ? '1 unread message' : `${conversation.unreadCount} unread messages`;
    const [unread] = (await nodesByRole(el, 'option')).filter((o) => o.name.startsWith(`${conversation.name}, `));
    expect(unread.name).to.match(new RegExp(`\\. ${unreadName}$`));
    expect(unread.element.classList.contains('unread')).to.equal(true);
    expect(getComputedStyle(unread.element.querySelector('.name')!).fontWeight).to.equal('700', 'unread is bold, not only coloured');
    expect(unread.element.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
  });

  it('has one tab stop; arrows, Home and End move; Enter opens', async () => {
    const { el, store } = await listFor();
    const buttons = await items(el);
    expect(buttons.filter((b) => b.tabIndex === 0)).to.have.length(1);
    el.focus();
    expect(deepActive()).to.equal(buttons[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActive()).to.equal(buttons[1]);
    await sendKeys({ press: 'End' });
    expect(deepActive()).to.equal(buttons.at(-1));
    await sendKeys({ press: 'Home' });
    expect(deepActive()).to.equal(buttons[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(buttons.map((b) => b.tabIndex).filter((t) => t === 0)).to.have.length(1);
    expect(buttons[1].tabIndex).to.equal(0);
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const event = await oneEvent(el, 'im-conversation-open');
    expect(event.detail).to.deep.equal({ conversationId: store.state.order[1] });
  });

  it('moves a conversation to the top live when a message arrives, keeping keyboard focus in place', async () => {
    const { el, store, ids, actAs } = await listFor();
    el.focus();
    const before = deepActive();
    const last = store.state.order.at(-1)!;
    expect(last).to.not.equal(store.state.order[0]);
    await actAs('kari')('sendMessage', { conversationId: ids.maths, clientId: 'live-1', text: 'Test on Friday!' });
    await until(() => store.state.order[0] === ids.maths, 'maths on top');
    await el.updateComplete;
    const [top] = await nodesByRole(el, 'option');
    expect(top.name).to.match(/^Mathematics 9B, Course conversation\. .*Kari Nordmann: Test on Friday!/);
    expect(text(top.element.querySelector('.preview'))).to.equal('Kari Nordmann: Test on Friday!');
    expect(deepActive()).to.equal(before, 'focus stays on the same conversation');
  });

  it('takes a burst of messages in one go in a render or two, not one a message, ending in order with focus in place', async () => {
    const { el, store, ids, actAs } = await listFor();
    el.focus();
    const before = deepActive();
    const unread = (id: string) => store.state.conversations.get(id)!.unreadCount;
    const [oneToOne, maths] = [unread(ids.oneToOne), unread(ids.maths)];
    let renders = 0;
    el.addController({ hostUpdated: () => void renders++ });
    const sent = Array.from({ length: 40 }, (_, i) =>
      actAs('kari')('sendMessage', { conversationId: i < 39 ? ids.maths : ids.oneToOne, clientId: `burst-${i}`, text: `Burst ${i + 1}` }),
    );
    await Promise.all(sent);
    await until(() => store.state.order[0] === ids.oneToOne && store.state.order[1] === ids.maths, 'the last written to on top');
    await el.updateComplete;
    expect(renders).to.be.below(10, 'rendered together, not once a message');
    const [first, second] = await nodesByRole(el, 'option');
    expect(first.name).to.match(new RegExp(`^Kari Nordmann, .*Burst 40\\. ${oneToOne + 1} unread messages$`));
    expect(second.name).to.match(new RegExp(`^Mathematics 9B, .*Kari Nordmann: Burst 39\\. ${maths + 39} unread messages$`));
    expect(deepActive()).to.equal(before, 'focus stays on the same conversation');
  });

  it('keeps focus on the focused conversation when the one below it jumps above it, swap after swap', async () => {
    const { el, store, ids, actAs } = await listFor();
    // The group and the one-to-one on top, in turn, as messages to them arrive (from Ola's other tab).
    const send = (conversationId: string, text: string) => actAs('ola')('sendMessage', { conversationId, clientId: text, text });
    await send(ids.oneToOne, 'Setup 1');
    await send(ids.group, 'Setup 2');
    await until(() => store.state.order[0] === ids.group && store.state.order[1] === ids.oneToOne, 'the two on top');
    await el.updateComplete;
    el.focus();
    // Focus is never on the page in any frame on the way (what a screen reader would hear).
    let dropped = 0;
    let sampling = true;
    const sample = () => {
      if (document.activeElement === document.body) dropped++;
      if (sampling) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
    const named = { [ids.group]: /^Maths study group, /, [ids.oneToOne]: /^Kari Nordmann, / };
    for (let swap = 1; swap <= 3; swap++) {
      const [top, below] = store.state.order;
      expect((await focused())?.name).to.match(named[top]);
      await send(below, `Swap ${swap}`);
      await until(() => store.state.order[0] === below, `swap ${swap}`);
      await el.updateComplete;
      const [, second] = await items(el);
      expect(deepActive()).to.equal(second, `focus on the conversation now second after swap ${swap}`);
      const now = await focused();
      expect(now?.role).to.equal('option');
      expect(now?.name).to.match(named[top], 'the same conversation');
      expect(second.tabIndex).to.equal(0);
      await sendKeys({ press: 'Home' });
    }
    sampling = false;
    expect(dropped).to.equal(0, 'frames with focus on the page');
  });

  it('leaves focus where the reader put it when the list changes afterwards', async () => {
    const { el, store, ids, actAs } = await listFor();
    el.focus();
    // As a click on the page's background does: focus on nothing.
    (deepActive() as HTMLElement).blur();
    expect(document.activeElement).to.equal(document.body);
    await actAs('kari')('sendMessage', { conversationId: ids.maths, clientId: 'after-blur', text: 'Test on Friday!' });
    await until(() => store.state.order[0] === ids.maths && el.shadowRoot!.querySelector('[part="item"]')?.getAttribute('data-id') === ids.maths, 'maths on top');
    await new Promise((frame) => requestAnimationFrame(frame));
    expect(document.activeElement).to.equal(document.body, 'not taken back into the list');
  });

  it('names each conversation in sentences with the date in full words, in English and in Norwegian', async () => {
    const school = await demoSchool({ as: 'ola' });
    const el = await fixture<ImConversationList>(html`<im-conversation-list lang="nb" .store=${school.store}></im-conversation-list>`);
    await rendered(el);
    await byRole(el, 'option', /^Maths study group, Gruppesamtale\. Siste aktivitet i dag kl\. \d\d:\d\d\. Emma Hansen: See you all tomorrow! \d+ uleste meldinger$/);
    const all = await names(el);
    expect(all.every((n) => !/ [,.]/.test(n)), `no space before a comma or full stop: ${all.join(' | ')}`).to.equal(true);
  });

  it('cuts a name too long for its row at the name’s end, on a right-to-left page too', async () => {
    document.documentElement.dir = 'rtl';
    try {
      const school = await demoSchool({ as: 'ola' });
      const el = await fixture<ImConversationList>(html`<im-conversation-list style="inline-size: 26rem" .store=${school.store}></im-conversation-list>`);
      await rendered(el);
      const item = (await items(el)).find((b) => shownName(b) === 'Weekly update: Mathematics 9B')!;
      const name = item.querySelector('.name')!;
      expect(name.scrollWidth, 'the name is too long for its row').to.be.greaterThan(name.clientWidth);
      const words = [...item.querySelector('.name [dir]')!.childNodes].find((node) => node.nodeType === Node.TEXT_NODE)!;
      const first = document.createRange();
      first.setStart(words, 0);
      first.setEnd(words, 1);
      const row = name.getBoundingClientRect();
      const letter = first.getBoundingClientRect();
      expect(letter.left >= row.left && letter.right <= row.right, 'its first letter, "W", is shown').to.equal(true);
    } finally {
      document.documentElement.dir = '';
    }
  });

  it('marks closed and deleted conversations in words', async () => {
    const { el, store, ids, actAs } = await listFor();
    await actAs('emma')('closeConversation', { conversationId: ids.group });
    await actAs('kari')('deleteConversation', { conversationId: ids.maths });
    await until(() => !!store.state.conversations.get(ids.maths)?.deleted, 'deleted');
    await el.updateComplete;
    const states = (await items(el)).map((b) => text(b.querySelector('.state'))).filter(Boolean);
    expect(states).to.include.members(['Closed conversation', 'Deleted conversation']);
    await byRole(el, 'option', /^Maths study group, Group conversation, Closed conversation\. Last activity today at /);
    await byRole(el, 'option', /^Mathematics 9B, Course conversation, Deleted conversation\. Last activity today at /);
  });

  it('puts pinned conversations on top with a pin and "Pinned" in their names, in English and Norwegian, in the list’s keyboard model', async () => {
    const { el, store, ids, actAs } = await listFor();
    await store.setPinned(ids.weekly, true);
    await store.setPinned(ids.oneToOne, true);
    await el.updateComplete;
    const said = await names(el);
    expect(said[0]).to.match(/^Kari Nordmann, Conversation, Pinned\. Last activity /, 'the most recently pinned first');
    expect(said[1]).to.match(/^Weekly update: Mathematics 9B, Weekly course update, Pinned\. /);
    expect(said.slice(2).every((name) => !name.includes('Pinned')), 'the others say nothing of it').to.equal(true);
    const [first, second, third] = await items(el);
    expect(first.querySelector('[part="pinned-icon"]'), 'a pin').to.not.equal(null);
    expect(second.querySelector('[part="pinned-icon"]')).to.not.equal(null);
    expect(third.querySelector('[part="pinned-icon"]'), 'no pin on one not pinned').to.equal(null);
    await expect(el).to.be.accessible();

    // A new message elsewhere goes below the pinned ones, and the keys walk the list in its order.
    await actAs('emma')('sendMessage', { conversationId: ids.group, clientId: 'below-pins', text: 'Still there?' });
    await until(() => store.state.order[2] === ids.group, 'the group under the pinned ones');
    el.focus();
    expect(await focused()).to.deep.include({ role: 'option' });
    expect((await focused())!.name).to.match(/^Kari Nordmann, Conversation, Pinned\. /);
    await sendKeys({ press: 'ArrowDown' });
    expect((await focused())!.name).to.match(/^Weekly update: Mathematics 9B, Weekly course update, Pinned\. /);
    await sendKeys({ press: 'ArrowDown' });
    expect((await focused())!.name).to.match(/^Maths study group, Group conversation\. /);
    await sendKeys({ press: 'Home' });
    expect((await focused())!.name).to.match(/, Pinned\. /);
    expect((await items(el)).filter((b) => b.tabIndex === 0)).to.have.length(1, 'still one tab stop');

    el.lang = 'nb';
    await until(() => /^Kari Nordmann, Samtale, Festet\. /.test(first.querySelector('.visually-hidden')?.textContent ?? ''), 'Norwegian');
    await byRole(el, 'option', /^Kari Nordmann, [^.]*, Festet\. /);

    await store.setPinned(ids.oneToOne, false);
    await el.updateComplete;
    expect(store.state.order[0]).to.equal(ids.weekly);
    expect(el.shadowRoot!.querySelectorAll('[part="pinned-icon"]')).to.have.length(1);
  });

  it('shows a muted conversation with the mute icon and its unread count, and says "Muted" in its name, in English and in Norwegian', async () => {
    const { el, store, ids } = await listFor();
    await store.setMuted(ids.maths, true);
    await el.updateComplete;
    const maths = await byRole(el, 'option', /^Mathematics 9B, Course conversation\. Last activity .* \d+ unread messages?\. Muted$/);
    expect(maths.querySelector('[part="muted-icon"]'), 'the mute icon').to.not.equal(null);
    expect(text(maths.querySelector('[part="badge"]'))).to.match(/^\d+$/, 'its unread count still shows');
    const group = await byRole(el, 'option', /^Maths study group, /);
    expect(group.querySelector('[part="muted-icon"]'), 'no icon on one not muted').to.equal(null);
    await expect(el).to.be.accessible();

    el.lang = 'nb';
    await until(() => /Dempet$/.test(maths.querySelector('.visually-hidden')?.textContent ?? ''), 'Norwegian');
    await byRole(el, 'option', /^Mathematics 9B, Emnesamtale\. .* uleste? meldinger?\. Dempet$/);

    await store.setMuted(ids.maths, false);
    await el.updateComplete;
    await byRole(el, 'option', /^Mathematics 9B, Emnesamtale\. .* uleste? meldinger?$/);
    expect(el.shadowRoot!.querySelector('[part="muted-icon"]')).to.equal(null);
  });

  it('renders only the conversations near the screen, each with its place in the list, and loads more at the end', async () => {
    const { el, store } = await longList(70, 300);
    expect(store.state.order.length).to.equal(30, 'one page loaded');
    const first = await items(el);
    expect(first.map((b) => b.getAttribute('aria-posinset'))).to.deep.equal(first.map((_, i) => String(i + 1)));
    expect(first[0].getAttribute('aria-setsize')).to.equal('-1', 'more to load: how many is not known yet');

    const box = scroller(el);
    await until(() => (box.scrollTop = box.scrollHeight) > 0 && !store.hasMoreConversations, 'the last page');
    const total = store.state.order.length;
    expect(total).to.be.above(70);
    await until(() => (box.scrollTop = box.scrollHeight) > 0 && lastRendered(el)?.getAttribute('aria-posinset') === String(total), 'the end on screen');
    const end = await nodesByRole(el, 'option');
    // The screen and about a thousand pixels either side (the virtualizer's margin).
    expect(end.length).to.be.below(total / 2, 'only those near the screen are rendered');
    expect(end[0].element.getAttribute('aria-posinset')).to.not.equal('1');
    expect(end.at(-1)!.element.getAttribute('aria-setsize')).to.equal(String(total), 'all loaded: how many there are');
    expect(end.at(-1)!.element.dataset.id).to.equal(store.state.order.at(-1));
    expect(end.at(-1)!.name.startsWith(`${shownName(end.at(-1)!.element)}, `)).to.equal(true);
    expect(new Set(end.map((o) => o.name)).size).to.equal(end.length, 'no conversation twice');
  });

  it('reaches any conversation of a long list by keyboard, rendering it on the way', async () => {
    const { el, store } = await longList(70, 300);
    el.focus();
    const order = store.state.order;
    const at = async () => (deepActive() as HTMLElement | null)?.dataset.id;
    expect(await at()).to.equal(order[0]);
    // One press each: End to the last loaded, Home back, Page Down a screenful on.
    await sendKeys({ press: 'End' });
    await until(() => (deepActive() as HTMLElement | null)?.dataset.id === order[29], 'the 30th focused');
    expect((await focused())?.name.startsWith(`${shownName(deepActive()!)}, `)).to.equal(true);
    expect(deepActive()!.getAttribute('aria-posinset')).to.equal('30');
    expect(deepActive()!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Home' });
    await until(() => (deepActive() as HTMLElement | null)?.dataset.id === order[0], 'the first focused');
    await sendKeys({ press: 'PageDown' });
    await until(() => Number(deepActive()?.getAttribute('aria-posinset')) > 2, 'a screenful on');
    // The list scrolls to it within a few frames, and it stays there as the next pages load (the
    // virtualizer had kept the first conversation, reached by Home, pinned on screen, and now
    // and then pulled the view back to it).
    await until(() => {
      const box = scroller(el).getBoundingClientRect();
      const onScreen = deepActive()!.getBoundingClientRect();
      // A pixel of rounding either way: the engines place a scrolled row at fractions of one.
      return onScreen.top >= box.top - 1 && onScreen.bottom <= box.bottom + 1;
    }, 'scrolled into view');
    expect((await items(el)).filter((b) => b.tabIndex === 0)).to.deep.equal([deepActive()], 'one tab stop');
    const paged = Number(deepActive()!.getAttribute('aria-posinset'));
    await sendKeys({ press: 'ArrowUp' });
    await until(() => deepActive()?.getAttribute('aria-posinset') === String(paged - 1), 'one up');
  });

  it('keeps focus in the list when the focused conversation scrolls out of what is rendered', async () => {
    const { el, store } = await longList(70, 300);
    el.focus();
    const first = store.state.order[0];
    await until(() => (scroller(el).scrollTop = scroller(el).scrollHeight) > 0 && !el.shadowRoot!.querySelector(`[data-id="${first}"]`), 'the first no longer rendered');
    // On one on screen: the last scroll above may have come after focus came back, taking that
    // one out of what is rendered in turn (then focus comes back once more).
    await until(() => {
      if (deepActive()?.getAttribute('role') !== 'option') return false;
      const box = scroller(el).getBoundingClientRect();
      const rect = deepActive()!.getBoundingClientRect();
      return rect.bottom > box.top && rect.top < box.bottom;
    }, 'focus on a conversation on screen');
    expect((await focused())?.role).to.equal('option');
    // Tab leaves the list and Shift+Tab comes back to it: it still has its one tab stop.
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('role')).to.equal('option');
  });
});
