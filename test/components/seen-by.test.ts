import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/seen-by/seen-by.js';
import { showSeenBy } from '../../src/components/seen-by/seen-by.js';
import { READ_STATUS_EVERY_MS } from '../../src/model/events.js';
import type { Message } from '../../src/model/types.js';
import { demoSchool } from '../../stories/support.js';
import { deepActive, focused, text, until } from './helpers.js';

type School = Awaited<ReturnType<typeof demoSchool>>;

/** A button to open it from, as a message's "Seen by" is, in `lang`; the dialog goes beside it. */
async function opener(lang = 'en') {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}><button type="button">Seen by</button></div>`);
  const button = wrapper.querySelector('button')!;
  button.focus();
  return { wrapper, button };
}

const dialogOf = (root: Element) => root.querySelector('im-seen-by')!.shadowRoot!;
const sectionTexts = (root: Element) => [...dialogOf(root).querySelectorAll('h3')].map(text);
const names = (root: Element, list: 'seen' | 'not-seen') => [...dialogOf(root).querySelectorAll(`ul[aria-labelledby="${list}"] .name`)].map(text);

/** Emma writes in her group and `readers` read it; Emma's store, with the group open as the view opens it. */
async function groupMessage(readers: ('ola' | 'noah' | 'sofie')[]) {
  const school = await demoSchool({ as: 'emma' });
  const message = await school.actAs('emma')('sendMessage', { conversationId: school.ids.group, clientId: 'e1', text: 'Bring calculators' });
  for (const reader of readers) await school.actAs(reader)('markRead', { conversationId: school.ids.group, upTo: message.seq });
  await school.store.openConversation(school.ids.group);
  await until(() => school.store.state.readStatus.get(school.ids.group)?.messageId === message.id, 'the status loaded');
  return { ...school, message };
}

async function opened(school: School, message: Message, lang = 'en') {
  const { wrapper, button } = await opener(lang);
  const closed = showSeenBy(wrapper, school.store, message);
  await until(() => !!wrapper.querySelector('im-seen-by')?.shadowRoot?.querySelector('ul'), 'the lists loaded');
  return { wrapper, button, closed };
}

describe('im-seen-by', () => {
  it('opens named after the status with focus on its heading, lists who has seen it and who not yet, and is accessible', async () => {
    const school = await groupMessage(['ola', 'noah']);
    const { wrapper } = await opened(school, school.message);
    expect(dialogOf(wrapper).querySelector('dialog')!.open).to.equal(true);
    expect(await focused()).to.include({ role: 'heading', name: 'Seen by 2 of 3' });
    expect(sectionTexts(wrapper)).to.deep.equal(['Seen (2)', 'Not seen yet (1)']);
    expect(names(wrapper, 'seen')).to.deep.equal(['Noah Johansen', 'Ola Nordmann']);
    expect(names(wrapper, 'not-seen')).to.deep.equal(['Sofie Larsen']);
    await expect(wrapper.querySelector('im-seen-by')!).to.be.accessible();
  });

  it('by keyboard: Tab to the list, which scrolls, then Close; Escape closes it and focus is back where it was', async () => {
    const school = await groupMessage(['ola']);
    const { wrapper, closed } = await opened(school, school.message);
    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.include({ role: 'region', name: 'Who has seen it' });
    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.include({ role: 'button', name: 'Close' });
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(wrapper.querySelector('im-seen-by')).to.equal(null, 'gone');
    expect(await focused()).to.include({ role: 'button', name: 'Seen by' });

    const again = await opened(school, school.message);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await again.closed;
    expect(deepActive()?.textContent).to.equal('Seen by', 'Close returns focus too');
  });

  it('follows the reading while it is open, without announcing it (reads a few seconds apart come together)', async () => {
    const school = await groupMessage(['ola']);
    const { wrapper } = await opened(school, school.message);
    expect(dialogOf(wrapper).querySelector('[aria-live], [role="status"]')).to.equal(null);
    await school.actAs('noah')('markRead', { conversationId: school.ids.group, upTo: school.message.seq });
    // Ola's read was just told: the backend holds Noah's back, and the store asks for it once it is quiet.
    await until(() => names(wrapper, 'seen').length === 2, 'Noah in the list', READ_STATUS_EVERY_MS + 4_000);
    expect(sectionTexts(wrapper)).to.deep.equal(['Seen (2)', 'Not seen yet (1)']);
    expect(text(dialogOf(wrapper).querySelector('h2'))).to.equal('Seen by 2 of 3');
    expect(await focused()).to.include({ role: 'heading', name: 'Seen by 2 of 3' }, 'focus stays');
  });

  it('says when everyone has seen it, in Norwegian too', async () => {
    const school = await groupMessage(['ola', 'noah', 'sofie']);
    const { wrapper } = await opened(school, school.message, 'nb');
    expect(text(dialogOf(wrapper).querySelector('h2'))).to.equal('Sett av 3 av 3');
    expect(sectionTexts(wrapper)).to.deep.equal(['Sett (3)', 'Ikke sett ennå (0)']);
    expect(text(dialogOf(wrapper).querySelector('.people > p'))).to.equal('Alle har sett den.');
    expect(await focused()).to.include({ role: 'heading', name: 'Sett av 3 av 3' });
  });

  it('lists the 299 others of a conversation of 300 within the screen, scrolling by keyboard', async () => {
    const school = await demoSchool({ as: 'kari' });
    const students = Array.from({ length: 299 }, (_, i) => `u-student-${i + 1}`);
    const conversationId = 'c-big';
    await school.backend.run(async (storage) => {
      const now = Date.now() - 60_000;
      await storage.putConversation({ id: conversationId, kind: 'group', name: 'Year 9', createdBy: 'u-kari', createdAt: now, closed: false, deleted: false, lastSeq: 0, lastActivityAt: now, memberCount: 300 });
      for (const userId of ['u-kari', ...students]) {
        await storage.putMembership({ conversationId, userId, joinedAt: now, readUpTo: 0, seenUpTo: 0, unread: 0, listed: true, muted: false, pinnedAt: 0, lastActivityAt: now });
      }
    });
    const message = await school.actAs('kari')('sendMessage', { conversationId, clientId: 'k-big', text: 'Trip forms by Friday' });
    for (const userId of students.slice(0, 150)) await school.backend.execute(userId, 'markRead', { conversationId, upTo: message.seq });
    await school.store.openConversation(conversationId);
    const { wrapper } = await opened(school, message);
    expect(await focused()).to.include({ role: 'heading', name: 'Seen by 150 of 299' });
    expect([names(wrapper, 'seen').length, names(wrapper, 'not-seen').length]).to.deep.equal([150, 149]);
    const dialog = dialogOf(wrapper).querySelector('dialog')!.getBoundingClientRect();
    expect(dialog.bottom).to.be.at.most(innerHeight, 'the dialog fits the screen: its lists scroll');
    const people = dialogOf(wrapper).querySelector<HTMLElement>('.people')!;
    expect(people.scrollHeight).to.be.greaterThan(people.clientHeight);
    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.include({ role: 'region', name: 'Who has seen it' });
    await sendKeys({ press: 'PageDown' });
    await until(() => people.scrollTop > 0, 'scrolled by keyboard');
    await sendKeys({ press: 'End' });
    await until(() => Math.abs(people.scrollTop + people.clientHeight - people.scrollHeight) < 2, 'at the end');
    expect(text(dialogOf(wrapper).querySelector('ul[aria-labelledby="not-seen"] li:last-child .name'))).to.equal('Student 299');
  });
});
