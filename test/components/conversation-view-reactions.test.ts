import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ImConversationView } from '../../src/components/conversation-view/conversation-view.js';
import { MessengerStore } from '../../src/state/store.js';
import { MemoryTransport } from '../../src/transport/memory-transport.js';
import { seedUsers } from '../../stories/support.js';
import { messageOf, messages, openView, optionsOf, type School } from './conversation-view.harness.js';
import { deepActive, focused, nodesByRole, text, until } from './helpers.js';

// Reactions in the open conversation (issue 18), as a keyboard and screen-reader user meets
// them: from a message's options, on the buttons under it, and what is said.

/** Another user's panel on the same school. */
async function storeFor(school: School, who: keyof typeof seedUsers) {
  const store = new MessengerStore(new MemoryTransport({ backend: school.backend, userId: seedUsers[who].id }));
  await store.start();
  return store;
}

/** A new group of Emma's with Ola and Noah (and Sofie), which opens as Ola's view; its id once made. */
function newGroup(text: string) {
  const made = { id: '' };
  const setup = async (s: School) => {
    const people = ['u-ola', 'u-noah', 'u-sofie'].map((id) => ({ type: 'person' as const, id }));
    made.id = (await s.actAs('emma')('startConversation', { recipients: people, mode: 'group', text, clientId: `g-${text}` })).conversation.id;
  };
  return { made, setup, pick: () => made.id };
}

/** Tab from the heading into the history: the first unread message. */
async function toHistory() {
  await sendKeys({ press: 'Tab' });
  await until(() => deepActive()?.localName === 'article', 'on a message');
}
const live = (el: ImConversationView) => text(el.shadowRoot!.querySelector('[role="status"]'));
const byText = (el: ImConversationView, text: string) => messages(el).find((m) => messageOf(el, m)?.text === text)!;
const reactionButtons = (m: HTMLElement) => [...m.querySelectorAll<HTMLElement>('[part="reaction"]')];

