import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/conversation-view/conversation-view.js';
import type { ImConversationView } from '../../src/components/conversation-view/conversation-view.js';
import { demoSchool, seedUsers } from '../../stories/support.js';
import { articleFrom, messageOf, messages, openView, type School } from './conversation-view.harness.js';
import { accessibleNames, deepActive, focused, text, until } from './helpers.js';

// The conversation view as a keyboard and screen-reader user meets it: where focus is
// after each key (role and name from Chromium's accessibility tree), and how many keys
// a task takes.

const view = openView;
const scroller = (el: ImConversationView) => el.shadowRoot!.querySelector('lit-virtualizer')!;

/** Presses a key and waits until the accessibility tree has focus somewhere again. */
async function press(key: string) {
  await sendKeys({ press: key });
  await new Promise((r) => setTimeout(r, 50));
  await until(() => deepActive() !== document.body, `focus after ${key}`);
  return focused();
}

/** Whether the focused message is on screen in the history. */
function focusedOnScreen(el: ImConversationView) {
  const box = scroller(el).getBoundingClientRect();
  const rect = (el.shadowRoot!.activeElement as HTMLElement).getBoundingClientRect();
  return rect.bottom > box.top && rect.top < box.bottom;
}

const busy = async (s: School) => {
  for (let i = 1; i <= 120; i++) {
    const who = i % 3 === 0 ? 'noah' : i % 3 === 1 ? 'emma' : 'ola';
    await s.actAs(who)('sendMessage', { conversationId: s.ids.group, clientId: `k${i}`, text: `Note ${i} https://example.org/${i}` });
  }
};

