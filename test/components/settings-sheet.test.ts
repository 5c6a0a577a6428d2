import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ImDialog } from '../../src/components/dialog/dialog.js';
import type { ImMenu } from '../../src/components/menu/menu.js';
import type { ImRecipientField } from '../../src/components/recipient-field/recipient-field.js';
import '../../src/components/reports/reports.js';
import type { ImReports } from '../../src/components/reports/reports.js';
import { ImParticipants } from '../../src/components/participants/participants.js';
import '../../src/components/settings-sheet/settings-sheet.js';
import type { ImSettingsSheet, SheetOption } from '../../src/components/settings-sheet/settings-sheet.js';
import { ImError } from '../../src/model/errors.js';
import { canConversation } from '../../src/model/permissions.js';
import type { Message } from '../../src/model/types.js';
import { MessengerStore } from '../../src/state/store.js';
import { MemoryTransport } from '../../src/transport/memory-transport.js';
import { demoSchool, seedUsers } from '../../stories/support.js';
import { deepActive, focused, text, until } from './helpers.js';

type School = Awaited<ReturnType<typeof demoSchool>>;
type Who = keyof typeof seedUsers;

/** Another user's panel on the same school: their own store over their own transport. */
async function storeFor(school: School, who: Who) {
  const store = new MessengerStore(new MemoryTransport({ backend: school.backend, userId: seedUsers[who].id }));
  await store.start();
  return store;
}

/** The sheet, open, for `as` on the conversation `pick` chooses, after `setup` changed the school. */
async function sheet(as: Who, pick: (ids: School['ids']) => string, setup?: (school: School) => Promise<unknown>, url = '/course/{courseId}/participants') {
  const school = await demoSchool({ as, start: false });
  await setup?.(school);
  await school.store.start();
  const el = await fixture<ImSettingsSheet>(
    html`<im-settings-sheet .store=${school.store} conversation-id=${pick(school.ids)} participants-url=${url} open></im-settings-sheet>`,
  );
  await until(() => ready(el), 'the settings');
  return { ...school, el };
}

const addKari = (s: School) => s.actAs('emma')('addParticipants', { conversationId: s.ids.group, userIds: [seedUsers.kari.id] });

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
/** The participants section, an element of its own inside the sheet. */
const people = (el: ImSettingsSheet) => $<ImParticipants>(el, 'im-participants');
const ready = (el: ImSettingsSheet) => !!$(el, '#subtitle') && !$(el, '[aria-busy="true"]') && !(people(el) && $(people(el)!, '[aria-busy="true"]'));
/** The options and sections the sheet shows, by their visible labels, in order. */
const labels = (el: ImSettingsSheet) =>
  [...el.shadowRoot!.querySelectorAll('[data-option], im-participants')].flatMap((o) =>
    o instanceof ImParticipants ? [text($(o, 'h3')), ...(o.canAdd ? [text($($(o, 'im-recipient-field')!, 'label'))] : [])] : [text(o)],
  );
const option = (el: ImSettingsSheet, id: SheetOption) => $(el, `[data-option="${id}"]`)!;
const names = (el: ImSettingsSheet) => [...people(el)!.shadowRoot!.querySelectorAll('[part="person"] .name')].map((n) => text(n));
const menus = (el: ImSettingsSheet) => [...people(el)!.shadowRoot!.querySelectorAll<ImMenu>('im-menu')];
const announcement = (el: ImSettingsSheet) => text($(el, 'dialog > [aria-live="polite"]'));
/** What the participants section said last. */
const peopleSaid = (el: ImSettingsSheet) => text($(people(el)!, '[aria-live="polite"]'));
const hits = (el: ImSettingsSheet) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.hit')];

/** Whether focus is on `target`, naming what has it otherwise (comparing elements themselves makes chai print whole object graphs). */
function focusOn(target: Element | null) {
  const active = deepActive();
  expect(active === target, `focus is on ${active?.outerHTML.slice(0, 80)}`).to.equal(true);
}

/** The confirmation or prompt the sheet (or its participants section) opened. */
async function dialog(el: ImSettingsSheet) {
  const find = () => $<ImDialog>(el, 'im-dialog') ?? (people(el) && $<ImDialog>(people(el)!, 'im-dialog'));
  await until(() => !!find(), 'a dialog');
  const d = find()!;
  await d.updateComplete;
  return {
    heading: text($(d, 'h2')),
    text: text($(d, '#text')),
    confirm: $<HTMLButtonElement>(d, '.confirm')!,
    cancel: $<HTMLButtonElement>(d, '.cancel')!,
    field: $<HTMLTextAreaElement>(d, 'textarea'),
  };
}

