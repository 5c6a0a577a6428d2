import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.js';
import type { MessageNotice } from '../../src/components/shared/events.js';
import { demoSchool } from '../../stories/support.js';
import { deepActive, focused, text, until } from './helpers.js';

/** Grants this page desktop notifications as the browser would once the reader allowed them, or takes that back (never answered). */
const browserAllows = (granted: boolean) => executeServerCommand('im-permission', { name: 'notifications', granted });

/**
 * The notifications the page raised. The desktop shows them outside the page, where a
 * test can't look: the browser's own Notification is wrapped so each one it makes is
 * also kept here (it is still the real one, shown or refused by the browser).
 */
const raised: Notification[] = [];
const BrowserNotification = window.Notification;
class RecordedNotification extends BrowserNotification {
  constructor(title: string, options?: NotificationOptions) {
    super(title, options);
    raised.push(this);
  }
}

const panel = (el: ImMessenger) => el.shadowRoot!.querySelector('im-panel')!;
const dialog = (el: ImMessenger) => panel(el)?.shadowRoot?.querySelector('dialog');
const settings = (el: ImMessenger) => panel(el).shadowRoot!.querySelector('im-notification-settings')!;
const checkbox = (el: ImMessenger, name: 'desktop' | 'emailDigest') => settings(el).shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const said = (el: ImMessenger) => text(settings(el).shadowRoot!.querySelector('[role="status"]'));

async function messenger({ open = false } = {}) {
  const school = await demoSchool({ start: false });
  const el = await fixture<ImMessenger>(html`<im-messenger .transport=${school.transport}></im-messenger>`);
  await until(() => el.messengerStore?.state.preferences !== undefined, 'store started with the preferences');
  if (open) {
    el.open = true;
    await until(() => !!dialog(el)?.open, 'panel open');
    await until(() => deepActive()?.getAttribute('part') === 'item', 'list focused');
  }
  return { ...school, el };
}

/** Presses a key until focus is on `name`; how many presses it took. */
async function pressUntil(key: string, name: string, most = 12) {
  for (let presses = 1; presses <= most; presses++) {
    await sendKeys({ press: key });
    if ((await focused())?.name === name) return presses;
  }
  throw new Error(`${name} not reached in ${most} presses of ${key}`);
}