describe('im-conversation-view reactions', () => {
  it('reacts from a message’s options by keyboard: focus stays on ⋯, it is said, and another member sees the count live, with no badge raised', async () => {
    const group = newGroup('Cake on Friday?');
    const school = await openView('ola', group.pick, group.setup);
    const { el, store } = school;
    const emma = await storeFor(school, 'emma');
    await emma.openConversation(group.made.id);
    await toHistory();
    // On screen, the message is read: the badge's count before the reaction.
    await until(() => store.state.conversations.get(group.made.id)!.unreadCount === 0, 'read');
    const badges = [store.state.unread, emma.state.unread];
    const cake = byText(el, 'Cake on Friday?');
    const trigger = optionsOf(cake);
    await sendKeys({ press: 'Shift+F10' });
    await until(() => deepActive()?.getAttribute('role') === 'menuitem', 'the menu open');
    expect(await focused()).to.include({ role: 'menuitem', name: 'Reply' });
    await sendKeys({ press: 'ArrowUp' });
    expect(await focused()).to.include({ role: 'menuitemcheckbox', name: 'React with ✅' }, 'the row of reactions ends the menu');
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowLeft' });
    expect(await focused()).to.include({ role: 'menuitemcheckbox', name: 'React with ❤️' });
    await sendKeys({ press: 'Enter' });
    await until(() => live(el) === 'You reacted with ❤️.', 'said');
    const after = await focused();
    expect([after?.role, after?.name]).to.deep.equal(['button', trigger.getAttribute('aria-label')], 'focus stays on the ⋯ button');
    await until(() => reactionButtons(cake).length === 1, 'the count under the message');
    expect(reactionButtons(cake)[0].getAttribute('aria-label')).to.equal('❤️ 1, you, on the message from Emma Hansen, ' + text(cake.querySelector('time')) + ', “Cake on Friday?”');

    const cakeId = messageOf(el, cake)!.id;
    const emmasCake = () => emma.state.windows.get(group.made.id)!.messages.find((m) => m.id === cakeId)!;
    await until(() => emmasCake().reactions?.[0]?.count === 1, 'Emma’s panel has it live');
    expect(emmasCake().reactions).to.deep.equal([{ emoji: '❤️', count: 1 }]);
    expect([store.state.unread, emma.state.unread]).to.deep.equal(badges, 'no badge raised');
    await expect(el).to.be.accessible();
  });

  it('says who reacted from the button under the message, reacts from there, and when the reaction goes from under focus, focus goes to the message', async () => {
    let messageId = '';
    const group = newGroup('Bring a calculator');
    const { el, actAs } = await openView('ola', group.pick, async (s) => {
      await group.setup(s);
      messageId = (await s.actAs('emma')('getMessages', { conversationId: group.made.id })).messages[0].id;
      await s.actAs('noah')('addReaction', { messageId, emoji: '👍' });
    });
    await toHistory();
    const note = byText(el, 'Bring a calculator');
    expect((await focused())?.description).to.equal('Bring a calculator. Reactions: 👍 1', 'the message says its reactions');
    await sendKeys({ press: 'Enter' });
    expect((await focused())?.name).to.match(/^👍 1, on the message from Emma Hansen, \d\d:\d\d, “Bring a calculator”$/, 'Enter goes to the first of its controls');
    const button = reactionButtons(note)[0];
    expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.getAttribute('role') === 'dialog', 'who reacted');
    expect(await focused()).to.include({ role: 'dialog', name: 'Reacted with 👍', description: 'Noah Johansen' });
    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.include({ role: 'button', name: 'React with 👍' });
    await sendKeys({ press: 'Enter' });
    await until(() => live(el) === 'You reacted with 👍.', 'said');
    await until(() => reactionButtons(note)[0]?.getAttribute('aria-label')?.startsWith('👍 2, including you') ?? false, 'counted');
    expect(await focused()).to.include({ role: 'button', name: reactionButtons(note)[0].getAttribute('aria-label')! }, 'back on the button');

    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.getAttribute('role') === 'dialog', 'who reacted, again');
    expect((await focused())?.description).to.match(/^Noah Johansen,? and You$/);
    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.include({ role: 'button', name: 'Remove your 👍' });
    await sendKeys({ press: 'Enter' });
    await until(() => live(el) === 'Your 👍 was removed.', 'said');
    await until(() => reactionButtons(note)[0]?.getAttribute('aria-label')?.startsWith('👍 1, on') ?? false, 'one left');

    // Noah takes his back: the button focus is on goes, and focus goes to its message, not the page.
    await actAs('noah')('removeReaction', { messageId, emoji: '👍' });
    await until(() => reactionButtons(note).length === 0, 'no reactions left');
    await until(() => deepActive() === note, 'focus on the message');
    const on = await focused();
    expect([on?.role, on?.description]).to.deep.equal(['article', 'Bring a calculator']);
    expect(on?.name).to.match(/^Emma Hansen, today at \d\d:\d\d$/);
    await expect(el).to.be.accessible();
  });

  it('says another’s reaction to the reader’s own message in the open conversation, several as a count, and nothing of reactions to others’', async () => {
    let mine = '';
    let emmas = '';
    const group = newGroup('Who has the notes?');
    const { el, actAs } = await openView('ola', group.pick, async (s) => {
      await group.setup(s);
      mine = (await s.actAs('ola')('sendMessage', { conversationId: group.made.id, clientId: 'r4', text: 'I have the notes' })).id;
      emmas = (await s.actAs('emma')('sendMessage', { conversationId: group.made.id, clientId: 'r3', text: 'Great, thanks!' })).id;
    });
    const said: string[] = [];
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    new MutationObserver(() => live(el) && said.push(live(el))).observe(region, { subtree: true, childList: true, characterData: true });
    await actAs('noah')('addReaction', { messageId: emmas, emoji: '😂' });
    await actAs('emma')('addReaction', { messageId: mine, emoji: '❤️' });
    await until(() => said.length === 1, 'said');
    expect(said).to.deep.equal(['Emma Hansen reacted with ❤️ to your message']);
    await until(() => !!reactionButtons(byText(el, 'Great, thanks!'))[0], 'the reaction to Emma’s message shows, unsaid');

    await actAs('emma')('removeReaction', { messageId: mine, emoji: '❤️' });
    await actAs('noah')('addReaction', { messageId: mine, emoji: '👍' });
    await actAs('sofie')('addReaction', { messageId: mine, emoji: '✅' });
    await until(() => said.length === 2, 'said again');
    expect(said[1]).to.equal('2 new reactions to your messages', 'a taking back is not news; two together are a count');
    expect((await nodesByRole(byText(el, 'I have the notes'), 'button', /^(👍|✅) 1, on your message/)).length).to.equal(2);
  });
});