const gone = (el: ImSettingsSheet) => until(() => !$(el, 'im-dialog'), 'the dialog closed');

describe('im-settings-sheet', () => {
  describe('shows exactly the options the spec lists for the kind, as far as the reader may use them', () => {
    const cases: { name: string; as: Who; pick: (ids: School['ids']) => string; setup?: (s: School) => Promise<unknown>; options: string[] }[] = [
      {
        name: 'one-to-one, student',
        as: 'ola',
        pick: (ids) => ids.oneToOne,
        options: ['Search in conversation', 'Mark as unread', 'Mute conversation', 'Pin to top', 'Hide from list', 'Participants', 'Your relationship'],
      },
      {
        name: 'group, student',
        as: 'ola',
        pick: (ids) => ids.group,
        options: [
          'Search in conversation',
          'Mark as unread', 'Mute conversation', 'Pin to top',
          'Rename conversation',
          'Report abuse',
          'Leave conversation',
          'Participants',
          'Add participants',
          'Your relationship',
        ],
      },
      {
        name: 'group, teacher (a moderator)',
        as: 'kari',
        pick: (ids) => ids.group,
        setup: addKari,
        options: [
          'Search in conversation',
          'Mark as unread', 'Mute conversation', 'Pin to top',
          'Rename conversation',
          'Close conversation',
          'Report abuse',
          'Leave conversation',
          'Participants',
          'Add participants',
          'Your relationship',
        ],
      },
      {
        name: 'course, student',
        as: 'ola',
        pick: (ids) => ids.maths,
        options: ['Search in conversation', 'Mark as unread', 'Mute conversation', 'Pin to top', 'Course participant page', 'Participants', 'Your relationship'],
      },
      {
        name: 'course, teacher',
        as: 'kari',
        pick: (ids) => ids.maths,
        options: [
          'Search in conversation',
          'Mark as unread', 'Mute conversation', 'Pin to top',
          'Close conversation',
          'Delete conversation',
          'Course participant page',
          'Participants',
          'Your relationship',
        ],
      },
      {
        name: 'deleted course, teacher',
        as: 'kari',
        pick: (ids) => ids.maths,
        setup: (s) => s.actAs('kari')('deleteConversation', { conversationId: s.ids.maths }),
        options: [
          'Search in conversation',
          'Mark as unread',
          'Mute conversation',
          'Pin to top',
          'Start a new course conversation',
          'Course participant page',
          'Hide from list',
          'Participants',
          'Your relationship',
        ],
      },
      {
        name: 'mass message, student',
        as: 'ola',
        pick: (ids) => ids.mass,
        options: ['Mark as unread', 'Mute conversation', 'Pin to top', 'Your relationship'],
      },
      {
        name: '"Sent to N people", its sender',
        as: 'kari',
        pick: (ids) => ids.individual,
        options: ['Search in conversation', 'Mark as unread', 'Mute conversation', 'Pin to top', 'Participants', 'Your relationship'],
      },
      {
        name: 'course, a teacher of another course reviewing a report on it',
        as: 'per',
        pick: (ids) => ids.maths,
        setup: (s) => s.actAs('ola')('reportAbuse', { conversationId: s.ids.maths, reason: 'Spam' }),
        options: ['Search in conversation', 'Course participant page', 'Participants', 'Your relationship'],
      },
    ];
    for (const c of cases) {
      it(`${c.name}, and is accessible`, async () => {
        const { el } = await sheet(c.as, c.pick, c.setup);
        expect(labels(el)).to.deep.equal(c.options);
        await expect(el).to.be.accessible();
      });
    }
  });

  it('is a modal dialog labelled by its heading, with focus on the heading; Escape closes it and fires im-close', async () => {
    const { el } = await sheet('ola', (ids) => ids.group);
    const box = $<HTMLDialogElement>(el, 'dialog')!;
    expect(box.open).to.equal(true);
    expect(box.matches(':modal')).to.equal(true);
    expect(box.getAttribute('aria-labelledby')).to.equal('title');
    expect(text($(el, '#title'))).to.equal('Conversation settings');
    expect(text($(el, '#subtitle'))).to.equal('Maths study group');
    focusOn($(el, 'h2'));
    setTimeout(() => sendKeys({ press: 'Escape' }));
    await oneEvent(el, 'im-close');
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(box.open).to.equal(false);
  });

  it('closes with its close button', async () => {
    const { el } = await sheet('ola', (ids) => ids.oneToOne);
    const button = $(el, `header button[aria-label="Close"]`)!;
    setTimeout(() => button.click());
    await oneEvent(el, 'im-close');
    expect(el.open).to.equal(false);
  });

  it('lists participants with name, title and role, and what you share with the other person of a one-to-one', async () => {
    const { el } = await sheet('ola', (ids) => ids.oneToOne);
    const rows = [...people(el)!.shadowRoot!.querySelectorAll('[part="person"]')].map((p) => text(p));
    expect(rows).to.deep.equal([
      'Kari Nordmann Mathematics teacher · Teacher',
      'Ola Nordmann (you) Student, 9B · Student · Started the conversation',
    ]);
    expect(menus(el).map((m) => m.items.map((i) => i.label))).to.deep.equal([['Your relationship']], 'nobody moderates a one-to-one');
    const shared = [...el.shadowRoot!.querySelectorAll('.shared li')].map((li) => text(li));
    expect(shared).to.include('Mathematics 9B You: Student · Kari Nordmann: Teacher');
    expect(shared).to.not.include('Science 9B You: Student · Kari Nordmann: Teacher', 'Kari does not teach science');
  });

  it('links to the course participant page from the host’s pattern, and ignores a pattern that is not http(s) or relative', async () => {
    const { el } = await sheet('ola', (ids) => ids.maths);
    expect(option(el, 'participantPage').getAttribute('href')).to.equal(new URL('/course/c-maths/participants', document.baseURI).href);
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      el.participantsUrl = 'javascript:alert(1)//{courseId}';
      await el.updateComplete;
    } finally {
      console.warn = warn;
    }
    expect(labels(el)).to.not.include('Course participant page');
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
    expect(String(warnings[0])).to.contain('participants-url');
  });

  it('searches in the conversation with highlighted matches; choosing a hit by keyboard opens it at its message and closes the sheet', async () => {
    const { el, ids, store } = await sheet('ola', (ids) => ids.group);
    const field = $<HTMLInputElement>(el, '#search')!;
    field.focus();
    await sendKeys({ type: 'question 33' });
    // Hits of a shorter query ("question 3") may show while the whole one is searched.
    await until(() => text($(el, 'section .status')) === '1 message found', 'the whole query searched');
    expect(hits(el)).to.have.length(1);
    expect([...hits(el)[0].querySelectorAll('mark')].map((m) => m.textContent)).to.deep.equal(['question', '33', '33']);
    await expect(el).to.be.accessible();
    const [expected] = await store.transport.searchConversation({ conversationId: ids.group, query: 'question 33' });

    await sendKeys({ press: 'ArrowDown' });
    focusOn(hits(el)[0]);
    const opened = oneEvent(el, 'im-conversation-open');
    const closed = oneEvent(el, 'im-close');
    await sendKeys({ press: 'Enter' });
    const { detail } = await opened;
    expect(detail).to.deep.equal({ conversationId: ids.group, seq: expected.seq });
    await closed;
    expect(el.open).to.equal(false);
  });

  it('says when nothing is found, and Escape in a filled search field clears it without closing', async () => {
    const { el } = await sheet('ola', (ids) => ids.group);
    $<HTMLInputElement>(el, '#search')!.focus();
    await sendKeys({ type: 'qwertyuiop' });
    await until(() => text($(el, 'section .status')) !== 'Searching…' && text($(el, 'section .status')) !== '', 'answer');
    expect(text($(el, 'section .status'))).to.equal('No messages match “qwertyuiop”.');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#search')!.value).to.equal('');
    expect(el.open).to.equal(true);
  });

  it('marks the conversation as unread', async () => {
    const { el, ids, store } = await sheet('kari', (ids) => ids.maths);
    expect(store.state.conversations.get(ids.maths)!.unreadCount).to.equal(0);
    option(el, 'markUnread').click();
    await until(() => store.state.conversations.get(ids.maths)!.unreadCount > 0, 'unread');
    await until(() => announcement(el) === 'Marked as unread.', 'announced');
  });

  it('mutes and unmutes by keyboard: a toggle that keeps focus, says its state, lowers the badge in every tab and is the reader’s own', async () => {
    const { el, ids, store, ...school } = await sheet('ola', (ids) => ids.maths);
    const otherTab = await storeFor(school as School, 'ola');
    const emma = await storeFor(school as School, 'emma');
    const before = store.state.unread;
    const unread = store.state.conversations.get(ids.maths)!.unreadCount;
    expect(unread).to.be.greaterThan(0);
    option(el, 'markUnread').focus();
    await sendKeys({ press: 'Tab' });
    const mute = option(el, 'mute');
    focusOn(mute);
    expect(await focused()).to.deep.include({ role: 'button', name: 'Mute conversation' });
    expect(mute.getAttribute('aria-pressed')).to.equal('false');

    await sendKeys({ press: 'Space' });
    await until(() => mute.getAttribute('aria-pressed') === 'true', 'pressed');
    await until(() => announcement(el) === 'Conversation muted. Its new messages don’t count in your unread total and are not announced.', 'said');
    focusOn(mute);
    await until(() => otherTab.state.unread === before - unread, 'the badge lowered in the other tab');
    expect(store.state.unread).to.equal(before - unread);
    expect(otherTab.state.conversations.get(ids.maths)!.muted).to.equal(true);
    expect(emma.state.conversations.get(ids.maths)!.muted, 'not muted for Emma').to.equal(undefined);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    await until(() => mute.getAttribute('aria-pressed') === 'false', 'not pressed');
    await until(() => announcement(el) === 'Conversation unmuted. Its new messages count in your unread total again.', 'said again');
    focusOn(option(el, 'mute'));
    await until(() => otherTab.state.unread === before, 'the badge back in the other tab');
  });

  it('pins and unpins by keyboard: the two take each other’s place with focus on them, say so, and every tab of the reader puts it on top', async () => {
    const { el, ids, store, ...school } = await sheet('ola', (ids) => ids.maths);
    const otherTab = await storeFor(school as School, 'ola');
    const emma = await storeFor(school as School, 'emma');
    expect(store.state.order[0]).to.not.equal(ids.maths);
    option(el, 'mute').focus();
    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.deep.include({ role: 'button', name: 'Pin to top' });

    await sendKeys({ press: 'Enter' });
    await until(() => !!el.shadowRoot!.querySelector('[data-option="unpin"]'), 'Unpin in its place');
    await until(() => deepActive() === option(el, 'unpin'), 'focus on Unpin');
    expect(await focused()).to.deep.include({ role: 'button', name: 'Unpin' });
    expect(el.shadowRoot!.querySelector('[data-option="pin"]')).to.equal(null);
    await until(() => announcement(el) === 'Conversation pinned to the top of your list.', 'said');
    await until(() => otherTab.state.order[0] === ids.maths, 'on top in the other tab');
    expect(store.state.order[0]).to.equal(ids.maths);
    expect(emma.state.conversations.get(ids.maths)!.pinnedAt, 'not pinned for Emma').to.equal(undefined);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Space' });
    await until(() => deepActive() === option(el, 'pin'), 'focus back on Pin to top');
    expect(await focused()).to.deep.include({ role: 'button', name: 'Pin to top' });
    await until(() => announcement(el) === 'Conversation unpinned. It takes its place by last activity again.', 'said again');
    await until(() => otherTab.state.order[0] !== ids.maths, 'back in its place in the other tab');
  });

  it('says why a pin was refused, with focus kept on the option', async () => {
    const { el, store } = await sheet('ola', (ids) => ids.group);
    store.transport.pinConversation = async () => {
      throw new ImError('too-many-pinned', 'You can pin up to 15 conversations.', { limit: 15 });
    };
    option(el, 'pin').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => text($(el, '[role="alert"]')) === 'You can pin up to 15 conversations. Unpin one first.', 'the reason, in the reader’s words');
    focusOn(option(el, 'pin'));
  });

  it('hides a one-to-one by keyboard, telling the host which conversation takes its place in the list, and closes', async () => {
    const { el, ids, store } = await sheet('ola', (ids) => ids.oneToOne);
    const at = store.state.order.indexOf(ids.oneToOne);
    const next = store.state.order[at + 1] ?? store.state.order[at - 1];
    expect(next).to.be.a('string');
    option(el, 'pin').focus();
    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.deep.include({ role: 'button', name: 'Hide from list' });
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const hidden = await oneEvent(el, 'im-conversation-hide');
    expect(hidden.detail).to.deep.equal({ conversationId: ids.oneToOne, next });
    await until(() => !el.open, 'closed');
    expect(store.state.order).to.not.include(ids.oneToOne);
    expect(store.state.conversations.get(ids.oneToOne)!.unreadCount).to.equal(0, 'read, so the badge does not count it');
  });

  it('offers hiding a group only once it is closed', async () => {
    const { el, ids, actAs } = await sheet('ola', (ids) => ids.group);
    expect(el.shadowRoot!.querySelector('[data-option="hide"]')).to.equal(null);
    await actAs('emma')('closeConversation', { conversationId: ids.group });
    await until(() => !!el.shadowRoot!.querySelector('[data-option="hide"]'), 'Hide from list, once closed');
  });

  it('offers muting in a weekly update, whose reader cannot write in it', async () => {
    const { el, ids, store } = await sheet('ola', (ids) => ids.weekly);
    option(el, 'mute').click();
    await until(() => store.state.conversations.get(ids.weekly)?.muted === true, 'muted');
    expect(option(el, 'mute').getAttribute('aria-pressed')).to.equal('true');
  });

  it('renames a group, and another participant sees the new name live', async () => {
    const school = await demoSchool({ as: 'ola' });
    const emma = await storeFor(school, 'emma');
    const emmas = await fixture<ImSettingsSheet>(html`<im-settings-sheet .store=${emma} conversation-id=${school.ids.group} open></im-settings-sheet>`);
    const el = await fixture<ImSettingsSheet>(html`<im-settings-sheet .store=${school.store} conversation-id=${school.ids.group} open></im-settings-sheet>`);
    await until(() => ready(el) && ready(emmas), 'both sheets');
    expect(text($(emmas, '#subtitle'))).to.equal('Maths study group');

    option(el, 'rename').click();
    const prompt = await dialog(el);
    expect(prompt.heading).to.equal('Rename conversation');
    expect(prompt.field!.value).to.equal('Maths study group');
    await until(() => deepActive() === prompt.field, 'the name field focused');
    prompt.field!.select();
    await sendKeys({ type: 'Algebra crew' });
    prompt.confirm.click();
    await until(() => emma.state.conversations.get(school.ids.group)!.name === 'Algebra crew', "Emma's store renamed");
    await until(() => text($(emmas, '#subtitle')) === 'Algebra crew', "Emma's sheet renamed");
    expect(text($(el, '#subtitle'))).to.equal('Algebra crew');
    expect(announcement(el)).to.equal('Conversation renamed to Algebra crew.');
  });

  it('adds participants chosen by name in the recipient field, says who can’t be added, and the list follows changes made by others', async () => {
    // Emma shares the science fair project with Jakob (9A): he is her contact.
    const { el, ids, actAs } = await sheet('emma', (ids) => ids.group);
    const section = people(el)!;
    const field = $<ImRecipientField>(section, 'im-recipient-field')!;
    const input = $<HTMLInputElement>(field, '[part="input"]')!;
    const addButton = () => [...section.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Add participants')!;
    addButton().focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive() === input, 'nobody chosen yet: back to the field');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(await focused()).to.include({ role: 'combobox', name: 'Add participants', description: 'Choose who to add in the field first.' });
    input.focus();
    await sendKeys({ type: 'Jakob' });
    await until(() => input.getAttribute('aria-expanded') === 'true', 'Jakob found');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => field.recipients.length === 1, 'Jakob chosen');
    await expect(el).to.be.accessible();
    addButton().focus();
    await sendKeys({ press: 'Enter' });
    await until(() => names(el).includes('Jakob Olsen'), 'Jakob listed');
    expect(peopleSaid(el)).to.equal('Jakob Olsen was added to the conversation.');
    expect(text($(section, '.count'))).to.equal('5 participants');
    focusOn(input);

    await sendKeys({ type: 'Jakob' });
    await until(() => field.shadowRoot!.querySelector('[role="status"]')?.textContent?.includes('No') ?? false, 'nobody new to add');
    expect(field.shadowRoot!.querySelectorAll('[role="option"]').length).to.equal(0, 'a participant is not offered again');

    input.select();
    await sendKeys({ type: 'Lukas' });
    await until(() => input.getAttribute('aria-expanded') === 'true', 'Lukas found');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    addButton().click();
    await until(() => text($(section, '[role="alert"]')) !== '', 'refused');
    expect(text($(section, '[role="alert"]'))).to.equal('Lukas Berg can’t take part in conversations: messaging is turned off for them.');

    await actAs('ola')('addParticipants', { conversationId: ids.group, userIds: [seedUsers.per.id] });
    await until(() => names(el).includes('Per Hansen'), 'Per listed live');
  });

  it('shows the sender of "Sent to N people" whom it went to, and opens one\'s one-to-one from their menu in three key presses', async () => {
    const { el, store } = await sheet('kari', (ids) => ids.individual);
    expect(text($(people(el)!, '.count'))).to.equal('4 participants');
    expect(names(el)).to.deep.equal(['Emma Hansen', 'Kari Nordmann (you)', 'Noah Johansen', 'Ola Nordmann']);
    const menu = menus(el).find((m) => m.label === 'More options for Emma Hansen')!;
    $(menu, '[part="trigger"]')!.focus();
    setTimeout(async () => {
      await sendKeys({ press: 'Enter' });
      await until(() => text(deepActive()) === 'Your relationship', 'the menu open');
      await sendKeys({ press: 'ArrowDown' });
      await until(() => text(deepActive()) === 'Open conversation', 'Open conversation');
      await sendKeys({ press: 'Enter' });
    });
    const { detail } = await oneEvent(el, 'im-conversation-open');
    const oneToOne = await store.transport.getConversation({ conversationId: detail.conversationId });
    expect([oneToOne.kind, oneToOne.peer?.name, oneToOne.hidden]).to.deep.equal(['one-to-one', 'Emma Hansen', true]);
  });

  it('tells what you share with a participant chosen from their menu, moving focus to it and saying it', async () => {
    const { el } = await sheet('ola', (ids) => ids.group);
    expect(text($(el, '#relationship-heading + *'))).to.contain('choose “Your relationship” in their options');
    const menu = menus(el).find((m) => m.label === 'More options for Noah Johansen')!;
    $(menu, '[part="trigger"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => text(deepActive()) === 'Your relationship', 'the menu open');
    await sendKeys({ press: 'Enter' });
    await until(() => announcement(el).startsWith('What you share with Noah Johansen:'), 'the relationship said');
    focusOn($(el, '#relationship-heading'));
    expect(announcement(el)).to.contain('Mathematics 9B');
    const shared = [...el.shadowRoot!.querySelectorAll('.shared li')].map((li) => text(li));
    expect(shared).to.include('Mathematics 9B You: Student · Noah Johansen: Student');
    await expect(el).to.be.accessible();
  });

  it('keeps the participants and the focus in place while messages arrive', async () => {
    const { el, actAs, ids } = await sheet('ola', (ids) => ids.group);
    const trigger = $(menus(el).find((m) => m.label === 'More options for Noah Johansen')!, '[part="trigger"]')!;
    trigger.focus();
    for (let i = 0; i < 3; i++) await actAs('emma')('sendMessage', { conversationId: ids.group, clientId: `busy-${i}`, text: `Message ${i}` });
    await new Promise((r) => setTimeout(r, 100));
    expect($(people(el)!, '[aria-busy="true"]')).to.equal(null, 'no "Loading participants…" for a message');
    focusOn(trigger);
  });

  it('offers "Your relationship" only where it can be about someone', async () => {
    const own = await sheet('admin', (ids) => ids.mass);
    expect(labels(own.el)).to.deep.equal(['Mark as unread', 'Mute conversation', 'Pin to top']);
    const received = await sheet('ola', (ids) => ids.mass);
    expect(labels(received.el)).to.deep.equal(['Mark as unread', 'Mute conversation', 'Pin to top', 'Your relationship']);
  });

  it('says your own role in the course of a course conversation', async () => {
    const teacher = await sheet('kari', (ids) => ids.maths);
    expect(text($(teacher.el, '.course-role'))).to.equal('Mathematics 9B · You: Teacher');
    const student = await sheet('ola', (ids) => ids.maths);
    expect(text($(student.el, '.course-role'))).to.equal('Mathematics 9B · You: Student');
  });

  it('offers Remove on other participants to a teacher in a group, never on themselves, and not to students', async () => {
    const teacher = await sheet('kari', (ids) => ids.group, addKari);
    expect(menus(teacher.el).map((m) => m.label)).to.deep.equal([
      'More options for Emma Hansen',
      'More options for Noah Johansen',
      'More options for Ola Nordmann',
      'More options for Sofie Larsen',
    ]);
    expect(menus(teacher.el).map((m) => m.items.map((i) => i.label).join(', '))).to.deep.equal(Array(4).fill('Your relationship, Remove'));
    const student = await sheet('emma', (ids) => ids.group, addKari);
    expect(menus(student.el).flatMap((m) => m.items.map((i) => i.label))).to.not.include('Remove');
  });

  it('a teacher removes a student with the keyboard from the participant menu, and the student loses the conversation live', async () => {
    const school = await demoSchool({ as: 'kari', start: false });
    await addKari(school);
    await school.store.start();
    const noah = await storeFor(school, 'noah');
    expect(noah.state.conversations.has(school.ids.group)).to.equal(true);
    const el = await fixture<ImSettingsSheet>(html`<im-settings-sheet .store=${school.store} conversation-id=${school.ids.group} open></im-settings-sheet>`);
    await until(() => ready(el), 'the settings');

    const menu = menus(el).find((m) => m.label === 'More options for Noah Johansen')!;
    const trigger = $(menu, '[part="trigger"]')!;
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => text(deepActive()) === 'Your relationship', 'the menu open on its first item');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => text(deepActive()) === 'Remove', 'Remove');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    const confirm = await dialog(el);
    expect(confirm.heading).to.equal('Remove Noah Johansen?');
    await until(() => deepActive() === confirm.cancel, 'focus on the safe choice');
    await sendKeys({ press: 'Tab' });
    focusOn(confirm.confirm);
    await sendKeys({ press: 'Enter' });

    await until(() => !noah.state.conversations.has(school.ids.group), "gone from Noah's list");
    await until(() => !names(el).includes('Noah Johansen'), 'gone from the participants');
    expect(peopleSaid(el)).to.equal('Noah Johansen was removed from the conversation.');
    focusOn($(people(el)!, 'h3'));
  });

  it('leaves a group only after confirming', async () => {
    const { el, ids, store, ...school } = await sheet('ola', (ids) => ids.group);
    const emma = await storeFor(school as School, 'emma');
    option(el, 'leave').click();
    let confirm = await dialog(el);
    expect(confirm.heading).to.equal('Leave this conversation?');
    expect(confirm.confirm.classList.contains('danger')).to.equal(true);
    confirm.cancel.click();
    await gone(el);
    expect(store.state.conversations.has(ids.group)).to.equal(true);
    expect(el.open).to.equal(true);

    option(el, 'leave').click();
    confirm = await dialog(el);
    const closed = oneEvent(el, 'im-close');
    confirm.confirm.click();
    await closed;
    await until(() => !store.state.conversations.has(ids.group), 'gone from the list');
    await until(() => emma.state.conversations.get(ids.group)!.participantCount === 3, 'Emma sees one fewer');
  });

  it('closes a course conversation after confirming, then reopens it, live for the students', async () => {
    const { el, ids, ...school } = await sheet('kari', (ids) => ids.maths);
    const ola = await storeFor(school as School, 'ola');
    option(el, 'close').click();
    const confirm = await dialog(el);
    expect(confirm.heading).to.equal('Close this conversation?');
    confirm.confirm.click();
    await until(() => ola.state.conversations.get(ids.maths)!.closed, 'closed for Ola');
    await until(() => labels(el).includes('Reopen conversation'), 'Reopen offered');
    expect(labels(el)).to.not.include('Close conversation');
    expect(announcement(el)).to.equal('Conversation closed. No new messages can be sent.');
    expect(text($(el, '#subtitle'))).to.equal('Mathematics 9B · Closed conversation');
    focusOn(option(el, 'reopen'));
    await expect(el).to.be.accessible();

    // A double click reopens once: the second activation finds the first still running.
    option(el, 'reopen').click();
    await el.updateComplete;
    expect(option(el, 'reopen').getAttribute('aria-disabled')).to.equal('true');
    option(el, 'reopen').click();
    await until(() => !ola.state.conversations.get(ids.maths)!.closed, 'open again for Ola');
    await until(() => labels(el).includes('Close conversation'), 'Close offered again');
    expect(announcement(el)).to.equal('Conversation reopened. Everyone can send messages again.');
    expect(text($(el, '[role="alert"]'))).to.equal('', 'no error from a second reopen');
  });

  it('deletes a course conversation after confirming: it becomes read-only history, and a new one can be started', async () => {
    const { el, ids, store, ...school } = await sheet('kari', (ids) => ids.maths);
    const ola = await storeFor(school as School, 'ola');
    option(el, 'delete').click();
    const confirm = await dialog(el);
    expect(confirm.heading).to.equal('Delete this course conversation?');
    expect(confirm.text).to.contain('can still read the history');
    expect(confirm.text).to.contain('start a new course conversation');
    await until(() => deepActive() === confirm.cancel, 'focus on the safe choice');
    confirm.confirm.click();

    await until(() => !!ola.state.conversations.get(ids.maths)?.deleted, 'deleted for Ola');
    const old = ola.state.conversations.get(ids.maths)!;
    const olaCtx = { user: { id: seedUsers.ola.id, role: 'student' as const }, conversation: old, access: old.access };
    expect(canConversation('send', olaCtx)).to.equal(false, 'read-only for Ola');
    await until(() => labels(el).includes('Start a new course conversation'), 'Start offered');
    expect(labels(el)).to.not.include('Delete conversation');
    focusOn(option(el, 'startNew'));

    const opened = oneEvent(el, 'im-conversation-open');
    const closed = oneEvent(el, 'im-close');
    option(el, 'startNew').click();
    const { detail } = await opened;
    await closed;
    expect(detail.conversationId).to.not.equal(ids.maths);
    expect(store.state.conversations.get(detail.conversationId)?.course?.id).to.equal('c-maths');
    await until(() => ola.state.conversations.get(detail.conversationId)?.deleted === false, 'the new one reaches Ola');

    // The old one now points to the new one instead of offering another start.
    el.open = true;
    await until(() => ready(el), 'reopened');
    expect(labels(el)).to.include('Go to the current course conversation');
    expect(labels(el)).to.not.include('Start a new course conversation');
  });

  it('lets an administrator who reviews a report restore a deleted course conversation', async () => {
    const { el, ids, ...school } = await sheet('admin', (ids) => ids.maths, async (s) => {
      const page = (await s.actAs('ola')('getMessages', { conversationId: s.ids.maths })) as { messages: Message[] };
      const kari = page.messages.find((m) => m.sender.id === seedUsers.kari.id)!;
      await s.actAs('ola')('reportAbuse', { conversationId: s.ids.maths, messageId: kari.id, reason: 'Unfair' });
      await s.actAs('kari')('deleteConversation', { conversationId: s.ids.maths });
    });
    const ola = await storeFor(school as School, 'ola');
    expect(labels(el)).to.deep.equal(['Search in conversation', 'Restore conversation', 'Course participant page', 'Participants', 'Your relationship']);
    await expect(el).to.be.accessible();
    option(el, 'restore').click();
    await until(() => ola.state.conversations.get(ids.maths)?.deleted === false, 'restored for Ola');
    await until(() => announcement(el) === 'Conversation restored. Participants can send messages again.', 'announced');
    expect(labels(el)).to.not.include('Restore conversation');
  });

  it("reports a group anonymously, and the report reaches an administrator's Reports list live", async () => {
    const { el, ids, ...school } = await sheet('ola', (ids) => ids.group);
    const admin = await storeFor(school as School, 'admin');
    const reports = await fixture<ImReports>(html`<im-reports .store=${admin}></im-reports>`);
    await until(() => text($(reports, '.message')).startsWith('No reports'), 'no reports yet');

    option(el, 'report').click();
    const prompt = await dialog(el);
    expect(prompt.heading).to.equal('Report abuse');
    expect(prompt.text).to.equal('Your report goes to your teachers and the administrators. They will not see who reported it.');
    await until(() => deepActive() === prompt.field, 'the reason field focused');
    prompt.confirm.click();
    await until(() => prompt.field!.getAttribute('aria-invalid') === 'true', 'a reason is needed');
    await until(() => deepActive() === prompt.field, 'back in the field');
    await sendKeys({ type: 'Mean messages about me' });
    prompt.confirm.click();

    await until(() => reports.shadowRoot!.querySelectorAll('[part="item"]').length === 1, 'the report listed');
    const item = text($(reports, '[part="item"]'));
    expect(item).to.contain('Maths study group');
    expect(item).to.contain('Group conversation');
    expect(item).to.contain('The conversation was reported');
    expect(item).to.contain('Reason: Mean messages about me');
    expect(item).to.not.contain('Reported by');
    expect(announcement(el)).to.equal('Report sent. Your teachers and the administrators will not see who sent it.');
    expect(admin.state.reports[0].conversationId).to.equal(ids.group);
  });

  it('shows an error from the backend in an alert', async () => {
    const { el, store } = await sheet('ola', (ids) => ids.group);
    store.transport.renameConversation = async () => {
      throw new ImError('forbidden', 'Not yours to rename.');
    };
    option(el, 'rename').click();
    const prompt = await dialog(el);
    prompt.field!.value = 'X';
    prompt.field!.dispatchEvent(new InputEvent('input'));
    prompt.confirm.click();
    await until(() => text($(el, '[role="alert"]')) !== '', 'an error');
    expect(text($(el, '[role="alert"]'))).to.equal('You are not allowed to do that.');
  });
});