describe('notification settings in the panel', () => {
  beforeEach(() => browserAllows(false));

  it('are a disclosure after the search field; turning desktop notifications on asks the browser then, keeps focus on the choice and says so', async () => {
    const { el } = await messenger({ open: true });
    await browserAllows(true);
    // From the list, where the panel opens: back past "Mark all as read".
    expect(await pressUntil('Shift+Tab', 'Notifications')).to.equal(2);
    expect(await focused()).to.deep.include({ role: 'button', name: 'Notifications' });
    expect(!settings(el).hidden).to.equal(false, 'closed at first');
    await sendKeys({ press: 'Enter' });
    await until(() => !settings(el).hidden, 'settings shown');
    expect(panel(el).shadowRoot!.querySelector('[part="notifications"]')!.getAttribute('aria-expanded')).to.equal('true');
    expect(await focused()).to.deep.include({ role: 'button', name: 'Notifications' }, 'focus stays on the disclosure button');

    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.deep.include({ role: 'checkbox', name: 'Desktop notifications' });
    expect((await focused())!.description).to.match(/^For new messages while Messages is closed/);
    await sendKeys({ press: 'Space' });
    await until(() => el.messengerStore!.state.preferences!.desktop, 'kept by the backend');
    await until(() => said(el) === 'Desktop notifications on.', 'said');
    expect(checkbox(el, 'desktop').checked).to.equal(true);
    expect(await focused()).to.deep.include({ role: 'checkbox', name: 'Desktop notifications' });

    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.deep.include({ role: 'checkbox', name: 'E-mail digest of unread messages' });
    await sendKeys({ press: 'Space' });
    await until(() => el.messengerStore!.state.preferences!.emailDigest, 'digest kept');
    await until(() => said(el) === 'E-mail digest on.', 'said');
    await sendKeys({ press: 'Space' });
    await until(() => said(el) === 'E-mail digest off.', 'and off');
    expect(el.messengerStore!.state.preferences!.emailDigest).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('never asks the browser on load; refused by the browser, the choice stays off and says how to allow them', async () => {
    const { el } = await messenger({ open: true });
    const asked: string[] = [];
    const ask = BrowserNotification.requestPermission;
    BrowserNotification.requestPermission = async () => {
      asked.push('asked');
      return 'denied';
    };
    try {
      expect(asked.length).to.equal(0, 'opening the panel asked nothing');
      panel(el).shadowRoot!.querySelector<HTMLElement>('[part="notifications"]')!.click();
      await until(() => !settings(el).hidden, 'settings shown');
      checkbox(el, 'desktop').focus();
      await sendKeys({ press: 'Space' });
      await until(() => said(el).startsWith('This browser blocks notifications'), 'the refusal said');
      expect(asked.length).to.equal(1, 'asked once, as the reader turned them on');
      expect(checkbox(el, 'desktop').checked).to.equal(false);
      expect(el.messengerStore!.state.preferences!.desktop).to.equal(false, 'nothing kept');
      expect(await focused()).to.deep.include({ role: 'checkbox', name: 'Desktop notifications' });
    } finally {
      BrowserNotification.requestPermission = ask;
    }
  });

  it('on for the reader but not allowed in this browser yet: "Allow in this browser" asks, and focus goes back to the choice', async () => {
    const { el } = await messenger({ open: true });
    await el.messengerStore!.setNotificationPreferences({ desktop: true });
    panel(el).shadowRoot!.querySelector<HTMLElement>('[part="notifications"]')!.click();
    await until(() => !settings(el).hidden, 'settings shown');
    const allow = () => settings(el).shadowRoot!.querySelector<HTMLButtonElement>('.hint button');
    await until(() => text(allow()) === 'Allow in this browser', 'offered');
    expect(text(settings(el).shadowRoot!.querySelector('#desktop-hint'))).to.match(/^This browser has not allowed them yet\./);
    await browserAllows(true);
    allow()!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => said(el) === 'Desktop notifications on.', 'said');
    await until(() => allow() === null, 'no longer offered');
    expect(await focused()).to.deep.include({ role: 'checkbox', name: 'Desktop notifications' });
  });
});

describe('new messages while the reader is not looking', () => {
  before(() => {
    window.Notification = RecordedNotification;
  });
  after(() => {
    window.Notification = BrowserNotification;
  });
  beforeEach(async () => {
    raised.length = 0;
    await browserAllows(true);
  });

  it('raise a desktop notification while the panel is closed, one a conversation, none for a muted one; its click opens the conversation', async () => {
    const { el, ids, actAs } = await messenger();
    await el.messengerStore!.setNotificationPreferences({ desktop: true });
    await el.messengerStore!.setMuted(ids.maths, true);
    await actAs('kari')('sendMessage', { conversationId: ids.maths, clientId: 'muted-1', text: 'Homework for Friday' });
    await actAs('emma')('sendMessage', { conversationId: ids.group, clientId: 'n-1', text: 'Are you   coming\nto the game?' });
    await until(() => raised.length === 1, 'notified');
    expect(raised[0].title).to.equal('Maths study group');
    expect(raised[0].body).to.equal('Emma Hansen: Are you coming to the game?');
    expect(raised[0].tag).to.equal(`im-${ids.group}`, 'a newer one of the conversation replaces it');
    await new Promise((done) => setTimeout(done, 100));
    expect(raised.length).to.equal(1, 'nothing for the muted conversation');

    raised[0].dispatchEvent(new Event('click'));
    await until(() => !!dialog(el)?.open, 'the panel opens');
    const view = () => panel(el).querySelector('im-conversation-view') ?? el.shadowRoot!.querySelector('im-conversation-view');
    await until(() => view()?.getAttribute('conversation-id') === ids.group, 'on that conversation');
    await until(() => !!view()?.shadowRoot?.contains(deepActive()), 'focus in the conversation');
  });

  it('raise none while the reader looks at the panel, nor when notifications are off or the host cancelled the event', async () => {
    const { el, ids, actAs } = await messenger();
    const notices: MessageNotice[] = [];
    el.addEventListener('im-message', (event) => {
      notices.push(event.detail);
      if (event.detail.preview === 'Handled by the host') event.preventDefault();
    });
    await actAs('emma')('sendMessage', { conversationId: ids.group, clientId: 'off-1', text: 'Desktop off' });
    await until(() => notices.length === 1, 'the host heard of it');
    await el.messengerStore!.setNotificationPreferences({ desktop: true });
    await actAs('emma')('sendMessage', { conversationId: ids.group, clientId: 'host-1', text: 'Handled by the host' });
    await until(() => notices.length === 2, 'the host heard of it');
    el.open = true;
    await until(() => !!dialog(el)?.open, 'panel open');
    await actAs('emma')('sendMessage', { conversationId: ids.group, clientId: 'open-1', text: 'Panel open' });
    await until(() => notices.length === 3, 'the host heard of it');
    await new Promise((done) => setTimeout(done, 100));
    expect(raised.length).to.equal(0);
  });
});

describe('im-message', () => {
  it('tells the host of every new message from others: conversation, sender, a plain-text preview, muted, on screen; none of the reader’s own', async () => {
    const { el, ids, actAs } = await messenger();
    const notices: MessageNotice[] = [];
    el.addEventListener('im-message', (event) => notices.push(event.detail));
    await el.messengerStore!.setMuted(ids.maths, true);
    const long = `${'Read chapter 4 before Friday. '.repeat(6)}👍`;
    await actAs('kari')('sendMessage', { conversationId: ids.maths, clientId: 'im-1', text: long });
    await until(() => notices.length === 1, 'told');
    const [notice] = notices;
    expect(notice).to.deep.include({ conversationId: ids.maths, conversationName: 'Mathematics 9B', kind: 'course', muted: true, onScreen: false });
    expect(notice.sender.name).to.equal('Kari Nordmann');
    expect([...notice.preview].length).to.equal(140);
    expect(notice.preview.endsWith('…')).to.equal(true, 'cut, and says so');

    await el.messengerStore!.send(ids.group, { text: 'Mine' });
    el.open = true;
    await until(() => !!dialog(el)?.open, 'panel open');
    el.dispatchEvent(new CustomEvent('im-conversation-open', { detail: { conversationId: ids.group } }));
    await actAs('emma')('sendMessage', { conversationId: ids.group, clientId: 'im-2', text: '<b>Not bold</b>' });
    await until(() => notices.length === 2, 'told');
    expect(notices[1]).to.deep.include({ conversationId: ids.group, preview: '<b>Not bold</b>', muted: false, onScreen: true });
  });
});
