import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/panel/panel.js';
import type { ImPanel } from '../../src/components/panel/panel.js';
import { demoSchool } from '../../stories/support.js';
import { deepActive, text, until } from './helpers.js';

async function openPanel() {
  const school = await demoSchool();
  const el = await fixture<ImPanel>(html`<im-panel .store=${school.store}></im-panel>`);
  el.open = true;
  await el.updateComplete;
  await el.focusHome();
  return { ...school, el };
}

const $ = <T extends Element = HTMLElement>(el: ImPanel, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const list = (el: ImPanel) => $(el, 'im-conversation-list');
const resultItems = (el: ImPanel) => [...list(el).shadowRoot!.querySelectorAll('[part="item"]')];

async function type(el: ImPanel, value: string) {
  $<HTMLInputElement>(el, '[part="search"]').focus();
  await sendKeys({ type: value });
}

describe('im-panel', () => {
  it('is an accessible dialog, open, searching and offline', async () => {
    const { el, transport } = await openPanel();
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('title');
    await expect(el).to.be.accessible();
    await type(el, 'equations');
    await until(() => text($(el, '.search-status')).includes('found'), 'results');
    await expect(el).to.be.accessible();
    transport.goOffline();
    await el.updateComplete;
    expect(text($(el, '.connection'))).to.equal('Reconnecting…');
    await expect(el).to.be.accessible();
  });

  it('moves focus to the list on open, and Escape closes it', async () => {
    const { el } = await openPanel();
    expect(deepActive()?.getAttribute('part')).to.equal('item');
    setTimeout(() => sendKeys({ press: 'Escape' }));
    await oneEvent(el, 'im-close');
    await el.updateComplete;
    expect(el.open).to.equal(false);
    // Modal no more at once (the page behind is usable); gone from the tree after focus has gone back.
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(dialog.matches(':modal')).to.equal(false);
    await until(() => !dialog.open, 'closed');
  });

  it('closes with the close button', async () => {
    const { el } = await openPanel();
    setTimeout(() => $(el, 'header button').click());
    await oneEvent(el, 'im-close');
    expect(el.open).to.equal(false);
  });

  it('asks for the new-message form from the green button', async () => {
    const { el } = await openPanel();
    const button = $(el, '[part="new-message"]');
    expect(text(button)).to.equal('New message');
    setTimeout(() => button.click());
    await oneEvent(el, 'im-new-conversation-open');
  });

  it('finds a conversation by its name before the messages that mention it, and opens it at its latest message', async () => {
    const { el } = await openPanel();
    await type(el, 'science');
    await until(() => resultItems(el).length > 0, 'results');
    const [first] = resultItems(el);
    expect(text(first.querySelector('.name'))).to.equal('Science 9B');
    expect([...first.querySelectorAll('.name mark')].map((m) => m.textContent)).to.deep.equal(['Science']);
    expect(text(first.querySelector('.visually-hidden'))).to.match(/^Science 9B, Course conversation\./);
    setTimeout(() => (first as HTMLElement).click());
    const { detail } = await oneEvent(el, 'im-conversation-open');
    expect(detail).to.deep.equal({ conversationId: first.getAttribute('data-id') }, 'no message to jump to');
  });

  it('searches as the reader types, highlights the match, and says when nothing is found', async () => {
    const { el } = await openPanel();
    await type(el, 'equations');
    await until(() => resultItems(el).length > 0, 'results');
    const marks = [...list(el).shadowRoot!.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks.length).to.be.greaterThan(0);
    expect(marks.every((m) => m!.toLowerCase() === 'equations')).to.equal(true);
    expect(text($(el, '.search-status'))).to.match(/^\d+ conversations? found$/);

    $<HTMLInputElement>(el, '[part="search"]').select();
    await sendKeys({ type: 'qwertyuiop' });
    await until(() => text($(el, '.search-status')).startsWith('No conversations'), 'no results');
    expect(text($(el, '.search-status'))).to.equal('No conversations match “qwertyuiop”.');
    expect(resultItems(el)).to.have.length(0);
  });

  it('answers only the latest query when an older one is slow', async () => {
    const { el, transport } = await openPanel();
    const real = transport.searchConversations.bind(transport);
    transport.searchConversations = async (args) => {
      // The first query answers last.
      if (args.query.startsWith('equa') && args.query.length < 9) await new Promise((r) => setTimeout(r, 600));
      return real(args);
    };
    await type(el, 'equa');
    await new Promise((r) => setTimeout(r, 300));
    $<HTMLInputElement>(el, '[part="search"]').select();
    await sendKeys({ type: 'qwertyuiop' });
    await until(() => text($(el, '.search-status')).startsWith('No conversations'), 'fresh answer');
    await new Promise((r) => setTimeout(r, 700));
    expect(text($(el, '.search-status'))).to.equal('No conversations match “qwertyuiop”.');
  });

  it('clears the search with Escape without closing the panel', async () => {
    const { el } = await openPanel();
    await type(el, 'equations');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect($<HTMLInputElement>(el, '[part="search"]').value).to.equal('');
  });
});
