import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.js';
import { panelCode } from '../../src/components/messenger/messenger.component.js';
import { demoSchool } from '../../stories/support.js';
import { deepActive, focused, text, until } from './helpers.js';

const bubbleButton = (el: ImMessenger) => el.shadowRoot!.querySelector('im-chat-bubble')!.shadowRoot!.querySelector('button')!;
const panel = (el: ImMessenger) => el.shadowRoot!.querySelector('im-panel')!;
/** The panel's dialog, once its code has loaded (on first open). */
const dialog = (el: ImMessenger) => panel(el)?.shadowRoot?.querySelector('dialog');
const listItems = (el: ImMessenger) => [...panel(el).shadowRoot!.querySelector('im-conversation-list')!.shadowRoot!.querySelectorAll<HTMLElement>('[part="item"]')];

async function messenger() {
  const school = await demoSchool({ start: false });
  const el = await fixture<ImMessenger>(html`<im-messenger .transport=${school.transport}></im-messenger>`);
  await until(() => el.messengerStore?.state.listState === 'loaded', 'store started');
  await el.updateComplete;
  return { ...school, el };
}

describe('im-messenger', () => {
  // First in the file: once a test has opened the panel, its code stays loaded in this page.
  it('shows the badge without loading the panel, then loads its code once the page is quiet, before any click', async () => {
    const { el } = await messenger();
    expect(customElements.get('im-panel') === undefined).to.equal(true, 'the panel code is not loaded for the badge');
    expect(el.shadowRoot!.querySelector('im-panel') === null).to.equal(true, 'no panel before its code loads');
    await until(() => customElements.get('im-panel') !== undefined, 'the panel code loaded without a click', 8_000);
    // Loaded, not shown (the closed panel may already be in the page; its dialog is not open).
    // A boolean, not the element: a failing comparison with an element never reports here.
    expect(!!dialog(el)?.open).to.equal(false, 'loaded, not shown');
    el.open = true;
    await until(() => !!dialog(el)?.open, 'panel open');
  });

  it('says so when the panel’s code can’t be loaded, with focus on "Try again", which loads it', async () => {
    const { el } = await messenger();
    const load = panelCode.load;
    panelCode.load = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    try {
      bubbleButton(el).focus();
      await sendKeys({ press: 'Enter' });
      const alert = () => el.shadowRoot!.querySelector('[role="alert"]');
      await until(() => !!alert(), 'the failure shown');
      expect(text(alert()!.querySelector('p'))).to.equal('Messages could not be loaded. Check your connection.');
      await until(() => deepActive()?.textContent?.trim() === 'Try again', 'focus on Try again');
      expect(deepActive()!.localName).to.equal('button');
      await expect(el).to.be.accessible();
      // Escape closes it as it would the panel; opening again tries again.
      await sendKeys({ press: 'Escape' });
      await until(() => !alert() && deepActive() === bubbleButton(el), 'closed, focus on the bubble');
      await sendKeys({ press: 'Enter' });
      await until(() => deepActive()?.textContent?.trim() === 'Try again', 'failed again, focus on Try again');
      // The network is back but slow: while the code loads, focus waits on the bubble, not on the page.
      let arrive = () => {};
      panelCode.load = () => new Promise<Awaited<ReturnType<typeof load>>>((resolve) => (arrive = () => resolve(load())));
      await sendKeys({ press: 'Enter' });
      await until(() => !alert(), 'the failure gone while loading');
      expect(deepActive() === bubbleButton(el)).to.equal(true, `focus on the bubble, not on ${deepActive()?.localName}`);
      arrive();
      await until(() => !!dialog(el)?.open && deepActive()?.getAttribute('part') === 'item', 'the panel open, focus in its list');
      expect(alert()).to.equal(null);
    } finally {
      panelCode.load = load;
    }
  });

  it('is accessible closed and open', async () => {
    const { el } = await messenger();
    await expect(el).to.be.accessible();
    el.open = true;
    await until(() => !!dialog(el)?.open, 'panel open');
    await expect(el).to.be.accessible();
  });

  it('shows the unread count on the bubble and keeps it live', async () => {
    const { el, ids, actAs } = await messenger();
    const unread = el.messengerStore!.state.unread;
    expect(unread).to.be.greaterThan(0);
    expect(bubbleButton(el).getAttribute('aria-label')).to.equal(`Messages, ${unread} unread`);
    setTimeout(() => actAs('kari')('sendMessage', { conversationId: ids.maths, clientId: 'm1', text: 'Hello class' }));
    const event = await oneEvent(el, 'im-unread-change');
    expect(event.detail).to.deep.equal({ unread: unread + 1 });
    await el.updateComplete;
    expect(bubbleButton(el).getAttribute('aria-label')).to.equal(`Messages, ${unread + 1} unread`);
  });

  it('opens by keyboard with focus in the panel, and Escape returns focus to the bubble', async () => {
    const { el } = await messenger();
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(bubbleButton(el));
    await sendKeys({ press: 'Enter' });
    await until(() => !!dialog(el)?.open && deepActive()?.getAttribute('part') === 'item', 'focus in the panel');
    expect(bubbleButton(el).getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog(el)!.open, 'closed');
    await el.updateComplete;
    expect(deepActive()).to.equal(bubbleButton(el));
    expect(bubbleButton(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('opens a conversation from the list and comes back to it', async () => {
    const { el } = await messenger();
    el.open = true;
    await until(() => deepActive()?.getAttribute('part') === 'item', 'list focused');
    const first = listItems(el)[0];
    const name = text(first.querySelector('.name'));
    await sendKeys({ press: 'Enter' });
    const view = () => el.shadowRoot!.querySelector('im-conversation-view');
    await until(() => !!view()?.shadowRoot?.querySelector('h2'), 'conversation open');
    expect(name.startsWith(text(view()!.shadowRoot!.querySelector('h2')))).to.equal(true);
    await until(() => deepActive() === view()!.shadowRoot!.querySelector('h2'), 'heading focused');
    view()!.shadowRoot!.querySelector<HTMLButtonElement>('.back')!.click();
    await until(() => !view() && deepActive()?.getAttribute('data-id') === first.dataset.id, 'back on the same conversation');
  });

  it('keeps Tab in the panel with a conversation open, round the view’s controls and the panel’s', async () => {
    const { el } = await messenger();
    el.open = true;
    await until(() => deepActive()?.getAttribute('part') === 'item', 'list focused');
    await sendKeys({ press: 'Enter' });
    const view = () => el.shadowRoot!.querySelector('im-conversation-view');
    await until(() => deepActive() === view()?.shadowRoot?.querySelector('h2'), 'heading focused');
    const stops = async (key: string, presses: number) => {
      const seen: string[] = [];
      for (let i = 0; i < presses; i++) {
        await sendKeys({ press: key });
        const node = await focused();
        // A message is named by its sender and time: its role is enough here.
        seen.push(node?.role === 'article' ? 'article' : `${node?.role} ${node?.name}`);
      }
      return seen;
    };
    const round = ['article', 'textbox Write message to Maths study group…', 'button Insert emoji', 'button Add files', 'button Close', 'button Back to conversations', 'button Conversation settings'];
    expect(await stops('Tab', round.length + 1)).to.deep.equal([...round, round[0]]);
    expect((await stops('Tab', 4)).at(-1)).to.equal('button Close');
    expect(await stops('Shift+Tab', 2)).to.deep.equal(['button Add files', 'button Insert emoji'], 'from the panel’s first control back to the view’s last');
  });

  it('shown again with a conversation open, puts focus on its heading, and Shift+Tab as it opens stays in the panel', async () => {
    const { el } = await messenger();
    el.open = true;
    await until(() => deepActive()?.getAttribute('part') === 'item', 'list focused');
    await sendKeys({ press: 'Enter' });
    const heading = () => el.shadowRoot!.querySelector('im-conversation-view')?.shadowRoot?.querySelector('h2');
    await until(() => !!heading() && deepActive() === heading(), 'heading focused');
    const reopen = async () => {
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog(el)!.open && deepActive() === bubbleButton(el), 'closed, focus on the bubble');
      await sendKeys({ press: 'Enter' });
      await until(() => !!dialog(el)?.open, 'shown again');
    };
    await reopen();
    await until(() => deepActive() === heading(), 'focus on the heading again, not left on the dialog');
    expect(await focused()).to.include({ role: 'heading', name: 'Maths study group' });

    // Before focus moves on, the dialog itself has it (a quarter of a second, for its name to be
    // said): Shift+Tab from there goes round to the panel's last control, "Add files", not out of
    // the panel; from the heading, if focus got there first, to the gear before it.
    await reopen();
    await sendKeys({ press: 'Shift+Tab' });
    const node = await focused();
    expect(node?.role).to.equal('button', 'a control of the panel, not the page');
    expect(['Add files', 'Conversation settings']).to.include(node?.name);
  });

  it('tells the host when connecting fails', async () => {
    const school = await demoSchool({ start: false });
    school.transport.connect = async () => {
      throw new Error('refused');
    };
    const el = await fixture<ImMessenger>(html`<im-messenger></im-messenger>`);
    setTimeout(() => (el.transport = school.transport));
    const event = await oneEvent(el, 'im-error');
    expect(event.detail.error.code).to.equal('internal');
  });
});

describe('im-messenger workflows', () => {
  const view = (el: ImMessenger) => el.shadowRoot!.querySelector<HTMLElement>('[slot="view"]');

  async function openPanel(as: 'ola' | 'kari' | 'lukas' = 'ola') {
    const school = await demoSchool({ as, start: false });
    const el = await fixture<ImMessenger>(html`<im-messenger .transport=${school.transport}></im-messenger>`);
    await until(() => el.messengerStore?.state.listState === 'loaded', 'store started');
    el.open = true;
    await until(() => !!dialog(el)?.open, 'panel open');
    if (as !== 'lukas') await until(() => deepActive()?.getAttribute('part') === 'item', 'list focused');
    return { ...school, el };
  }

  it('opens the new-message form from the green button and comes back to it', async () => {
    const { el } = await openPanel();
    const newMessage = panel(el).shadowRoot!.querySelector<HTMLElement>('[part="new-message"]')!;
    newMessage.click();
    await until(() => view(el)?.localName === 'im-new-conversation', 'form open');
    await until(() => view(el)!.shadowRoot!.contains(deepActive()) || !!view(el)!.shadowRoot!.querySelector('im-recipient-field')?.shadowRoot?.contains(deepActive()), 'focus in the form');
    view(el)!.dispatchEvent(new CustomEvent('im-back', { bubbles: true, composed: true }));
    await until(() => deepActive() === newMessage, 'focus back on New message');
  });

  it('opens the settings from the gear and returns focus to it on close', async () => {
    const { el } = await openPanel();
    await sendKeys({ press: 'Enter' });
    await until(() => !!view(el)?.shadowRoot?.querySelector('.settings'), 'conversation open');
    const gear = view(el)!.shadowRoot!.querySelector<HTMLElement>('.settings')!;
    gear.click();
    const sheet = () => el.shadowRoot!.querySelector('im-settings-sheet');
    await until(() => !!sheet()?.shadowRoot?.querySelector('dialog[open]'), 'settings open');
    await sendKeys({ press: 'Escape' });
    await until(() => !sheet() && deepActive() === gear, 'focus back on the gear');
    expect(el.open).to.equal(true, 'the panel stays open');
  });

  it('leaving the open group from its settings lands on the list inside the panel and says "You left Maths study group."', async () => {
    const { el, ids } = await openPanel();
    listItems(el).find((item) => item.dataset.id === ids.group)!.click();
    await until(() => !!view(el)?.shadowRoot?.querySelector('.settings'), 'conversation open');
    view(el)!.shadowRoot!.querySelector<HTMLElement>('.settings')!.click();
    const sheet = () => el.shadowRoot!.querySelector('im-settings-sheet');
    await until(() => !!sheet()?.shadowRoot?.querySelector('dialog[open]'), 'settings open');
    const leave = [...sheet()!.shadowRoot!.querySelectorAll<HTMLElement>('button')].find((b) => text(b) === 'Leave conversation')!;
    leave.click();
    const confirm = () => sheet()?.shadowRoot?.querySelector('im-dialog')?.shadowRoot?.querySelector<HTMLButtonElement>('.confirm');
    await until(() => !!confirm(), 'asked to confirm');
    expect(text(confirm())).to.equal('Leave');
    confirm()!.click();
    const status = () => text(panel(el).shadowRoot!.querySelector('[role="status"][aria-live="polite"]'));
    await until(() => !sheet() && !view(el) && status() !== '', 'back on the list, with word of it');
    expect(status()).to.equal('You left Maths study group.');
    await until(() => deepActive()?.getAttribute('part') === 'item', 'focus on the list');
    expect(listItems(el).some((item) => item.dataset.id === ids.group)).to.equal(false);
  });

  it('hiding the open one-to-one from its settings, by keyboard, lands on the conversation that took its place in the list and says so', async () => {
    const { el, ids, actAs } = await openPanel();
    const store = el.messengerStore!;
    const at = store.state.order.indexOf(ids.oneToOne);
    const next = store.state.conversations.get(store.state.order[at + 1] ?? store.state.order[at - 1])!;
    const unread = store.state.unread;
    const own = store.state.conversations.get(ids.oneToOne)!.unreadCount;
    listItems(el).find((item) => item.dataset.id === ids.oneToOne)!.click();
    await until(() => view(el)?.shadowRoot?.activeElement?.localName === 'h2', 'conversation open, on its heading');
    await sendKeys({ press: 'Shift+Tab' });
    expect(await focused()).to.deep.include({ role: 'button', name: 'Conversation settings' });
    await sendKeys({ press: 'Enter' });
    const sheet = () => el.shadowRoot!.querySelector('im-settings-sheet');
    await until(() => !!sheet()?.shadowRoot?.querySelector('dialog[open]'), 'settings open');
    for (let i = 0; i < 10 && (await focused())?.name !== 'Hide from list'; i++) await sendKeys({ press: 'Tab' });
    expect(await focused()).to.deep.include({ role: 'button', name: 'Hide from list' });
    await sendKeys({ press: 'Enter' });

    const status = () => text(panel(el).shadowRoot!.querySelector('[role="status"][aria-live="polite"]'));
    await until(() => !sheet() && !view(el) && status() !== '', 'back on the list, with word of it');
    expect(status()).to.equal('Conversation hidden. It comes back to your list when a new message arrives.');
    await until(() => deepActive()?.getAttribute('part') === 'item', 'focus in the list');
    const landed = await focused();
    expect(landed!.role).to.equal('option');
    expect(landed!.name.startsWith(`${next.name}, `), `focus on ${next.name}, not on ${landed!.name}`).to.equal(true);
    expect(listItems(el).some((item) => item.dataset.id === ids.oneToOne)).to.equal(false, 'out of the list');
    await until(() => bubbleButton(el).getAttribute('aria-label') === `Messages, ${unread - own} unread`, 'its unread left the badge');

    await actAs('kari')('sendMessage', { conversationId: ids.oneToOne, clientId: 'back-again', text: 'Did you get my note?' });
    await until(() => listItems(el).some((item) => item.dataset.id === ids.oneToOne), 'a new message brings it back');
    expect(deepActive()?.getAttribute('part')).to.equal('item', 'focus stays in the list');
  });

  it('announces a new message from someone else while the panel is closed and on the list, once; not with quiet', async () => {
    const { el, ids, actAs } = await messenger();
    const region = () => text(el.shadowRoot!.querySelector('[role="status"]'));
    expect(region()).to.equal('', 'nothing said for what was there on load');
    await actAs('emma')('sendMessage', { conversationId: ids.group, clientId: 'closed-1', text: 'Are you coming?' });
    await until(() => region() !== '', 'announced with the panel closed');
    expect(region()).to.equal('New message from Emma Hansen in Maths study group');
    for (let i = 1; i <= 3; i++) void actAs('noah')('sendMessage', { conversationId: ids.group, clientId: `burst-${i}`, text: `Burst ${i}` });
    await until(() => region() === '3 new messages', 'a burst as a count');

    el.open = true;
    await until(() => deepActive()?.getAttribute('part') === 'item', 'list focused');
    const inPanel = () => text(panel(el).shadowRoot!.querySelector('[role="status"][aria-live="polite"]'));
    await actAs('kari')('sendMessage', { conversationId: ids.maths, clientId: 'open-1', text: 'Test tomorrow' });
    await until(() => inPanel() !== '', 'announced inside the open panel');
    expect(inPanel()).to.equal('New message from Kari Nordmann in Mathematics 9B');

    el.quiet = true;
    await actAs('kari')('sendMessage', { conversationId: ids.maths, clientId: 'quiet-1', text: 'Quiet please' });
    await new Promise((r) => setTimeout(r, 800));
    expect(inPanel()).to.equal('New message from Kari Nordmann in Mathematics 9B', 'nothing new said');
  });

  it('leaves a muted conversation out of the bubble’s count and says nothing of its messages, while others still count and are said', async () => {
    const { el, ids, actAs } = await messenger();
    const store = el.messengerStore!;
    const region = () => text(el.shadowRoot!.querySelector('[role="status"]'));
    const unread = store.state.unread;
    const maths = store.state.conversations.get(ids.maths)!.unreadCount;
    expect(maths).to.be.greaterThan(0);
    await store.setMuted(ids.maths, true);
    await until(() => bubbleButton(el).getAttribute('aria-label') === `Messages, ${unread - maths} unread`, 'the badge without the muted conversation');

    // Together they would be a burst ("2 new messages"): only the one not muted is said.
    await actAs('kari')('sendMessage', { conversationId: ids.maths, clientId: 'muted-1', text: 'Homework for Friday' });
    await actAs('emma')('sendMessage', { conversationId: ids.group, clientId: 'loud-1', text: 'Are you coming?' });
    await until(() => region() !== '', 'announced');
    expect(region()).to.equal('New message from Emma Hansen in Maths study group');
    await until(() => bubbleButton(el).getAttribute('aria-label') === `Messages, ${unread - maths + 1} unread`, 'only the group’s message counts');
    expect(store.state.conversations.get(ids.maths)!.unreadCount).to.equal(maths + 1, 'the muted one still counts in its item');
    await expect(el).to.be.accessible();
  });

  it('keeps focus where the reader is while the connection drops and comes back, and says so', async () => {
    const { el, ids, actAs, transport } = await openPanel();
    listItems(el).find((item) => item.dataset.id === ids.group)!.click();
    await until(() => view(el)?.shadowRoot?.activeElement?.localName === 'h2', 'conversation open');
    const field = view(el)!.shadowRoot!.querySelector('im-composer')!.shadowRoot!.querySelector('textarea')!;
    field.focus();
    await sendKeys({ type: 'Half a thought' });
    const status = () => text(panel(el).shadowRoot!.querySelector('.connection'));
    transport.goOffline();
    await until(() => status() === 'Reconnecting…', 'reconnecting said');
    expect(deepActive()).to.equal(field);
    await actAs('emma')('sendMessage', { conversationId: ids.group, clientId: 'while-away', text: 'Sent while you were away' });
    await transport.reconnect();
    await until(() => status() === '', 'back');
    expect(deepActive()).to.equal(field, 'focus still in the field');
    expect(field.value).to.equal('Half a thought');
    await until(() => text(view(el)!.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')) === 'Emma Hansen: Sent while you were away', 'what came meanwhile is said');
  });

  it('tells a reader whose messaging is off why, instead of offering "New message"', async () => {
    const { el } = await openPanel('lukas');
    const root = panel(el).shadowRoot!;
    await until(() => text(root.querySelector('.messaging-off')) !== '', 'the reason');
    expect(text(root.querySelector('.messaging-off'))).to.equal('Messaging is turned off for your account. You can read your conversations, but not write.');
    expect(root.querySelector('[part="new-message"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the Reports button to a teacher, not to a student', async () => {
    const student = await openPanel('ola');
    expect(panel(student.el).shadowRoot!.querySelector('[part="reports"]')).to.equal(null);
    student.el.remove();
    const teacher = await openPanel('kari');
    const reports = panel(teacher.el).shadowRoot!.querySelector<HTMLElement>('[part="reports"]')!;
    reports.click();
    await until(() => view(teacher.el)?.localName === 'im-reports', 'reports open');
  });

  /** Opens the focused conversation and offers `file` to its composer; what the composer says. */
  async function offerFile(el: ImMessenger, file: File) {
    await sendKeys({ press: 'Enter' });
    await until(() => !!view(el)?.shadowRoot?.querySelector('im-composer'), 'conversation open');
    const composer = view(el)!.shadowRoot!.querySelector('im-composer')!;
    composer.addFiles([file]);
    await composer.updateComplete;
    return text(composer.shadowRoot!.querySelector('[role="alert"]'));
  }

  it('applies the default attachment policy in the composer when the host sets none', async () => {
    const { el } = await openPanel();
    expect(el.attachmentPolicy).to.equal(undefined);
    expect(await offerFile(el, new File(['MZ'], 'game.exe', { type: 'application/x-msdownload' }))).to.equal('Sorry, you can’t send game.exe');
  });

  it("applies the host's attachment policy in the composer", async () => {
    const { el } = await openPanel();
    el.attachmentPolicy = { maxBytes: 1024, maxFiles: 2, allowedExtensions: ['txt'] };
    expect(await offerFile(el, new File(['%PDF'], 'essay.pdf', { type: 'application/pdf' }))).to.equal('Sorry, you can’t send essay.pdf');
  });
});
