import { expect, fixture, oneEvent } from '@open-wc/testing';
import { virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { html, render } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/conversation-view/conversation-view.js';
import type { ImConversationView } from '../../src/components/conversation-view/conversation-view.js';
import { READ_STATUS_EVERY_MS } from '../../src/model/events.js';
import { demoSchool, seedUsers } from '../../stories/support.js';
import { articleFrom, menuItemsOf, messageOf, messages, openView, optionsOf } from './conversation-view.harness.js';
import { deepActive, text, until } from './helpers.js';

const view = openView;

/** Waits until the history has stopped moving (its scroll position the same for a few frames). */
async function still(scroller: HTMLElement) {
  for (let same = 0, last = NaN, frames = 0; same < 3 && frames < 120; frames++) {
    await new Promise((frame) => requestAnimationFrame(frame));
    same = scroller.scrollTop === last ? same + 1 : 0;
    last = scroller.scrollTop;
  }
}

const $ = <T extends Element = HTMLElement>(el: ImConversationView, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const messageText = (m: HTMLElement) => text(m.querySelector('.text, .gone'));
const composerField = (el: ImConversationView) => $(el, 'im-composer')!.shadowRoot!.querySelector('textarea')!;

describe('im-conversation-view', () => {
  it('is accessible in a group, a closed conversation and a read-only one', async () => {
    const group = await view('ola', (ids) => ids.group);
    await expect(group.el).to.be.accessible();
    const closed = await view('ola', (ids) => ids.group, (s) => s.actAs('emma')('closeConversation', { conversationId: s.ids.group }).then(() => undefined));
    expect(text($(closed.el, '.note'))).to.equal('This conversation is closed. No new messages can be sent.');
    expect($(closed.el, 'im-composer')).to.equal(null);
    await expect(closed.el).to.be.accessible();
    const mass = await view('ola', (ids) => ids.mass);
    expect(text($(mass.el, '.note'))).to.equal('This conversation is read only.');
    await expect(mass.el).to.be.accessible();
  });

  it('opens at the first unread message under an "Unread messages" marker, and marks what is seen as read', async () => {
    const { el, store, ids } = await view('ola', (ids) => ids.group);
    expect(text($(el, 'h2'))).to.equal('Maths study group');
    expect(text($(el, '.subtitle'))).to.equal('Group conversation · 4 participants');
    const marker = $(el, '.unread-marker')!;
    expect(text(marker)).to.equal('Unread messages');
    const scroller = $(el, 'lit-virtualizer')!;
    // Re-queried each time: the virtualizer may re-create rows as it lays them out.
    const top = () => $(el, '.unread-marker')!.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    // The page scrolls as the heading takes focus (the previous test left it scrollable);
    // the view must keep its framing through that.
    const seen: number[] = [];
    await until(() => (seen.push(Math.round(top())), top() > -40 && top() < 60), 'the marker at the top of the view').catch((e) => {
      throw new Error(`${e.message}; positions seen: ${[...new Set(seen)].join(', ')}; scrollTop ${scroller.scrollTop}; layout ${JSON.stringify((scroller as unknown as { layout: unknown }).layout)}`);
    });
    const before = store.state.conversations.get(ids.group)!.unreadCount;
    await until(() => store.state.conversations.get(ids.group)!.unreadCount < before, 'read as far as seen');
  });

  it('positions the rows on screen reading them once, not once per row', async () => {
    // Guards our patch of @lit-labs/virtualizer (virtualizer-patch.ts) across upgrades.
    const { el } = await view('kari', (ids) => ids.maths);
    const scroller = $(el, 'lit-virtualizer')!;
    type Internals = { _childrenPos: Map<number, unknown> | null; _positionChildren(positions: unknown): void };
    const virtualizer = (scroller as unknown as Record<symbol, Internals>)[virtualizerRef];
    const read = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(virtualizer), '_children')!.get!;
    let reads = 0;
    Object.defineProperty(virtualizer, '_children', { configurable: true, get: () => (reads++, read.call(virtualizer)) });
    try {
      expect(virtualizer._childrenPos?.size).to.be.greaterThan(3);
      virtualizer._positionChildren(virtualizer._childrenPos);
      expect(reads).to.equal(1);
    } finally {
      delete (virtualizer as Partial<Record<'_children', unknown>>)._children;
    }
  });

  it('removes rows without leaving their markers behind', () => {
    // Guards our patch of lit-html (patches/, lit/lit#5298): each row repeat() takes away left a
    // comment behind, thousands in a long fling, and the virtualizer walked them all every frame.
    const host = document.createElement('div');
    const rows = (count: number) => html`${repeat(Array.from({ length: count }, (_, i) => i), (i) => i, (i) => html`<p>${i}</p>`)}`;
    for (const count of [50, 10, 50, 0]) render(rows(count), host);
    const comments = [...host.childNodes].filter((n) => n.nodeType === Node.COMMENT_NODE).length;
    expect(comments).to.be.at.most(3, 'only the list’s own markers are left');
  });

  it('opens a conversation without unread messages at its end', async () => {
    const { el } = await view('kari', (ids) => ids.maths);
    await new Promise((r) => setTimeout(r, 200));
    expect(messageText(messages(el).at(-1)!)).to.equal('Yes, please show every step.');
    const scroller = $(el, 'lit-virtualizer')!;
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.lessThan(50);
  });

  it('sends with Enter, keeps Shift+Enter as a new line, and clears and refocuses the field', async () => {
    const { el } = await view('ola', (ids) => ids.group);
    const field = composerField(el);
    const send = $(el, 'im-composer')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="send"]')!;
    expect(send.disabled).to.equal(true, 'nothing to send yet');
    field.focus();
    await sendKeys({ type: 'First line' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'second line' });
    expect(field.value).to.equal('First line\nsecond line');
    expect(send.disabled).to.equal(false);
    await sendKeys({ press: 'Enter' });
    await until(() => messages(el).some((m) => messageText(m) === 'First line second line'), 'sent message');
    expect(field.value).to.equal('');
    expect(deepActive()).to.equal(field);
  });

  it('renders links safely and HTML as text', async () => {
    const { el, ids, actAs } = await view('kari', (ids) => ids.maths);
    await actAs('emma')('sendMessage', {
      conversationId: ids.maths,
      clientId: 'links',
      text: 'Read https://example.org/notes and <b>not bold</b> javascript:alert(1)',
    });
    await until(() => messages(el).some((m) => messageText(m).includes('not bold')), 'message');
    const message = messages(el).find((m) => messageText(m).includes('not bold'))!;
    const links = [...message.querySelectorAll('a[href]')].filter((a) => !a.classList.contains('file'));
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.org/notes']);
    expect(links[0].getAttribute('target')).to.equal('_blank');
    expect(links[0].getAttribute('rel')).to.equal('noopener noreferrer');
    expect(message.querySelector('b') === null).to.equal(true);
  });

  it('announces a new message from someone else once, with sender and text, and the same text again', async () => {
    const { el, ids, actAs } = await view('ola', (ids) => ids.group);
    const live = $(el, '[role="status"]')!;
    expect(text(live)).to.equal('', 'nothing announced for the history');
    const said: string[] = [];
    new MutationObserver(() => text(live) && said.push(text(live))).observe(live, { subtree: true, childList: true, characterData: true });
    await actAs('noah')('sendMessage', { conversationId: ids.group, clientId: 'a1', text: 'Anyone there?' });
    await until(() => text(live) !== '', 'announcement');
    expect(text(live)).to.equal('Noah Johansen: Anyone there?');
    // The same words again are said again: a live region is spoken when it changes.
    await actAs('noah')('sendMessage', { conversationId: ids.group, clientId: 'a2', text: 'Anyone there?' });
    await until(() => said.length === 2, 'second announcement');
    expect(said).to.deep.equal(['Noah Johansen: Anyone there?', 'Noah Johansen: Anyone there?']);
  });

  it('shows "Seen" under the reader’s latest message the other person has seen, moves it as they read, and says nothing of it', async () => {
    const { el, ids, actAs, store } = await view('ola', (ids) => ids.oneToOne);
    const seenUnder = () => messages(el).filter((m) => m.querySelector('[part="seen"]')).map(messageText);
    await until(() => seenUnder().length === 1, 'the status');
    expect(seenUnder()).to.deep.equal(['Hi Kari, I was ill on Monday. What did I miss?'], 'Kari answered it: she has seen it');
    const seen = () => messages(el).find((m) => m.querySelector('[part="seen"]'))!.querySelector('[part="seen"]')!;
    expect(text(seen())).to.equal('Seen');
    const live = $(el, '[role="status"]')!;
    const said: string[] = [];
    new MutationObserver(() => said.push(text(live))).observe(live, { subtree: true, childList: true, characterData: true });

    await store.send(ids.oneToOne, { text: 'Are you there?' });
    await until(() => messages(el).some((m) => messageText(m) === 'Are you there?'), 'sent');
    expect(seenUnder()).to.deep.equal(['Hi Kari, I was ill on Monday. What did I miss?'], 'not seen yet: the status stays where Kari read to');
    const sent = store.state.windows.get(ids.oneToOne)!.messages.at(-1)!;
    await actAs('kari')('markRead', { conversationId: ids.oneToOne, upTo: sent.seq });
    // At once, or, when the backend held the read back (it told Ola of Kari's reading a moment ago), a few seconds later.
    await until(() => seenUnder()[0] === 'Are you there?', 'moved as Kari read', READ_STATUS_EVERY_MS + 4_000);
    expect(seenUnder()).to.deep.equal(['Are you there?'], 'under one message only');
    expect(said).to.deep.equal([], 'nothing announced');
    await expect(el).to.be.accessible();
  });

  it('follows a burst of messages to the last one, and announces it once', async () => {
    const { el, ids, actAs } = await view('kari', (ids) => ids.maths);
    const live = $(el, '[role="status"]')!;
    const announced: string[] = [];
    new MutationObserver(() => announced.push(text(live))).observe(live, { subtree: true, childList: true, characterData: true });
    // Each in a task of its own, as messages arriving over a WebSocket are.
    for (let i = 1; i <= 40; i++) {
      await new Promise((r) => setTimeout(r, 0));
      void actAs('noah')('sendMessage', { conversationId: ids.maths, clientId: `burst${i}`, text: `Burst ${i}` });
    }
    const scroller = $(el, 'lit-virtualizer')!;
    await until(
      () => messages(el).some((m) => messageText(m) === 'Burst 40') && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 50,
      'the last message at the bottom',
    );
    await until(() => text(live) !== '', 'announcement');
    expect(announced.filter(Boolean)).to.deep.equal(['40 new messages']);
    const order = messages(el).map(messageText).filter((t) => t.startsWith('Burst'));
    expect(order).to.deep.equal([...order].sort((a, b) => Number(a.split(' ')[1]) - Number(b.split(' ')[1])));
  });

  it('lays out a burst that arrives in one go together: in order, said once, read to the last', async () => {
    const { el, ids, actAs, store } = await view('kari', (ids) => ids.maths);
    const live = $(el, '[role="status"]')!;
    const announced: string[] = [];
    new MutationObserver(() => announced.push(text(live))).observe(live, { subtree: true, childList: true, characterData: true });
    let renders = 0;
    el.addController({ hostUpdated: () => void renders++ });
    // All in one task: the view renders them together, not one by one.
    const sent = Array.from({ length: 40 }, (_, i) => actAs('noah')('sendMessage', { conversationId: ids.maths, clientId: `together${i}`, text: `Together ${i + 1}` }));
    const last = (await Promise.all(sent)).at(-1)!;
    const scroller = $(el, 'lit-virtualizer')!;
    await until(
      () => messages(el).some((m) => messageText(m) === 'Together 40') && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 50,
      'the last message at the bottom',
    );
    expect(renders).to.be.below(10, 'rendered together, not once a message');
    const order = messages(el).map(messageText).filter((t) => t.startsWith('Together'));
    expect(order.length).to.be.greaterThan(3);
    expect(order).to.deep.equal([...order].sort((a, b) => Number(a.split(' ')[1]) - Number(b.split(' ')[1])));
    expect(order.at(-1)).to.equal('Together 40');
    await until(() => text(live) !== '', 'announcement');
    expect(announced.filter(Boolean)).to.deep.equal(['40 new messages']);
    await until(() => store.state.conversations.get(ids.maths)!.readUpTo === last.seq, 'read up to the last message');
    expect(store.state.conversations.get(ids.maths)!.unreadCount).to.equal(0);
  });

  it('keeps only the rows on screen rendered while a burst comes in at the bottom, and those above once it is over', async () => {
    const { el, ids, actAs } = await view('kari', (ids) => ids.maths);
    const scroller = $(el, 'lit-virtualizer')!;
    /** How far above the history's box rows are rendered (px), ready for the reader scrolling up. */
    const above = () => scroller.getBoundingClientRect().top - Math.min(...[...scroller.children].map((row) => row.getBoundingClientRect().top));
    let sending = true;
    let count = 0;
    const sender = (async () => {
      // Each in a task of its own, as messages arriving over a WebSocket are.
      while (sending) {
        await new Promise((r) => setTimeout(r, 0));
        await actAs('noah')('sendMessage', { conversationId: ids.maths, clientId: `stream${++count}`, text: `Stream ${count}` });
      }
    })();
    try {
      await until(() => count >= 40, 'forty messages on their way');
      await until(() => messages(el).some((m) => messageText(m) === `Stream ${count - 5}`), 'the burst followed');
      await new Promise((frame) => requestAnimationFrame(frame));
      expect(above()).to.be.at.most(250, 'rows above the screen would only scroll away');
    } finally {
      sending = false;
      await sender;
    }
    await until(() => messages(el).some((m) => messageText(m) === `Stream ${count}`), 'the last message');
    await until(() => above() >= 600, 'the rows above rendered again, for scrolling up');
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.lessThan(50, 'still at the bottom');
  });

  it('opens with only the first screen of rows built, and those above it two frames after it shows, still at the end', async () => {
    const school = await demoSchool({ as: 'ola' });
    for (let i = 1; i <= 60; i++) await school.actAs('emma')('sendMessage', { conversationId: school.ids.group, clientId: `o${i}`, text: `Note ${i}` });
    const wrapper = await fixture(html`<div style="block-size: 600px; display: flex; flex-direction: column">
      <im-conversation-view .store=${school.store} conversation-id=${school.ids.group}></im-conversation-view>
    </div>`);
    const el = wrapper.querySelector<ImConversationView>('im-conversation-view')!;
    const scroller = () => $(el, 'lit-virtualizer');
    const above = () => scroller()!.getBoundingClientRect().top - Math.min(...[...scroller()!.children].map((row) => row.getBoundingClientRect().top));
    const lastShown = () => {
      const last = messages(el).find((m) => messageText(m) === 'Note 60')?.getBoundingClientRect();
      const box = scroller()?.getBoundingClientRect();
      return !!last && !!box && last.bottom <= box.bottom + 1 && last.top >= box.top;
    };
    // Checked every frame from the start: the frame that first shows the last message.
    for (let frames = 0; !lastShown(); frames++) {
      if (frames > 300) throw new Error('the last message never showed');
      await new Promise((frame) => requestAnimationFrame(frame));
    }
    expect(above()).to.be.at.most(250, 'nothing built far above the screen yet');
    await until(() => above() >= 600, 'the rows above rendered, for scrolling up');
    await still(scroller()!);
    expect(lastShown()).to.equal(true, 'still at the end, the last message whole');
  });

  it('keeps focus on a message in the history while a burst scrolls the one focused away', async () => {
    const { el, ids, actAs } = await view('kari', (ids) => ids.maths);
    messages(el).find((m) => m.getAttribute('tabindex') === '0')!.focus();
    for (let i = 1; i <= 60; i++) {
      await new Promise((r) => setTimeout(r, 0));
      void actAs('noah')('sendMessage', { conversationId: ids.maths, clientId: `focus${i}`, text: `Focus ${i}` });
    }
    await until(() => messages(el).some((m) => messageText(m) === 'Focus 60'), 'the last message');
    await new Promise((r) => setTimeout(r, 300));
    const active = deepActive()!;
    expect(active.localName).to.equal('article');
    expect(messages(el).includes(active as HTMLElement)).to.equal(true, 'a message of this history');
  });

  it('edits an own message from its menu, and Escape leaves edit mode', async () => {
    const { el } = await view('ola', (ids) => ids.group);
    const mine = articleFrom(el, seedUsers.ola.id)!;
    const trigger = optionsOf(mine);
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => text(deepActive()) === 'Reply', 'menu open');
    const labels = menuItemsOf(mine).map((i) => text(i));
    expect(labels).to.deep.equal(['Reply', 'Forward', 'Mark as unread', 'Edit', 'Delete message']);
    // The row of reactions ends the menu.
    await sendKeys({ press: 'End' });
    expect(deepActive()?.getAttribute('aria-label')).to.equal('React with ✅');
    await sendKeys({ press: 'Home' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    expect(text(deepActive())).to.equal('Edit');
    await sendKeys({ press: 'Enter' });
    const field = composerField(el);
    await until(() => deepActive() === field, 'composer focused');
    expect(field.value).to.equal(messageText(mine));
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(text($(el, 'im-composer')!.shadowRoot!.querySelector('.mode'))).to.equal('');

    trigger.focus();
    await sendKeys({ press: 'ArrowUp' });
    await until(() => deepActive()?.getAttribute('aria-label') === 'React with ✅', 'menu open at the end');
    await sendKeys({ press: 'Home' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    expect(text(deepActive())).to.equal('Edit');
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive() === field, 'composer focused again');
    field.select();
    await sendKeys({ type: 'Changed my mind' });
    await sendKeys({ press: 'Enter' });
    await until(() => messages(el).some((m) => messageText(m) === 'Changed my mind'), 'edited');
    const edited = messages(el).find((m) => messageText(m) === 'Changed my mind')!;
    await el.updateComplete;
    expect(text(edited.querySelector('.edited'))).to.equal('(edited)');
  });

  it("a teacher deletes a student's message after confirming, and everyone sees who removed it", async () => {
    const { el, store, ids } = await view('kari', (ids) => ids.maths);
    const emmas = articleFrom(el, seedUsers.emma.id)!;
    const emmasId = messageOf(el, emmas)!.id;
    const trigger = optionsOf(emmas);
    expect(trigger.getAttribute('aria-label')).to.match(/^More options for message from Emma Hansen, \d\d:\d\d, “Do we need to show the working for 4\.7\?”$/);
    trigger.focus();
    await sendKeys({ press: 'ArrowUp' });
    await until(() => deepActive()?.getAttribute('aria-label') === 'React with ✅', 'menu at the end: the row of reactions');
    await sendKeys({ press: 'Home' });
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'ArrowDown' });
    expect(text(deepActive())).to.equal('Delete message');
    await sendKeys({ press: 'Enter' });
    await until(() => !!$(el, 'im-dialog'), 'confirmation');
    const dialog = $(el, 'im-dialog')!;
    await until(() => text(deepActive()) === 'Cancel', 'focus on the safe choice');
    expect(text(dialog.shadowRoot!.querySelector('h2'))).to.equal('Delete message?');
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('.confirm')!.click();
    await until(() => messages(el).some((m) => messageText(m) === 'This message was removed by Kari Nordmann'), 'removed');
    expect(store.state.windows.get(ids.maths)!.messages.find((m) => m.id === emmasId)!.text).to.equal('');
  });

  it("offers a teacher Delete on students' messages only; a reviewer of a reported one-to-one gets it there too", async () => {
    /** The labels of a message's ⋯ menu, opened by keyboard and closed again. */
    const menuOf = async (message: HTMLElement) => {
      optionsOf(message).focus();
      await sendKeys({ press: 'Enter' });
      await until(() => menuItemsOf(message).length > 0, 'the menu open');
      const labels = menuItemsOf(message).map((i) => text(i));
      await sendKeys({ press: 'Escape' });
      return labels;
    };
    const { el } = await view('per', (ids) => ids.group, async (s) => {
      await s.actAs('emma')('addParticipants', { conversationId: s.ids.group, userIds: [seedUsers.kari.id, seedUsers.per.id] });
      await s.actAs('kari')('sendMessage', { conversationId: s.ids.group, clientId: 'k1', text: 'Kari here' });
    });
    await until(() => !!articleFrom(el, seedUsers.kari.id), "Kari's message");
    expect(await menuOf(articleFrom(el, seedUsers.kari.id)!)).to.not.include('Delete message');
    expect(await menuOf(articleFrom(el, seedUsers.emma.id)!)).to.include('Delete message');

    let reported = '';
    const reviewer = await view('kari', () => reported, async (s) => {
      const { conversation } = (await s.actAs('ola')('startConversation', {
        recipients: [{ type: 'person', id: seedUsers.emma.id }],
        mode: 'group',
        text: 'Hi',
        clientId: 'o1',
      })) as { conversation: { id: string } };
      const mean = (await s.actAs('emma')('sendMessage', { conversationId: conversation.id, clientId: 'e1', text: 'Something mean' })) as { id: string };
      await s.actAs('ola')('reportAbuse', { conversationId: conversation.id, messageId: mean.id, reason: 'Bullying' });
      reported = conversation.id;
    });
    const mean = messages(reviewer.el).find((m) => messageText(m) === 'Something mean')!;
    expect(await menuOf(mean)).to.include('Delete message');
  });

  it('loads older messages when scrolled towards the top, a few screens ahead and not all at once, keeping the place', async () => {
    const { el, store, ids } = await view('ola', (ids) => ids.maths, async (s) => {
      for (let i = 1; i <= 220; i++) await s.actAs('kari')('sendMessage', { conversationId: s.ids.maths, clientId: `n${i}`, text: `Note ${i}` });
    });
    const scroller = $(el, 'lit-virtualizer')!;
    const loaded = () => store.state.windows.get(ids.maths)!.messages.length;
    expect(loaded()).to.be.oneOf([50, 100], 'a page, and another if the first unread is within a few screens of its top');
    expect(messages(el).length).to.be.lessThan(50, 'only what is on screen is rendered');
    // The reader scrolls once the view has framed the first unread (the virtualizer
    // ignores scrolls while it corrects its own).
    await still(scroller);
    const before = loaded();
    const oldest = store.state.windows.get(ids.maths)!.messages[0];
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    await until(() => loaded() >= before + 50, 'older page');
    await new Promise((r) => setTimeout(r, 500));
    // Pages come until a few screens of history are above the reader, not all at once.
    expect(loaded()).to.be.below(224, 'not the whole history');
    expect(scroller.scrollTop).to.be.at.least(3 * scroller.clientHeight, 'a few screens above the reader');
    const anchor = messages(el).find((m) => messageOf(el, m)?.id === oldest.id);
    expect(anchor, 'the message that was at the top is still on screen').to.not.equal(undefined);
    const offset = anchor!.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    expect(offset).to.be.within(-60, 100);
  });

  it('shows "New messages" when the reader has scrolled up, and sticks to the bottom otherwise', async () => {
    const { el, ids, actAs } = await view('kari', (ids) => ids.maths, async (s) => {
      // Enough history to scroll.
      for (let i = 1; i <= 30; i++) await s.actAs('kari')('sendMessage', { conversationId: s.ids.maths, clientId: `f${i}`, text: `Filler ${i}` });
    });
    const scroller = $(el, 'lit-virtualizer')!;
    await actAs('noah')('sendMessage', { conversationId: ids.maths, clientId: 'b1', text: 'At the bottom' });
    await until(() => messages(el).some((m) => messageText(m) === 'At the bottom'), 'shown');
    await new Promise((r) => setTimeout(r, 200));
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.lessThan(50);
    expect($(el, '[part="new-messages"]')).to.equal(null);

    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    await new Promise((r) => setTimeout(r, 100));
    await actAs('noah')('sendMessage', { conversationId: ids.maths, clientId: 'b2', text: 'While you read' });
    await until(() => !!$(el, '[part="new-messages"]'), 'new messages button');
    $(el, '[part="new-messages"]')!.click();
    await until(() => messages(el).some((m) => messageText(m) === 'While you read'), 'jumped');
  });

  it('keeps the place of a reader further up through a burst, offering "New messages" to jump to its end', async () => {
    const { el, ids, actAs } = await view('kari', (ids) => ids.maths, async (s) => {
      for (let i = 1; i <= 30; i++) await s.actAs('kari')('sendMessage', { conversationId: s.ids.maths, clientId: `f${i}`, text: `Filler ${i}` });
    });
    const scroller = $(el, 'lit-virtualizer')!;
    // The reader scrolls once the history has settled: while the virtualizer still corrects its
    // own scroll position (a few frames longer in Firefox), it takes a scroll for one of those.
    await still(scroller);
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    await still(scroller);
    const top = () => messages(el).find((m) => m.getBoundingClientRect().bottom > scroller.getBoundingClientRect().top + 1);
    const reading = top()!;
    const at = reading.getBoundingClientRect().top;
    for (let i = 1; i <= 40; i++) {
      await new Promise((r) => setTimeout(r, 0));
      void actAs('noah')('sendMessage', { conversationId: ids.maths, clientId: `away${i}`, text: `Away ${i}` });
    }
    await until(() => !!$(el, '[part="new-messages"]'), 'new messages button');
    await still(scroller);
    expect(top() === reading).to.equal(true, 'the same message at the top');
    expect(reading.getBoundingClientRect().top).to.be.closeTo(at, 2);
    $(el, '[part="new-messages"]')!.click();
    await until(
      () => messages(el).some((m) => messageText(m) === 'Away 40') && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 50,
      'at the end of the burst',
    );
  });

  async function chooseFromMenu(message: HTMLElement, label: string) {
    optionsOf(message).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.getAttribute('role') === 'menuitem', 'menu open');
    for (let i = 0; i < 10 && text(deepActive()) !== label; i++) await sendKeys({ press: 'ArrowDown' });
    expect(text(deepActive())).to.equal(label);
    await sendKeys({ press: 'Enter' });
  }

  const dialogOf = (el: ImConversationView) => $(el, 'im-dialog')?.shadowRoot;

  it('forwards a message to another conversation chosen in a dialog, and opens it there', async () => {
    const { el, ids, store } = await view('kari', (ids) => ids.maths);
    const emmas = articleFrom(el, seedUsers.emma.id)!;
    await chooseFromMenu(emmas, 'Forward');
    await until(() => !!dialogOf(el)?.querySelector('select'), 'forward dialog');
    const select = dialogOf(el)!.querySelector('select')!;
    const target = [...select.options].find((o) => o.textContent === 'Ola Nordmann')!;
    select.value = target.value;
    setTimeout(() => dialogOf(el)!.querySelector<HTMLButtonElement>('.confirm')!.click());
    const opened = await oneEvent(el, 'im-conversation-open');
    expect(opened.detail.conversationId).to.equal(ids.oneToOne);
    await store.openConversation(ids.oneToOne);
    const last = store.state.windows.get(ids.oneToOne)!.messages.at(-1)!;
    expect(last.forwarded?.senderName).to.equal('Emma Hansen');
  });

  it('reports a message with a reason, and says the report was sent', async () => {
    const { el, actAs } = await view('ola', (ids) => ids.oneToOne);
    const karis = articleFrom(el, seedUsers.kari.id)!;
    await chooseFromMenu(karis, 'Report abuse');
    await until(() => !!dialogOf(el)?.querySelector('textarea'), 'report dialog');
    expect(text(dialogOf(el)!.querySelector('#text'))).to.contain('they will see that it was you');
    const confirm = dialogOf(el)!.querySelector<HTMLButtonElement>('.confirm')!;
    confirm.click();
    await until(() => text(dialogOf(el)!.querySelector('#field-error')) !== '', 'a reason is needed');
    expect(text(dialogOf(el)!.querySelector('#field-error'))).to.equal('What is wrong?: write something here first.');
    dialogOf(el)!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'Unkind words' });
    await el.updateComplete;
    confirm.click();
    await until(() => text($(el, '[role="status"]')) === 'Report sent. Thank you for telling us.', 'announced');
    const reports = await actAs('admin')('listReports', {});
    expect(reports[0].reason).to.equal('Unkind words');
  });

  it('replies privately to the author of a group message in a one-to-one', async () => {
    const { el } = await view('kari', (ids) => ids.maths);
    const emmas = articleFrom(el, seedUsers.emma.id)!;
    await chooseFromMenu(emmas, 'Reply privately');
    await until(() => !!dialogOf(el)?.querySelector('textarea'), 'reply dialog');
    expect(text(dialogOf(el)!.querySelector('h2'))).to.equal('Reply privately to Emma Hansen');
    dialogOf(el)!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'Come and see me after class' });
    setTimeout(() => dialogOf(el)!.querySelector<HTMLButtonElement>('.confirm')!.click());
    const opened = await oneEvent(el, 'im-conversation-open');
    const conversation = el.store!.state.conversations.get(opened.detail.conversationId)!;
    expect(conversation.kind).to.equal('one-to-one');
    expect(conversation.peer?.id).to.equal(seedUsers.emma.id);
  });
  it('opens a new, empty course conversation after the old one was deleted: no error, the beginning said, accessible', async () => {
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(String(e.message));
    window.addEventListener('error', onError);
    try {
      const { el, store, ids } = await view('kari', (ids) => ids.maths);
      await store.deleteConversation(ids.maths);
      const fresh = await store.startCourseConversation('c-maths');
      el.conversationId = fresh.id;
      await until(() => text($(el, '.start')) === 'This is the beginning of the conversation.', 'the beginning');
      await new Promise((r) => setTimeout(r, 300));
      expect(errors).to.deep.equal([]);
      await expect(el).to.be.accessible();
    } finally {
      window.removeEventListener('error', onError);
    }
  });
  it('has no message field for a reader whose messaging is off, and says why', async () => {
    const { el, backend, store } = await view('ola', (ids) => ids.group);
    await backend.setMessagingDisabled(seedUsers.ola.id, true);
    await store.stop();
    await store.start();
    await until(() => text($(el, '.note')) !== '', 'the note');
    expect(text($(el, '.note'))).to.equal('Messaging is turned off for your account. You can read your conversations, but not write.');
    expect($(el, 'im-composer')).to.equal(null);
  });
});
