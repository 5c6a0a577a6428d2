import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/panel/panel.js';
import type { ImPanel } from '../../src/components/panel/panel.js';
import { ImError } from '../../src/model/errors.js';
import { demoSchool } from '../../stories/support.js';
import { allByRole, byRole, focused, nodesByRole, text, until } from './helpers.js';

async function openPanel() {
  const school = await demoSchool();
  const el = await fixture<ImPanel>(html`<im-panel .store=${school.store}></im-panel>`);
  el.open = true;
  await el.updateComplete;
  await el.focusHome();
  return { ...school, el };
}

const search = (el: ImPanel) => byRole<HTMLInputElement>(el, 'searchbox', 'Search conversations');

async function type(el: ImPanel, value: string) {
  (await search(el)).focus();
  await sendKeys({ type: value });
}

/**
 * What the panel's status lines say, in a function to wait on: they are there from the
 * start (empty), so they can be found once and then read as they change.
 */
async function statuses(el: ImPanel) {
  const lines = await allByRole(el, 'status');
  return () => lines.map((line) => text(line)).filter(Boolean);
}

/** The search results: the conversations of the list box named "Search conversations". */
const results = async (el: ImPanel) => nodesByRole(await byRole(el, 'listbox', 'Search conversations'), 'option');

describe('im-panel', () => {
  it('is an accessible dialog, open, searching and offline', async () => {
    const { el, transport } = await openPanel();
    const dialog = await byRole<HTMLDialogElement>(el, 'dialog', 'Messages');
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    await expect(el).to.be.accessible();
    const said = await statuses(el);
    await type(el, 'equations');
    await until(() => said().some((s) => s.includes('found')), 'results');
    await expect(el).to.be.accessible();
    transport.goOffline();
    await el.updateComplete;
    expect(said()).to.include('Reconnecting…');
    await expect(el).to.be.accessible();
  });

  it('moves focus to the list on open, and Escape closes it', async () => {
    const { el } = await openPanel();
    const [first] = await nodesByRole(el, 'option');
    expect(await focused()).to.include({ role: 'option', name: first.name });
    const dialog = await byRole<HTMLDialogElement>(el, 'dialog', 'Messages');
    setTimeout(() => sendKeys({ press: 'Escape' }));
    await oneEvent(el, 'im-close');
    await el.updateComplete;
    expect(el.open).to.equal(false);
    // Modal no more at once (the page behind is usable); gone from the tree after focus has gone back.
    expect(dialog.matches(':modal')).to.equal(false);
    await until(() => !dialog.open, 'closed');
  });

  it('keeps Tab and Shift+Tab in the panel, round its controls and into the list, never out of it', async () => {
    const { el } = await openPanel();
    const [first] = await nodesByRole(el, 'option');
    const stop = async () => {
      const node = await focused();
      return `${node?.role} ${node?.name}`;
    };
    const controls = ['button Close', 'button New message', 'searchbox Search conversations', 'button Notifications', 'button Mark all as read', `option ${first.name}`];
    const forth: string[] = [];
    for (let i = 0; i < controls.length + 1; i++) {
      await sendKeys({ press: 'Tab' });
      forth.push(await stop());
    }
    expect(forth).to.deep.equal([...controls, controls[0]], 'from the list round to the close button, and on');
    const back: string[] = [];
    for (let i = 0; i < 2; i++) {
      await sendKeys({ press: 'Shift+Tab' });
      back.push(await stop());
    }
    expect(back).to.deep.equal([controls.at(-1), controls.at(-2)], 'from the close button back to the list');
  });

  it('closes with the close button', async () => {
    const { el } = await openPanel();
    const close = await byRole(el, 'button', 'Close');
    setTimeout(() => close.click());
    await oneEvent(el, 'im-close');
    expect(el.open).to.equal(false);
  });

  it('asks for the new-message form from the green button', async () => {
    const { el } = await openPanel();
    const button = await byRole(el, 'button', 'New message');
    setTimeout(() => button.click());
    await oneEvent(el, 'im-new-conversation-open');
  });

  it('finds a conversation by its name before the messages that mention it, and opens it at its latest message', async () => {
    const { el, store } = await openPanel();
    const said = await statuses(el);
    await type(el, 'science');
    await until(() => said().some((s) => / found$/.test(s)), 'results');
    const [first] = await results(el);
    expect(first.name).to.match(/^Science 9B, Course conversation\./);
    // What is seen: the name, the match marked.
    expect(text(first.element.querySelector('.name'))).to.equal('Science 9B');
    expect([...first.element.querySelectorAll('.name mark')].map((m) => m.textContent)).to.deep.equal(['Science']);
    setTimeout(() => first.element.click());
    const { detail } = await oneEvent(el, 'im-conversation-open');
    const science = [...store.state.conversations.values()].find((c) => c.name === 'Science 9B')!;
    expect(detail).to.deep.equal({ conversationId: science.id }, 'no message to jump to');
  });

  it('searches as the reader types, highlights the match, and says when nothing is found', async () => {
    const { el } = await openPanel();
    const said = await statuses(el);
    await type(el, 'equations');
    await until(() => said().some((s) => / found$/.test(s)), 'results');
    const found = await results(el);
    expect(said()).to.deep.equal([`${found.length} conversation${found.length === 1 ? '' : 's'} found`]);
    expect(found.every((option) => /equations/i.test(option.name))).to.equal(true, 'each result says what matched');
    const marks = found.flatMap((option) => [...option.element.querySelectorAll('mark')].map((m) => m.textContent));
    expect(marks.length).to.be.greaterThan(0);
    expect(marks.every((m) => m!.toLowerCase() === 'equations')).to.equal(true);

    (await search(el)).select();
    await sendKeys({ type: 'qwertyuiop' });
    await until(() => said().some((s) => s.startsWith('No conversations')), 'no results');
    expect(said()).to.deep.equal(['No conversations match “qwertyuiop”.']);
    expect(await results(el)).to.have.length(0);
  });

  it('answers only the latest query when an older one is slow', async () => {
    const { el, transport } = await openPanel();
    const said = await statuses(el);
    const real = transport.searchConversations.bind(transport);
    transport.searchConversations = async (args) => {
      // The first query answers last.
      if (args.query.startsWith('equa') && args.query.length < 9) await new Promise((r) => setTimeout(r, 600));
      return real(args);
    };
    await type(el, 'equa');
    await new Promise((r) => setTimeout(r, 300));
    (await search(el)).select();
    await sendKeys({ type: 'qwertyuiop' });
    await until(() => said().some((s) => s.startsWith('No conversations')), 'fresh answer');
    await new Promise((r) => setTimeout(r, 700));
    expect(said()).to.deep.equal(['No conversations match “qwertyuiop”.']);
  });

  it('marks all as read by keyboard from above the list: focus stays on the button, it says so, every badge and every tab goes to 0', async () => {
    const { el, store, ...school } = await openPanel();
    const { MessengerStore } = await import('../../src/state/store.js');
    const { MemoryTransport } = await import('../../src/transport/memory-transport.js');
    const otherTab = new MessengerStore(new MemoryTransport({ backend: school.backend, userId: store.state.user!.id }));
    await otherTab.start();
    await store.setMuted(school.ids.maths, true);
    expect(store.state.unread).to.be.greaterThan(0);
    const said = await statuses(el);
    const list = el.shadowRoot!.querySelector('im-conversation-list')!;
    expect(list.shadowRoot!.querySelectorAll('[part="badge"]').length).to.be.greaterThan(1);
    expect((await focused())!.role).to.equal('option');

    await sendKeys({ press: 'Shift+Tab' });
    expect(await focused()).to.deep.include({ role: 'button', name: 'Mark all as read' });
    const button = await byRole(el, 'button', 'Mark all as read');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await until(() => said().includes('All conversations marked as read.'), 'said');
    expect(await focused()).to.deep.include({ role: 'button', name: 'Mark all as read' });
    expect(button.getAttribute('aria-disabled'), 'nothing left to mark').to.equal('true');
    await until(() => list.shadowRoot!.querySelectorAll('[part="badge"]').length === 0, 'no badge left, the muted one’s too');
    expect(store.state.unread).to.equal(0);
    await until(() => otherTab.state.unread === 0 && [...otherTab.state.conversations.values()].every((c) => c.unreadCount === 0), 'the other tab too');
    await expect(el).to.be.accessible();

    // Pressed again with nothing unread, it does nothing and says nothing more.
    await sendKeys({ press: 'Space' });
    expect(said().filter((line) => line === 'All conversations marked as read.')).to.have.length(1);
    await school.actAs('kari')('sendMessage', { conversationId: school.ids.oneToOne, clientId: 'after-all-read', text: 'One more' });
    await until(() => button.getAttribute('aria-disabled') === 'false', 'something unread again');

    el.lang = 'nb';
    await until(() => text(button) === 'Merk alle som lest', 'Norwegian');
    await sendKeys({ press: 'Enter' });
    await until(() => said().includes('Alle samtaler er merket som lest.'), 'said in Norwegian');
  });

  it('says why marking all as read failed, with focus kept on the button', async () => {
    const { el, store } = await openPanel();
    store.transport.markAllRead = async () => {
      throw new ImError('unavailable', 'offline');
    };
    const button = await byRole(el, 'button', 'Mark all as read');
    button.focus();
    await sendKeys({ press: 'Enter' });
    const alert = await byRole(el, 'alert');
    await until(() => text(alert) === 'No connection. Try again when it is back.', 'the reason');
    expect(await focused()).to.deep.include({ role: 'button', name: 'Mark all as read' });
    expect(store.state.unread).to.be.greaterThan(0);
  });

  it('clears the search with Escape without closing the panel', async () => {
    const { el } = await openPanel();
    await type(el, 'equations');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(true);
    const field = await search(el);
    expect(field.value).to.equal('');
    expect(await focused()).to.include({ role: 'searchbox', name: 'Search conversations' });
  });
});
