import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.js';

const bubbleButton = (el: ImMessenger) =>
  el.shadowRoot!.querySelector('im-chat-bubble')!.shadowRoot!.querySelector('button')!;
const panel = (el: ImMessenger) => el.shadowRoot!.querySelector('[role="dialog"]');

/** The element that really has focus, looking through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('im-messenger', () => {
  it('is accessible closed and open', async () => {
    const el = await fixture<ImMessenger>(html`<im-messenger></im-messenger>`);
    await expect(el).to.be.accessible();
    el.open = true;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('opens by keyboard, moves focus into the panel, and Escape returns focus to the bubble', async () => {
    const el = await fixture<ImMessenger>(html`<im-messenger></im-messenger>`);
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(bubbleButton(el));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(panel(el)).to.not.equal(null);
    expect(bubbleButton(el).getAttribute('aria-expanded')).to.equal('true');
    expect(panel(el)!.contains(deepActive())).to.equal(true);

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(panel(el)).to.equal(null);
    expect(deepActive()).to.equal(bubbleButton(el));
    expect(bubbleButton(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('closes with the close button', async () => {
    const el = await fixture<ImMessenger>(html`<im-messenger open></im-messenger>`);
    const close = panel(el)!.querySelector('button')!;
    close.click();
    await el.updateComplete;
    expect(panel(el)).to.equal(null);
    expect(el.open).to.equal(false);
  });
});
