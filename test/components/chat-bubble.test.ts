import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/chat-bubble/chat-bubble.js';
import type { ImChatBubble } from '../../src/components/chat-bubble/chat-bubble.js';
import { allByRole, byRole, focused } from './helpers.js';

const badge = (el: ImChatBubble) => el.shadowRoot!.querySelector('[part="badge"]');

describe('im-chat-bubble', () => {
  it('is accessible with nothing unread, some unread, and expanded', async () => {
    const el = await fixture<ImChatBubble>(html`<im-chat-bubble></im-chat-bubble>`);
    await expect(el).to.be.accessible();
    el.unread = 3;
    el.expanded = true;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('names the button with the unread count and shows no badge when nothing is unread', async () => {
    const el = await fixture<ImChatBubble>(html`<im-chat-bubble></im-chat-bubble>`);
    await byRole(el, 'button', 'Messages');
    expect(badge(el)).to.equal(null);
    el.unread = 1;
    await el.updateComplete;
    await byRole(el, 'button', 'Messages, 1 unread');
    el.unread = 7;
    await el.updateComplete;
    await byRole(el, 'button', 'Messages, 7 unread');
    expect(badge(el)!.textContent).to.equal('7');
    expect(await allByRole(el, 'StaticText')).to.deep.equal([], 'the badge is not read as well');
  });

  it('shows "99+" past 99 but keeps the exact count in the name', async () => {
    const el = await fixture<ImChatBubble>(html`<im-chat-bubble unread="150"></im-chat-bubble>`);
    expect(badge(el)!.textContent).to.equal('99+');
    await byRole(el, 'button', 'Messages, 150 unread');
  });

  it('speaks Norwegian Bokmål where the page says lang="nb"', async () => {
    const wrapper = await fixture(html`<div lang="nb"><im-chat-bubble unread="2"></im-chat-bubble></div>`);
    const el = wrapper.querySelector('im-chat-bubble')!;
    await el.updateComplete;
    await byRole(el, 'button', 'Meldinger, 2 uleste');
    wrapper.setAttribute('lang', 'en');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    await byRole(el, 'button', 'Messages, 2 unread');
  });

  it('reflects the panel state in aria-expanded', async () => {
    const el = await fixture<ImChatBubble>(html`<im-chat-bubble></im-chat-bubble>`);
    const button = await byRole(el, 'button', 'Messages');
    expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    el.expanded = true;
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
  });

  it('asks to open the panel from the keyboard', async () => {
    const el = await fixture<ImChatBubble>(html`<im-chat-bubble></im-chat-bubble>`);
    el.focus();
    expect(await focused()).to.deep.equal({ role: 'button', name: 'Messages', description: '' });
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const event = await oneEvent(el, 'im-toggle');
    expect(event.detail).to.deep.equal({ expanded: true });
  });

  it('warns and shows nothing for a count that is not a count', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await fixture<ImChatBubble>(html`<im-chat-bubble unread="lots"></im-chat-bubble>`);
      expect(badge(el)).to.equal(null);
      expect(warnings).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });
});
