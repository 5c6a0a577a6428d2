import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/components/composer/composer.js';
import type { ImComposer } from '../../src/components/composer/composer.js';
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.js';
import { demoSchool } from '../../stories/support.js';
import { byRole, deepActive, until } from './helpers.js';
import { emojiPicker } from './composer.harness.js';
import { seenByMessage } from './message.harness.js';

// What the system's settings change, which a test has the browser emulate: a dark system
// (prefers-color-scheme) and forced colours (Windows high contrast). Chromium lets a test do
// that; WebDriver BiDi (Firefox) and WebDriver (WebKit) have no way to, so this file runs in
// Chromium only (web-test-runner.config.mjs).

describe('im-composer, the system dark or light', () => {
  it('keeps refusals readable on a light page when the system is dark, and the other way round', async () => {
    const school = await demoSchool();
    const el = await fixture<ImComposer>(html`<im-composer .store=${school.store} conversation-id=${school.ids.group} recipient-name="Maths study group"></im-composer>`);
    el.addFiles([new File([new Uint8Array(10)], 'game.exe', { type: 'application/x-msdownload' })]);
    await el.updateComplete;
    const said = (await byRole(el, 'alert')).querySelector('p')!;
    const refusal = () => getComputedStyle(said).color;
    try {
      // The page is light (no color-scheme), as Canvas is: the red is the one made for white.
      await emulateMedia({ colorScheme: 'dark' });
      expect(refusal()).to.equal('rgb(192, 28, 40)');
      await expect(el).to.be.accessible();
      // A dark page: the lighter red, on the dark Canvas (painted, so axe sees it).
      document.documentElement.style.colorScheme = 'dark';
      document.body.style.background = 'Canvas';
      expect(refusal()).to.equal('rgb(255, 123, 114)');
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.style.colorScheme = '';
      document.body.style.background = '';
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});

describe('forced colours (Windows high contrast)', () => {
  before(() => emulateMedia({ forcedColors: 'active' }));
  after(() => emulateMedia({ forcedColors: 'none' }));

  it('badges keep their shape, buttons their edge, and focus stays visible', async () => {
    const school = await demoSchool({ start: false });
    // The reader has reacted to every message they may react to.
    for (const { id: conversationId } of (await school.actAs('ola')('listConversations', {})).items) {
      for (const { id } of (await school.actAs('ola')('getMessages', { conversationId, limit: 200 })).messages) {
        await school.actAs('ola')('addReaction', { messageId: id, emoji: '👍' }).catch(() => undefined);
      }
    }
    const el = await fixture<ImMessenger>(html`<im-messenger .transport=${school.transport}></im-messenger>`);
    await until(() => (el.messengerStore?.state.unread ?? 0) > 0, 'unread count');
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const edge = (node: Element) => {
      const style = getComputedStyle(node);
      return style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) > 0;
    };
    const bubble = el.shadowRoot!.querySelector('im-chat-bubble')!.shadowRoot!;
    expect(edge(bubble.querySelector('[part="badge"]')!), "the bubble's badge").to.equal(true);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.getAttribute('part') === 'item', 'panel open on the list');
    const panel = el.shadowRoot!.querySelector('im-panel')!.shadowRoot!;
    expect(edge(panel.querySelector('[part="new-message"]')!), 'New message').to.equal(true);
    const list = panel.querySelector('im-conversation-list')!.shadowRoot!;
    expect(edge(list.querySelector('[part="badge"]')!), "a conversation's unread badge").to.equal(true);
    const focusedItem = deepActive()!;
    expect(getComputedStyle(focusedItem).outlineStyle).to.not.equal('none');
    expect(parseFloat(getComputedStyle(focusedItem).outlineWidth)).to.be.at.least(2);
    await sendKeys({ press: 'Enter' });
    await until(() => !!el.shadowRoot!.querySelector('im-conversation-view')?.shadowRoot?.querySelector('article'), 'a conversation open');
    const view = el.shadowRoot!.querySelector('im-conversation-view')!.shadowRoot!;
    const mine = () => view.querySelector('article .reaction.mine');
    await until(() => !!mine(), 'the reader’s reaction shown');
    expect(edge(mine()!), 'the reader’s own reaction keeps its ring').to.equal(true);
    expect(parseFloat(getComputedStyle(mine()!).borderTopWidth)).to.be.at.least(3, 'thicker than a button’s edge');
  });

  it('the emoji picker’s chosen tab stays marked (thicker than the other tabs’ edges), and focus on an emoji shows', async () => {
    const picker = await emojiPicker();
    const [chosen, other] = [picker.querySelector('[role="tab"][aria-selected="true"]')!, picker.querySelector('[role="tab"][aria-selected="false"]')!];
    expect(parseFloat(getComputedStyle(chosen).borderBottomWidth)).to.be.at.least(3);
    expect(parseFloat(getComputedStyle(other).borderBottomWidth)).to.be.below(3);
    await until(() => !!picker.querySelector('[role="option"]'), 'the emoji shown');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('role')).to.equal('option');
    expect(getComputedStyle(deepActive()!).outlineStyle).to.not.equal('none');
  });

  it('a message’s "Seen by" keeps the edge of a button, and its focus shows', async () => {
    const el = await seenByMessage();
    await sendKeys({ press: 'Enter' });
    const button = el.shadowRoot!.querySelector<HTMLElement>('[part="seen"] button')!;
    await until(() => el.shadowRoot!.activeElement === button, 'on the button');
    const style = getComputedStyle(button);
    expect([style.borderTopStyle, parseFloat(style.borderTopWidth) > 0]).to.deep.equal(['solid', true]);
    expect(style.outlineStyle).to.not.equal('none');
  });
});
