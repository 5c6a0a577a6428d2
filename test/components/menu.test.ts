import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/menu/menu.js';
import type { ImMenu } from '../../src/components/menu/menu.js';
import { deepActive, text, until } from './helpers.js';

const items = [
  { id: 'reply', label: 'Reply' },
  { id: 'forward', label: 'Forward' },
  { id: 'delete', label: 'Delete message', danger: true },
];

async function menu() {
  const el = await fixture<ImMenu>(html`<im-menu label="More options for message from Kari, 10:42" .items=${items}></im-menu>`);
  const trigger = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="trigger"]')!;
  const popup = el.shadowRoot!.querySelector<HTMLElement>('[part="menu"]')!;
  return { el, trigger, popup };
}

describe('im-menu', () => {
  it('is an accessible menu button, closed and open', async () => {
    const { el, trigger } = await menu();
    expect(trigger.getAttribute('aria-haspopup')).to.equal('menu');
    expect(trigger.getAttribute('aria-label')).to.equal('More options for message from Kari, 10:42');
    await expect(el).to.be.accessible();
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('Tab closes the open menu and moves on past its button; Shift+Tab moves back before it (APG menu button)', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <button>Before</button><im-menu label="Options" .items=${items}></im-menu><button>After</button>
    </div>`);
    const el = wrapper.querySelector('im-menu')!;
    const trigger = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="trigger"]')!;
    for (const [key, lands] of [['Tab', 'After'], ['Shift+Tab', 'Before']]) {
      trigger.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => text(deepActive()) === 'Reply', 'menu open');
      await sendKeys({ press: key });
      await until(() => deepActive() !== null && deepActive()?.getAttribute('role') !== 'menuitem', 'menu left');
      expect(text(deepActive()), key).to.equal(lands);
      expect(el.shadowRoot!.querySelector('[part="menu"]')!.matches(':popover-open')).to.equal(false);
    }
  });

  it('opens on the first item, moves with arrows, Home and End, and Escape returns focus', async () => {
    const { el, trigger, popup } = await menu();
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(popup.matches(':popover-open')).to.equal(true);
    expect(text(deepActive())).to.equal('Reply');
    await sendKeys({ press: 'ArrowDown' });
    expect(text(deepActive())).to.equal('Forward');
    await sendKeys({ press: 'End' });
    expect(text(deepActive())).to.equal('Delete message');
    await sendKeys({ press: 'ArrowDown' });
    expect(text(deepActive())).to.equal('Reply', 'wraps around');
    await sendKeys({ press: 'Home' });
    expect(text(deepActive())).to.equal('Reply');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(popup.matches(':popover-open')).to.equal(false);
    expect(deepActive()).to.equal(trigger);
    expect(trigger.getAttribute('aria-expanded')).to.equal('false');
  });

  it('opens on the last item with ArrowUp', async () => {
    const { el, trigger } = await menu();
    trigger.focus();
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(text(deepActive())).to.equal('Delete message');
  });

  it('reports the chosen item and closes', async () => {
    const { el, trigger, popup } = await menu();
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const event = await oneEvent(el, 'im-menu-select');
    expect(event.detail).to.deep.equal({ id: 'forward' });
    expect(popup.matches(':popover-open')).to.equal(false);
  });

  it('stays on screen next to its button', async () => {
    const { el, trigger, popup } = await menu();
    el.style.cssText = 'position:fixed; right:0; bottom:0';
    trigger.click();
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    const box = popup.getBoundingClientRect();
    expect(box.right).to.be.at.most(window.innerWidth);
    expect(box.bottom).to.be.at.most(window.innerHeight, 'flipped above the button near the bottom');
    expect(box.width).to.be.greaterThan(0);
  });

  it('closes on a click outside', async () => {
    const { el, trigger, popup } = await menu();
    trigger.click();
    await until(() => deepActive()?.getAttribute('role') === 'menuitem', 'menu open');
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(popup.matches(':popover-open')).to.equal(false);
  });
});