describe('im-conversation-view by keyboard', () => {
  it('from the heading, the message field is two Tabs away in a busy group, and Shift+Tab is back on the message read', async () => {
    const { el } = await view('ola', (ids) => ids.group, busy);
    expect(await focused()).to.include({ role: 'heading', name: 'Maths study group' });
    const history = await press('Tab');
    expect(history!.role).to.equal('article');
    expect(history!.name).to.match(/^Noah Johansen, today at \d\d:\d\d$/);
    expect(history!.description).to.match(/^Note 120 https:\/\/example\.org\/120$/, 'the last message, on screen');
    expect(focusedOnScreen(el)).to.equal(true);
    const field = await press('Tab');
    expect(field).to.include({ role: 'textbox', name: 'Write message to Maths study group…' });
    const back = await press('Shift+Tab');
    expect(back).to.deep.equal(history);
    await expect(el).to.be.accessible();
  });

  it('opened at a message found by search, the first Tab goes to that message', async () => {
    const school = await demoSchool({ as: 'ola' });
    const send = (i: number, text = `Note ${i}`) => school.actAs(i % 2 ? 'noah' : 'emma')('sendMessage', { conversationId: school.ids.group, clientId: `s${i}`, text });
    for (let i = 1; i <= 60; i++) await send(i);
    const match = await send(61, 'The answer is on page 42');
    for (let i = 62; i <= 120; i++) await send(i);
    const el = await fixture<ImConversationView>(
      html`<div style="block-size: 600px; display: flex; flex-direction: column">
        <im-conversation-view .store=${school.store} conversation-id=${school.ids.group} seq=${match.seq}></im-conversation-view>
      </div>`,
    ).then((wrapper) => wrapper.querySelector('im-conversation-view')!);
    await until(() => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('h2'), 'focus on the heading');
    const found = await press('Tab');
    expect(found).to.include({ role: 'article', description: 'The answer is on page 42' });
    expect(focusedOnScreen(el)).to.equal(true);
  });

  it('gives no two buttons or links the same name, and no control a title that repeats its name', async () => {
    const { el } = await view('ola', (ids) => ids.group);
    for (const role of ['button', 'link']) {
      const names = await accessibleNames(role);
      const twice = names.filter((name, i) => names.indexOf(name) !== i);
      expect(twice, `${role}s named twice`).to.deep.equal([]);
    }
    const titled = [...el.shadowRoot!.querySelectorAll('[title]')];
    expect(titled.filter((node) => node.getAttribute('title') === node.getAttribute('aria-label')).map((node) => node.outerHTML)).to.deep.equal([]);
  });

  it('moves between messages with the arrows, Page keys, Home and End, loading older ones on the way up and keeping focus on screen', async () => {
    const { el, store, ids } = await view('ola', (ids) => ids.group, busy);
    await press('Tab');
    // Ola's own, which Noah has seen: he wrote after it.
    expect((await press('ArrowUp'))!.description).to.equal('Note 119 https://example.org/119. Seen by 1 of 3');
    expect((await press('ArrowDown'))!.description).to.equal('Note 120 https://example.org/120');
    const up = await press('PageUp');
    const number = Number(/^Note (\d+)/.exec(up!.description)![1]);
    expect(number).to.be.below(119, 'a screenful up').and.above(100);
    expect(focusedOnScreen(el)).to.equal(true);
    const loaded = store.state.windows.get(ids.group)!.messages.length;
    const first = await press('Home');
    expect(first!.description).to.match(/^Note \d+ /);
    expect(focusedOnScreen(el)).to.equal(true);
    // Up from the first message loaded: an older page comes, and focus moves into it.
    await press('ArrowUp');
    await until(() => store.state.windows.get(ids.group)!.messages.length > loaded, 'older page');
    await until(() => /^Note \d+ /.test(text(deepActive()?.querySelector('.text'))), 'focus on an older message');
    const older = Number(/^Note (\d+)/.exec(text(deepActive()!.querySelector('.text')))![1]);
    expect(older).to.be.below(Number(/^Note (\d+)/.exec(first!.description)![1]));
    expect(focusedOnScreen(el)).to.equal(true);
    expect((await press('End'))!.description).to.equal('Note 120 https://example.org/120');
    expect(await press('Control+Home')).to.include({ role: 'heading', name: 'Maths study group' });
    await press('Tab');
    expect(await press('Control+End')).to.include({ role: 'textbox' });
  });

  it("goes into a message with Enter: its link and options in turn, Escape back; Shift+F10 opens the options", async () => {
    const { el } = await view('ola', (ids) => ids.group, busy);
    const article = await press('Tab');
    const link = await press('Enter');
    expect(link).to.include({ role: 'link', name: 'https://example.org/120' });
    const options = await press('Tab');
    expect(options!.role).to.equal('button');
    expect(options!.name).to.match(/^More options for message from .+, \d\d:\d\d, “Note 120 https:\/\/example\.org\/120”$/);
    expect(await press('Escape')).to.deep.equal(article);
    // Leaving a message puts its controls back out of the tab order: the next Tab is the field.
    expect((await press('Tab'))!.role).to.equal('textbox');
    await press('Shift+Tab');
    const item = await press('Shift+F10');
    expect(item).to.include({ role: 'menuitem', name: 'Reply' });
    expect(el.shadowRoot!.activeElement?.closest('article')?.parentElement === scroller(el)).to.equal(true, 'the menu in the message');
  });

  it('"Seen by 1 of 3" on the reader’s message: Enter into it reaches the button, which opens who has seen it on its heading; Escape is back on the button', async () => {
    const { el } = await view('emma', (ids) => ids.group, async (s) => {
      const message = await s.actAs('emma')('sendMessage', { conversationId: s.ids.group, clientId: 'e1', text: 'Library at three?' });
      await s.actAs('ola')('markRead', { conversationId: s.ids.group, upTo: message.seq });
    });
    await until(() => messages(el).some((m) => !!m.querySelector('[part="seen"]')), 'the status');
    const article = await press('Tab');
    expect(article).to.include({ role: 'article', description: 'Library at three? Seen by 1 of 3' });
    expect(await press('Enter')).to.include({ role: 'button', name: 'Seen by 1 of 3' });
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.localName === 'h2' && deepActive()?.id === 'heading', 'focus in the dialog');
    expect(await focused()).to.include({ role: 'heading', name: 'Seen by 1 of 3' });
    const dialog = el.shadowRoot!.querySelector('im-seen-by')!;
    await until(() => !!dialog.shadowRoot!.querySelector('ul'), 'the names');
    expect([...dialog.shadowRoot!.querySelectorAll('ul[aria-labelledby="seen"] .name')].map(text)).to.deep.equal(['Ola Nordmann']);
    await expect(dialog).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !el.shadowRoot!.querySelector('im-seen-by'), 'closed');
    expect(await focused()).to.include({ role: 'button', name: 'Seen by 1 of 3' });
    expect(await press('Escape')).to.deep.equal(article, 'and out of the message as before');
  });

  it('Alt+Shift+M goes to the message field from anywhere in the view, and back to the message last read', async () => {
    await view('ola', (ids) => ids.group, busy);
    expect(await press('Alt+Shift+KeyM')).to.include({ role: 'textbox', name: 'Write message to Maths study group…' });
    const message = await press('Alt+Shift+KeyM');
    expect(message!.role).to.equal('article');
    await press('ArrowUp');
    const read = await focused();
    await press('Alt+Shift+KeyM');
    expect(await press('Alt+Shift+KeyM')).to.deep.equal(read);
  });

  it('a reply names the field and says so in its description; Escape leaves the mode with focus staying in the field', async () => {
    const { el } = await view('ola', (ids) => ids.oneToOne);
    const karis = articleFrom(el, seedUsers.kari.id)!;
    karis.focus();
    await press('Shift+F10');
    expect(await focused()).to.include({ role: 'menuitem', name: 'Reply' });
    const field = await press('Enter');
    expect(field!.role).to.equal('textbox');
    expect(field!.name).to.equal('Reply to Kari Nordmann');
    expect(field!.description).to.match(/^Replying to Kari Nordmann: Hi Ola!/);
    const left = await press('Escape');
    expect(left).to.include({ role: 'textbox', name: 'Write message to Kari Nordmann…' });
    await until(() => text(el.shadowRoot!.querySelector('[role="status"]')) === 'Reply cancelled.', 'said');
    expect(el.isConnected).to.equal(true);
  });

  it('after a reply chosen from a message’s options is sent, the message’s controls are out of the tab order: Shift+Tab from the field is on a message', async () => {
    const { el } = await view('ola', (ids) => ids.oneToOne);
    articleFrom(el, seedUsers.kari.id)!.focus();
    await press('Shift+F10');
    expect(await press('Enter')).to.include({ role: 'textbox', name: 'Reply to Kari Nordmann' });
    await sendKeys({ type: 'Thanks!' });
    expect(await press('Enter')).to.include({ role: 'textbox', name: 'Write message to Kari Nordmann…' });
    expect((await press('Shift+Tab'))!.role).to.equal('article');
  });

  it('edit mode is named "Editing your message"', async () => {
    const { el } = await view('ola', (ids) => ids.oneToOne);
    const mine = articleFrom(el, seedUsers.ola.id)!;
    mine.focus();
    await press('Shift+F10');
    for (let i = 0; i < 6 && (await focused())!.name !== 'Edit'; i++) await press('ArrowDown');
    const field = await press('Enter');
    expect(field).to.include({ role: 'textbox', name: 'Editing your message', description: 'Editing message' });
  });

  it('deleting an own message keeps focus on it, now "This message was deleted", and says it was deleted', async () => {
    const { el } = await view('ola', (ids) => ids.oneToOne);
    const mine = articleFrom(el, seedUsers.ola.id)!;
    const key = mine.dataset.key;
    mine.focus();
    await press('Shift+F10');
    for (let i = 0; i < 6 && (await focused())!.name !== 'Delete message'; i++) await press('ArrowDown');
    expect(await press('Enter')).to.include({ role: 'button', name: 'Cancel' });
    await press('Tab');
    expect(await focused()).to.include({ role: 'button', name: 'Delete' });
    await sendKeys({ press: 'Enter' });
    await until(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.key === key && text(mine.querySelector('.gone')) !== '', 'focus on the deleted message');
    await new Promise((r) => setTimeout(r, 100));
    const after = await focused();
    expect(after!.role).to.equal('article');
    expect(after!.description).to.equal('This message was deleted');
    await until(() => text(el.shadowRoot!.querySelector('[role="status"]')) === 'Message deleted.', 'announced');
  });

  it('when a moderator removes the message the reader is on, focus stays on it in the history', async () => {
    const { el, actAs } = await view('ola', (ids) => ids.maths);
    const emmas = articleFrom(el, seedUsers.emma.id)!;
    await press('Tab');
    for (let i = 0; i < 5 && el.shadowRoot!.activeElement !== emmas; i++) await press('ArrowDown');
    expect(await focused()).to.include({ role: 'article', description: 'Do we need to show the working for 4.7?' });
    // The reader is inside the message, on its options button, when it goes.
    expect(await press('Enter')).to.include({ role: 'button' });
    await actAs('kari')('deleteMessage', { messageId: messageOf(el, emmas)!.id });
    await until(() => text(emmas.querySelector('.gone')) === 'This message was removed by Kari Nordmann', 'removed');
    await until(() => el.shadowRoot!.activeElement === emmas, 'focus back on the message');
    expect(await focused()).to.include({ role: 'article', description: 'This message was removed by Kari Nordmann' });
  });

  it('after reporting a message, and after cancelling a forward, focus is back on the message, and the report is said', async () => {
    const { el } = await view('ola', (ids) => ids.oneToOne);
    await press('Tab');
    const message = await focused();
    expect(message!.role).to.equal('article');
    await press('Shift+F10');
    for (let i = 0; i < 8 && (await focused())!.name !== 'Report abuse'; i++) await press('ArrowDown');
    expect(await press('Enter')).to.include({ role: 'textbox', name: 'What is wrong?' });
    await sendKeys({ type: 'Not kind' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.include({ role: 'button', name: 'Send report' });
    await sendKeys({ press: 'Enter' });
    await until(() => text(el.shadowRoot!.querySelector('[role="status"]')) === 'Report sent. Thank you for telling us.', 'said');
    await until(() => el.shadowRoot!.activeElement?.localName === 'article' && !el.shadowRoot!.querySelector('im-dialog'), 'back on the message');
    expect(await focused()).to.deep.equal(message);

    await press('Shift+F10');
    for (let i = 0; i < 8 && (await focused())!.name !== 'Forward'; i++) await press('ArrowDown');
    await press('Enter');
    await press('Escape');
    await until(() => el.shadowRoot!.activeElement?.localName === 'article' && !el.shadowRoot!.querySelector('im-dialog'), 'back on the message');
    expect(await focused()).to.deep.equal(message);
  });
});
