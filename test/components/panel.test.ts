import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/panel/panel.js';
import type { ImPanel } from '../../src/components/panel/panel.js';
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
