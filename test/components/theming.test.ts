import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.js';
import { demoSchool } from '../../stories/support.js';
import { deepActive, until } from './helpers.js';

// The README's Theming section says: set the custom properties on im-messenger or an
// ancestor. Each documented one is set there, and read back where it is used.

const themed = `
  --im-bubble-size: 3.25rem;
  --im-bubble-color: rgb(1, 2, 3);
  --im-badge-background: rgb(4, 5, 6);
  --im-badge-color: rgb(7, 8, 9);
  --im-focus-ring: 3px dashed rgb(10, 11, 12);
  --im-surface: rgb(250, 240, 230);
  --im-text: rgb(20, 21, 22);
  --im-primary: rgb(0, 90, 40);
  --im-primary-text: rgb(255, 254, 253);
  --im-unread: rgb(150, 0, 30);
  --im-panel-width: 31rem;
  --im-avatar-size: 3rem;
  --im-font: serif;
  --im-control-border: rgb(60, 61, 62);
`;

describe('theming from im-messenger', () => {
  it('every documented custom property set on im-messenger reaches the element that uses it, the bubble included', async () => {
    const school = await demoSchool({ start: false });
    const el = await fixture<ImMessenger>(html`<im-messenger style=${themed} .transport=${school.transport}></im-messenger>`);
    await until(() => (el.messengerStore?.state.unread ?? 0) > 0, 'unread count');
    const bubble = el.shadowRoot!.querySelector('im-chat-bubble')!;
    await bubble.updateComplete;
    const button = bubble.shadowRoot!.querySelector('button')!;
    const badge = bubble.shadowRoot!.querySelector('[part="badge"]')!;
    const style = (node: Element) => getComputedStyle(node);
    expect(style(button).inlineSize).to.equal('52px');
    expect(style(button).color).to.equal('rgb(1, 2, 3)');
    expect(style(badge).backgroundColor).to.equal('rgb(4, 5, 6)');
    expect(style(badge).color).to.equal('rgb(7, 8, 9)');
    // Focus by keyboard, as focus rings are drawn for it.
    await sendKeys({ press: 'Tab' });
    await until(() => deepActive() === button, 'bubble focused');
    expect(style(button).outlineStyle).to.equal('dashed');
    expect(style(button).outlineColor).to.equal('rgb(10, 11, 12)');
    expect(style(button).outlineWidth).to.equal('3px');

    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.getAttribute('part') === 'item', 'panel open on the list');
    const panel = el.shadowRoot!.querySelector('im-panel')!;
    const dialog = panel.shadowRoot!.querySelector('dialog')!;
    expect(style(dialog).backgroundColor).to.equal('rgb(250, 240, 230)');
    expect(style(dialog).color).to.equal('rgb(20, 21, 22)');
    expect(style(dialog).inlineSize).to.equal(`${31 * 16}px`);
    expect(style(dialog).fontFamily).to.equal('serif');
    const item = deepActive()!;
    expect(style(item).outlineColor).to.equal('rgb(10, 11, 12)');
    const newMessage = panel.shadowRoot!.querySelector('[part="new-message"]')!;
    expect(style(newMessage).backgroundColor).to.equal('rgb(0, 90, 40)');
    expect(style(newMessage).color).to.equal('rgb(255, 254, 253)');
    expect(style(panel.shadowRoot!.querySelector('.search-field')!).borderTopColor).to.equal('rgb(60, 61, 62)');
    const list = panel.shadowRoot!.querySelector('im-conversation-list')!;
    expect(style(list.shadowRoot!.querySelector('[part="badge"]')!).backgroundColor).to.equal('rgb(150, 0, 30)');
    expect(style(list.shadowRoot!.querySelector('im-avatar')!).inlineSize).to.equal('48px');
  });
});
