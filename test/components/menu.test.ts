import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/menu/menu.js';
import type { ImMenu } from '../../src/components/menu/menu.js';
import { allByRole, byRole, deepActive, findByRole, focused, nodesByRole, text, until } from './helpers.js';

const items = [
  { id: 'reply', label: 'Reply' },
  { id: 'forward', label: 'Forward' },
  { id: 'delete', label: 'Delete message', danger: true },
];

const label = 'More options for message from Kari, 10:42';

async function menu() {
  const el = await fixture<ImMenu>(html`<im-menu label=${label} .items=${items}></im-menu>`);
  const trigger = await byRole<HTMLButtonElement>(el, 'button', label);
  return { el, trigger };
}

/** The open menu, in the top layer, once it is shown. */
async function shown(el: ImMenu) {
  const popup = await findByRole(el, 'menu', label);
  expect(popup.matches(':popover-open')).to.equal(true);
  return popup;
}

/** No menu is shown (a closed one is not in the accessibility tree). */
const closed = async (el: ImMenu) => expect(await allByRole(el, 'menu')).to.deep.equal([]);

describe('im-menu', () => {
  it('is an accessible menu button, closed and open', async () => {
    const { el, trigger } = await menu();
    expect(trigger.getAttribute('aria-haspopup')).to.equal('menu');
    await closed(el);
    await expect(el).to.be.accessible();
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    expect((await nodesByRole(await shown(el), 'menuitem')).map((item) => item.name)).to.deep.equal(['Reply', 'Forward', 'Delete message']);
    await expect(el).to.be.accessible();
  });

  it('Tab closes the open menu and moves on past its button; Shift+Tab moves back before it (APG menu button)', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <button>Before</button><im-menu label="Options" .items=${items}></im-menu><button>After</button>
    </div>`);
    const el = wrapper.querySelector('im-menu')!;
    const trigger = await byRole(el, 'button', 'Options');
    for (const [key, lands] of [['Tab', 'After'], ['Shift+Tab', 'Before']]) {
      trigger.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => text(deepActive()) === 'Reply', 'menu open');
      await sendKeys({ press: key });
      await until(() => deepActive() !== null && deepActive()?.getAttribute('role') !== 'menuitem', 'menu left');
      expect(await focused(), key).to.include({ role: 'button', name: lands });
      await closed(el);
    }
  });

  it('opens on the first item, moves with arrows, Home and End, and Escape returns focus', async () => {
    const { el, trigger } = await menu();
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await shown(el);
    expect(await focused()).to.include({ role: 'menuitem', name: 'Reply' });
    await sendKeys({ press: 'ArrowDown' });
    expect(await focused()).to.include({ role: 'menuitem', name: 'Forward' });
    await sendKeys({ press: 'End' });
    expect(await focused()).to.include({ role: 'menuitem', name: 'Delete message' });
    await sendKeys({ press: 'ArrowDown' });
    expect(await focused()).to.include({ role: 'menuitem', name: 'Reply' }, 'wraps around');
    await sendKeys({ press: 'Home' });
    expect(await focused()).to.include({ role: 'menuitem', name: 'Reply' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await closed(el);
    expect(deepActive()).to.equal(trigger);
    expect(trigger.getAttribute('aria-expanded')).to.equal('false');
  });

  it('opens on the last item with ArrowUp', async () => {
    const { el, trigger } = await menu();
    trigger.focus();
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(await focused()).to.include({ role: 'menuitem', name: 'Delete message' });
  });

  it('reports the chosen item and closes', async () => {
    const { el, trigger } = await menu();
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const event = await oneEvent(el, 'im-menu-select');
    expect(event.detail).to.deep.equal({ id: 'forward' });
    await closed(el);
  });

  it('stays on screen next to its button', async () => {
    const { el, trigger } = await menu();
    el.style.cssText = 'position:fixed; right:0; bottom:0';
    trigger.click();
    await el.updateComplete;
    const popup = await shown(el);
    await new Promise((r) => requestAnimationFrame(r));
    const box = popup.getBoundingClientRect();
    expect(box.right).to.be.at.most(window.innerWidth);
    expect(box.bottom).to.be.at.most(window.innerHeight, 'flipped above the button near the bottom');
    expect(box.width).to.be.greaterThan(0);
  });

  it('closes on a click outside', async () => {
    const { el, trigger } = await menu();
    trigger.click();
    await until(() => deepActive()?.getAttribute('role') === 'menuitem', 'menu open');
    await shown(el);
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    await closed(el);
  });
});
