import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/conversation-list/conversation-list.js';
import type { ImConversationList } from '../../src/components/conversation-list/conversation-list.js';
import { MessengerStore } from '../../src/state/store.js';
import { MemoryTransport } from '../../src/transport/memory-transport.js';
import { demoSchool, seedUsers } from '../../stories/support.js';
import { accessibleNames, deepActive, text, until } from './helpers.js';

const items = (el: ImConversationList) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="item"]')];

async function listFor(as: keyof typeof seedUsers = 'ola') {
  const school = await demoSchool({ as });
  const el = await fixture<ImConversationList>(html`<im-conversation-list .store=${school.store}></im-conversation-list>`);
  return { ...school, el };
}

describe('im-conversation-list', () => {
  it('is accessible loaded, loading, empty and failed', async () => {
    const { el } = await listFor();
    await expect(el).to.be.accessible();

    const slow = await demoSchool({ latency: 200, start: false });
    const loading = await fixture<ImConversationList>(html`<im-conversation-list .store=${slow.store}></im-conversation-list>`);
    const started = slow.store.start();
    await loading.updateComplete;
    expect(text(loading.shadowRoot!.querySelector('.message'))).to.equal('Loading conversations…');
    await expect(loading).to.be.accessible();
    await started;

    const school = await demoSchool();
    await school.backend.run((storage) => storage.putUser({ id: 'u-new', name: 'New Pupil', title: 'Student', role: 'student' }));
    const newcomer = new MessengerStore(new MemoryTransport({ backend: school.backend, userId: 'u-new' }));
    await newcomer.start();
    const empty = await fixture<ImConversationList>(html`<im-conversation-list .store=${newcomer}></im-conversation-list>`);
    expect(text(empty.shadowRoot!.querySelector('.message'))).to.equal('No conversations yet. Start one with “New message”.');
    await expect(empty).to.be.accessible();

    const failing = await demoSchool({ start: false });
    failing.transport.listConversations = async () => {
      throw new Error('Server down');
    };
    await failing.store.start().catch(() => undefined);
    const failed = await fixture<ImConversationList>(html`<im-conversation-list .store=${failing.store}></im-conversation-list>`);
    expect(failed.shadowRoot!.querySelector('[role="alert"]')).to.not.equal(null);
    expect(text(failed.shadowRoot!.querySelector('[role="alert"] button'))).to.equal('Try again');
    await expect(failed).to.be.accessible();
  });

  it('shows each conversation with its kind, last sender, preview and unread count', async () => {
    const { el, store } = await listFor('kari');
    const byName = (name: string) => items(el).find((b) => text(b.querySelector('.name')).startsWith(name))!;
    const sent = byName('Sent to 3 people');
    expect(sent, 'individual messages item').to.not.equal(undefined);
    const names = await accessibleNames('option');
    expect(names.find((n) => n.startsWith('Sent to 3 people'))).to.match(
      /^Sent to 3 people, Individual messages\. Last activity today at \d\d:\d\d\. You: Your test results are ready\. Come and see me if you have questions\.$/,
    );
    expect(sent.querySelector('im-avatar')!.getAttribute('kind')).to.equal('individual');
    const maths = byName('Mathematics 9B');
    expect(maths.querySelector('im-avatar')!.getAttribute('kind')).to.equal('course');
    expect(text(maths.querySelector('.preview'))).to.equal('You: Yes, please show every step.');
    const conversation = [...store.state.conversations.values()].find((c) => c.unreadCount > 0)!;
    const unread = items(el).find((b) => b.dataset.id === conversation.id)!;
    expect(unread.classList.contains('unread')).to.equal(true);
    const unreadName = conversation.unreadCount === 1 ? '1 unread message' : `${conversation.unreadCount} unread messages`;
    const unreadTitle = text(unread.querySelector('.name > [dir="auto"]'));
    expect(names.find((n) => n.startsWith(unreadTitle))).to.match(new RegExp(`\\. ${unreadName}$`));
    // What assistive technology reads: what is seen, in order, in sentences, with the kind the avatar shows.
    expect(names.find((n) => n.startsWith('Mathematics 9B'))).to.match(
      /^Mathematics 9B, Course conversation\. Last activity today at \d\d:\d\d\. You: Yes, please show every step\.$/,
    );
    expect(getComputedStyle(unread.querySelector('.name')!).fontWeight).to.equal('700', 'unread is bold, not only coloured');
    expect(unread.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
  });

  it('has one tab stop; arrows, Home and End move; Enter opens', async () => {
    const { el, store } = await listFor();
    const buttons = items(el);
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
    const focused = deepActive();
    const last = store.state.order.at(-1)!;
    expect(last).to.not.equal(store.state.order[0]);
    await actAs('kari')('sendMessage', { conversationId: ids.maths, clientId: 'live-1', text: 'Test on Friday!' });
    await until(() => store.state.order[0] === ids.maths, 'maths on top');
    await el.updateComplete;
    expect(text(items(el)[0].querySelector('.preview'))).to.equal('Kari Nordmann: Test on Friday!');
    expect(deepActive()).to.equal(focused, 'focus stays on the same conversation');
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
    for (let swap = 1; swap <= 3; swap++) {
      const [top, below] = store.state.order;
      expect((deepActive() as HTMLElement).dataset.id).to.equal(top);
      await send(below, `Swap ${swap}`);
      await until(() => store.state.order[0] === below, `swap ${swap}`);
      await el.updateComplete;
      const item = deepActive() as HTMLElement;
      expect(item.getAttribute('part')).to.equal('item', `focus on a conversation after swap ${swap}`);
      expect(item.dataset.id).to.equal(top, 'the same conversation, now second');
      expect(item.tabIndex).to.equal(0);
      await sendKeys({ press: 'Home' });
    }
  });

  it('names each conversation in sentences with the date in full words, in English and in Norwegian', async () => {
    const school = await demoSchool({ as: 'ola' });
    const el = await fixture<ImConversationList>(html`<im-conversation-list lang="nb" .store=${school.store}></im-conversation-list>`);
    await el.updateComplete;
    const names = await accessibleNames('option');
    expect(names.find((n) => n.startsWith('Maths study group'))).to.match(
      /^Maths study group, Gruppesamtale\. Siste aktivitet i dag kl\. \d\d:\d\d\. Emma Hansen: See you all tomorrow! \d+ uleste meldinger$/,
    );
    expect(names.every((n) => !/ [,.]/.test(n)), `no space before a comma or full stop: ${names.join(' | ')}`).to.equal(true);
  });

  it('marks closed and deleted conversations in words', async () => {
    const { el, store, ids, actAs } = await listFor();
    await actAs('emma')('closeConversation', { conversationId: ids.group });
    await actAs('kari')('deleteConversation', { conversationId: ids.maths });
    await until(() => !!store.state.conversations.get(ids.maths)?.deleted, 'deleted');
    await el.updateComplete;
    const states = items(el).map((b) => text(b.querySelector('.state'))).filter(Boolean);
    expect(states).to.include.members(['Closed conversation', 'Deleted conversation']);
    const names = await accessibleNames('option');
    expect(names.find((n) => n.startsWith('Maths study group'))).to.match(/^Maths study group, Group conversation, Closed conversation\. Last activity today at /);
  });

  it('loads more conversations when scrolled to the end', async () => {
    const school = await demoSchool({ as: 'kari', start: false });
    for (let i = 1; i <= 40; i++) {
      await school.actAs('kari')('startConversation', { recipients: [{ type: 'person', id: `u-student-${i}` }], mode: 'group', text: `Hello ${i}`, clientId: `more-${i}` });
    }
    await school.store.start();
    const el = await fixture<ImConversationList>(html`<im-conversation-list style="block-size: 300px" .store=${school.store}></im-conversation-list>`);
    const first = items(el).length;
    expect(first).to.equal(30, 'one page');
    el.scrollTop = el.scrollHeight;
    await until(() => items(el).length > first, 'next page');
    expect(items(el).length).to.equal(school.store.state.order.length);
    expect(new Set(items(el).map((i) => i.dataset.id)).size).to.equal(items(el).length, 'no conversation twice');
  });
});
