import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/new-conversation/new-conversation.js';
import type { ImNewConversation } from '../../src/components/new-conversation/new-conversation.js';
import { conversationName } from '../../src/components/shared/describe.js';
import { en } from '../../src/l10n/en.js';
import { ImError } from '../../src/model/errors.js';
import type { Recipient } from '../../src/model/types.js';
import meta, * as stories from '../../stories/new-conversation.stories.js';
import { demoSchool, seedUsers } from '../../stories/support.js';
import { deepActive, text, until } from './helpers.js';

type School = Awaited<ReturnType<typeof demoSchool>>;

async function form(as: keyof typeof seedUsers = 'kari', setup?: (school: School) => Promise<void>) {
  const school = await demoSchool({ as });
  await setup?.(school);
  const el = await fixture<ImNewConversation>(
    html`<div style="block-size: 600px; display: flex; flex-direction: column">
      <im-new-conversation .store=${school.store}></im-new-conversation>
    </div>`,
  ).then((wrapper) => wrapper.querySelector('im-new-conversation')!);
  await el.updateComplete;
  /** Chooses recipients by exact name, as the search offers them. */
  const choose = async (...names: string[]) => {
    const found: Recipient[] = [];
    for (const name of names) {
      const match = (await school.transport.searchRecipients({ query: name })).find((r) => r.name === name);
      if (!match) throw new Error(`no recipient ${name}`);
      found.push(match);
    }
    el.recipients = found;
    await el.updateComplete;
  };
  return { ...school, el, choose };
}

const $ = <T extends Element = HTMLElement>(el: ImNewConversation, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const field = (el: ImNewConversation) => $(el, 'im-recipient-field')!;
const fieldInput = (el: ImNewConversation) => field(el).shadowRoot!.querySelector<HTMLInputElement>('[part="input"]')!;
const textarea = (el: ImNewConversation) => $<HTMLTextAreaElement>(el, 'textarea')!;
const sendButton = (el: ImNewConversation) => $<HTMLButtonElement>(el, '[part="send"]')!;
const choice = (el: ImNewConversation) => $<HTMLFieldSetElement>(el, 'fieldset');
/** Whether the group/individual choice is shown (a boolean: a failed assertion on an element would try to print all of it). */
const choiceShown = (el: ImNewConversation) => !!choice(el);
const alertText = (el: ImNewConversation) => text($(el, '.form [role="alert"]'));
/** Whether the recipient input is marked invalid, and the text of what describes it. */
function fieldDescription(el: ImNewConversation) {
  const root = $(el, 'im-recipient-field')!.shadowRoot!;
  const input = root.querySelector('input')!;
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return { invalid: input.getAttribute('aria-invalid'), description: ids.map((id) => text(root.getElementById(id))).join(' ') };
}
const notes = (el: ImNewConversation) => text($(el, '.notes'));
const radio = (el: ImNewConversation, mode: string) => $<HTMLInputElement>(el, `input[type="radio"][value="${mode}"]`)!;

async function write(el: ImNewConversation, value: string) {
  textarea(el).focus();
  await sendKeys({ type: value });
  await el.updateComplete;
}

/** Waits for the backend's answer about who the choice reaches. */
const checked = (el: ImNewConversation, what: string) => until(() => notes(el).includes(what), what);

/** Two courses of 161 (the teacher and 160 students) sharing 10 students: 310 unique people besides the teacher. */
async function overlappingCourses(school: School) {
  await school.backend.run(async (storage) => {
    for (const [id, name, from] of [['c-a', 'Year 10 A', 1], ['c-b', 'Year 10 B', 151]] as const) {
      await storage.putCourse({ id, name, color: '#1a5fb4' });
      await storage.putCourseMember(id, { userId: seedUsers.kari.id, role: 'teacher' });
      for (let i = from; i < from + 160; i++) await storage.putCourseMember(id, { userId: `u-student-${i}`, role: 'student' });
    }
  });
}

/** The parts of a story this file runs: its loaders, the meta's render, its play. */
interface StoryParts {
  args?: Record<string, unknown>;
  loaders?: ((context: { args: Record<string, unknown> }) => Promise<Record<string, unknown>>)[];
  render?: (args: Record<string, unknown>, context: { loaded: Record<string, unknown> }) => unknown;
  play?: (context: { canvasElement: HTMLElement }) => Promise<void>;
}

describe('im-new-conversation', () => {
  it('renders every story accessibly', async () => {
    const base = meta as unknown as StoryParts;
    const named = Object.entries(stories).filter(([name]) => name !== 'default') as [string, StoryParts][];
    expect(named.map(([name]) => name)).to.include.members(['Empty', 'OnePerson', 'TwoPeople', 'SmallCourse', 'LargeCourse', 'LargeCourseAndPerson', 'MessagingDisabled', 'SendingError']);
    for (const [name, story] of named) {
      const args = { ...base.args, ...story.args };
      const loaded = Object.assign({}, ...(await Promise.all((story.loaders ?? base.loaders ?? []).map((load) => load({ args })))));
      const canvas = await fixture<HTMLElement>(html`<div>${base.render!(args, { loaded })}</div>`);
      await story.play?.({ canvasElement: canvas });
      const el = canvas.querySelector('im-new-conversation')!;
      await new Promise((r) => setTimeout(r, 50));
      await el.updateComplete;
      if (name === 'SendingError') expect(alertText(el)).to.equal('No connection. Try again when it is back.');
      if (name === 'LargeCourseAndPerson') expect(alertText(el)).to.contain('You can’t send to more than 300 recipients.');
      if (name === 'TwoPeople') expect(choiceShown(el)).to.equal(true);
      await expect(el, name).to.be.accessible();
    }
  });

  it('is accessible in every state', async () => {
    const { el, choose, transport } = await form('kari', overlappingCourses);
    await expect(el).to.be.accessible();
    for (const names of [
      ['Emma Hansen'],
      ['Emma Hansen', 'Noah Johansen'],
      ['Mathematics 9B'],
      ['Whole school'],
      ['Whole school', 'Emma Hansen'],
      ['Lukas Berg'],
    ]) {
      await choose(...names);
      await new Promise((r) => setTimeout(r, 50));
      await el.updateComplete;
      await expect(el).to.be.accessible();
    }
    // The backend's refusal after sending, and a failed send.
    await choose('Year 10 A', 'Year 10 B');
    await write(el, 'Trip on Friday');
    sendButton(el).click();
    await until(() => alertText(el) !== '', 'refusal');
    await expect(el).to.be.accessible();
    transport.startConversation = async () => {
      throw new ImError('unavailable', 'down');
    };
    await choose('Emma Hansen');
    await write(el, 'Hi');
    sendButton(el).click();
    await until(() => alertText(el) !== '', 'error');
    await expect(el).to.be.accessible();
  });

  it('starts in the recipient field, and goes back to the list with the back button', async () => {
    const { el } = await form();
    await until(() => deepActive() === fieldInput(el), 'focus in the recipient field');
    expect(text($(el, 'h2'))).to.equal('New message');
    expect(textarea(el).getAttribute('aria-label')).to.equal('Write message…');
    const back = $<HTMLButtonElement>(el, '.back')!;
    expect(back.getAttribute('aria-label')).to.equal('Back to conversations');
    setTimeout(() => back.click());
    await oneEvent(el, 'im-back');
  });

  it('is used by keyboard alone: search, choose with Enter, write, send with Enter', async () => {
    const { el, store } = await form();
    await until(() => deepActive() === fieldInput(el), 'focus in the recipient field');
    await sendKeys({ type: 'Emma' });
    await until(() => fieldInput(el).getAttribute('aria-expanded') === 'true', 'results');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.recipients.map((r) => r.name)).to.deep.equal(['Emma Hansen']);
    expect(textarea(el).getAttribute('aria-label')).to.equal('Write message to Emma Hansen…');
    expect(sendButton(el).disabled).to.equal(true, 'nothing written yet');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('aria-label')).to.equal('Add files');
    await sendKeys({ press: 'Tab' });
    expect(deepActive() === textarea(el)).to.equal(true, 'focus in the message field');
    await sendKeys({ type: 'Hello Emma' });
    await el.updateComplete;
    expect(sendButton(el).disabled).to.equal(false);
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const { detail } = await oneEvent(el, 'im-conversation-open');
    const conversation = store.state.conversations.get(detail.conversationId)!;
    expect(conversation.kind).to.equal('one-to-one');
    expect(conversation.peer?.name).to.equal('Emma Hansen');
    expect(conversation.lastMessage?.text).to.equal('Hello Emma');
  });

  describe('the 300 rule (spec: "Big courses or groups")', () => {
    it('one person: no choice, a one-to-one', async () => {
      const { el, choose } = await form();
      await choose('Emma Hansen');
      expect(choiceShown(el)).to.equal(false);
      expect(alertText(el)).to.equal('');
    });

    it('two people: the group or individual choice, group first', async () => {
      const { el, choose } = await form();
      await choose('Emma Hansen', 'Noah Johansen');
      expect(text(choice(el)!.querySelector('legend'))).to.equal('Send as');
      expect(radio(el, 'group').checked).to.equal(true);
      expect(radio(el, 'individual').checked).to.equal(false);
      expect(radio(el, 'group').labels![0].textContent).to.equal('Group conversation');
      expect(text(el.shadowRoot!.getElementById(radio(el, 'group').getAttribute('aria-describedby')!))).to.equal('One conversation: everyone sees every reply.');
      expect(radio(el, 'individual').labels![0].textContent).to.equal('Individual messages');
      // Native radios: the arrows choose.
      radio(el, 'group').focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(el.mode).to.equal('individual');
    });

    it('a course of 300 or fewer: the choice', async () => {
      const { el, choose } = await form();
      await choose('Mathematics 9B');
      expect(choiceShown(el)).to.equal(true);
      expect(alertText(el)).to.equal('');
    });

    it('a course over 300 alone: no choice; it goes to the course conversation', async () => {
      const { el, choose, store } = await form();
      await choose('Whole school');
      expect(choiceShown(el)).to.equal(false);
      await checked(el, 'course conversation');
      expect(notes(el)).to.contain('Whole school has more than 300 participants, so your message goes to its course conversation. Individual messages are not possible.');
      await write(el, 'Assembly moves to the gym.');
      expect(sendButton(el).disabled).to.equal(false);
      sendButton(el).click();
      // Lukas Berg is in the course: the form says so first (see below), then opens the conversation.
      await until(() => !!$(el, '.sent'), 'sent');
      setTimeout(() => $(el, '.sent button')!.click());
      const { detail } = await oneEvent(el, 'im-conversation-open');
      const conversation = store.state.conversations.get(detail.conversationId)!;
      expect(conversation.kind).to.equal('course');
      expect(conversation.course?.name).to.equal('Whole school');
    });

    it('a course over 300 without a conversation, for a student: says the teacher starts one, and keeps what was written', async () => {
      const { el, choose, store } = await form('jakob');
      await choose('Whole school');
      await checked(el, 'course conversation');
      await write(el, 'Is there a trip?');
      sendButton(el).click();
      await until(() => alertText(el) !== '', 'refusal');
      expect(alertText(el)).to.equal('This course has no conversation yet. Your teacher can start one.');
      expect(textarea(el).value).to.equal('Is there a trip?');
      expect([...store.state.conversations.values()].some((c) => c.course?.name === 'Whole school')).to.equal(false);
    });

    it('a course over 300 with a person: refused before sending', async () => {
      const { el, choose } = await form();
      await choose('Whole school', 'Emma Hansen');
      expect(choiceShown(el)).to.equal(false);
      expect(alertText(el)).to.equal('You can’t send to more than 300 recipients. Whole school has 349 participants: send to it on its own.');
      expect(fieldDescription(el)).to.deep.equal({ invalid: 'true', description: alertText(el) });
      await write(el, 'Hello');
      expect(sendButton(el).disabled).to.equal(true);
      // Removing the person makes it sendable again.
      await choose('Whole school');
      expect(alertText(el)).to.equal('');
      expect(fieldDescription(el)).to.deep.equal({ invalid: null, description: '' });
      expect(sendButton(el).disabled).to.equal(false);
    });

    it('more than 300 people chosen one by one: refused before sending', async () => {
      const { el } = await form();
      const people = (n: number): Recipient[] =>
        Array.from({ length: n }, (_, i) => ({ type: 'person', id: `u-student-${i + 1}`, name: `Student ${String(i + 1).padStart(3, '0')}`, title: 'Student' }));
      el.recipients = people(300);
      await write(el, 'Hello everyone');
      expect(alertText(el)).to.equal('');
      expect(choiceShown(el)).to.equal(true, '300 people is still a choice');
      expect(sendButton(el).disabled).to.equal(false);
      el.recipients = people(301);
      await el.updateComplete;
      expect(choiceShown(el)).to.equal(false);
      expect(alertText(el)).to.equal('You can’t send to more than 300 recipients. Remove some people, or send to their course or project instead.');
      expect(sendButton(el).disabled).to.equal(true);
    });

    it('more than 300 unique people across small courses: the choice, then the backend’s refusal after sending', async () => {
      const { el, choose } = await form('kari', overlappingCourses);
      await choose('Year 10 A', 'Year 10 B');
      expect(el.recipients.map((r) => r.type === 'course' && r.participantCount)).to.deep.equal([161, 161]);
      expect(choiceShown(el)).to.equal(true);
      expect(alertText(el)).to.equal('');
      await write(el, 'Trip on Friday');
      const opened: Event[] = [];
      el.addEventListener('im-conversation-open', (e) => opened.push(e));
      sendButton(el).click();
      await until(() => alertText(el) !== '', 'refusal');
      expect(alertText(el)).to.equal('You can’t send to more than 300 recipients. Together, the recipients you chose are 310 different people.');
      expect(opened).to.have.length(0);
      expect(textarea(el).value).to.equal('Trip on Friday', 'the message is kept');
      expect(sendButton(el).disabled).to.equal(true, 'the same choice would be refused again');
      await choose('Year 10 A');
      expect(alertText(el)).to.equal('');
      expect(sendButton(el).disabled).to.equal(false);
    });
  });

  describe('messaging turned off (spec: "Disabled Messaging Feedback")', () => {
    it('one-to-one: says the message can’t be delivered, and does not send', async () => {
      const { el, choose } = await form();
      await choose('Lukas Berg');
      await checked(el, 'Lukas');
      expect(notes(el)).to.equal('Your message can’t be delivered: Lukas Berg can’t receive messages.');
      await write(el, 'Hello');
      expect(sendButton(el).disabled).to.equal(true);
    });

    it('group and individual: names who can’t take part, in the words of what is sent', async () => {
      const { el, choose } = await form();
      await choose('Emma Hansen', 'Lukas Berg');
      await checked(el, 'Lukas');
      expect(notes(el)).to.equal('Lukas Berg can’t take part in conversations: messaging is turned off for them.');
      radio(el, 'individual').click();
      await el.updateComplete;
      expect(notes(el)).to.equal('Your message can’t be delivered: Lukas Berg can’t receive messages.');
      await write(el, 'Hello');
      expect(sendButton(el).disabled).to.equal(false, 'Emma can still receive it');
    });

    it('course conversation: names who can’t receive it before sending', async () => {
      const { el, choose } = await form();
      await choose('Whole school');
      await checked(el, 'Lukas');
      expect(notes(el)).to.contain('Lukas Berg can’t receive messages in this course.');
    });

    it('after sending: says who was left out, then opens the conversation', async () => {
      const { el, choose, store } = await form();
      await choose('Mathematics 9B');
      await write(el, 'Homework is on page 12.');
      let opened = false;
      el.addEventListener('im-conversation-open', () => (opened = true));
      sendButton(el).click();
      await until(() => !!$(el, '.sent'), 'sent');
      expect(opened).to.equal(false, 'the reader first hears who was left out');
      expect(text($(el, '.sent [role="alert"]'))).to.equal('Message sent. Lukas Berg can’t take part in conversations: messaging is turned off for them.');
      const open = $<HTMLButtonElement>(el, '.sent button')!;
      await until(() => deepActive() === open, 'focus on "Open the conversation"');
      await expect(el).to.be.accessible();
      setTimeout(() => void sendKeys({ press: 'Enter' }));
      const { detail } = await oneEvent(el, 'im-conversation-open');
      const conversation = store.state.conversations.get(detail.conversationId)!;
      expect(conversation.kind).to.equal('group');
      expect(conversation.participantCount).to.equal(5, 'Kari and the four students who can receive messages');
    });
  });

  describe('sending', () => {
    it('a group conversation opens the new group', async () => {
      const { el, choose, store, backend } = await form();
      await choose('Emma Hansen', 'Noah Johansen');
      await write(el, 'Project groups');
      setTimeout(() => sendButton(el).click());
      const { detail } = await oneEvent(el, 'im-conversation-open');
      const conversation = store.state.conversations.get(detail.conversationId)!;
      expect(conversation.kind).to.equal('group');
      expect(conversation.participantCount).to.equal(3);
      const { messages } = await backend.execute(seedUsers.emma.id, 'getMessages', { conversationId: detail.conversationId });
      expect(messages.map((m) => m.text)).to.deep.equal(['Project groups']);
    });

    it('individual messages open the "Sent to 2 people" item', async () => {
      const { el, choose, store } = await form();
      await choose('Emma Hansen', 'Noah Johansen');
      radio(el, 'individual').click();
      await write(el, 'Your grade is ready.');
      setTimeout(() => sendButton(el).click());
      const { detail } = await oneEvent(el, 'im-conversation-open');
      const conversation = store.state.conversations.get(detail.conversationId)!;
      expect(conversation.kind).to.equal('individual');
      expect(conversationName(conversation, en)).to.equal('Sent to 2 people');
    });

    it('sends a file without text, and refuses a type that is not allowed', async () => {
      const { el, choose, backend } = await form();
      await choose('Emma Hansen');
      el.addFiles([new File(['run me'], 'virus.exe', { type: 'application/x-msdownload' })]);
      await el.updateComplete;
      expect(text($(el, '.composer [role="alert"]'))).to.equal('Sorry, you can’t send virus.exe');
      expect(sendButton(el).disabled).to.equal(true);
      el.addFiles([new File(['x + y'], 'notes.txt', { type: 'text/plain' })]);
      await until(() => !sendButton(el).disabled, 'uploaded');
      setTimeout(() => sendButton(el).click());
      const { detail } = await oneEvent(el, 'im-conversation-open');
      const { messages } = await backend.execute(seedUsers.emma.id, 'getMessages', { conversationId: detail.conversationId });
      expect(messages.at(-1)!.attachments.map((a) => a.name)).to.deep.equal(['notes.txt']);
    });

    it('shows a failed send assertively and keeps the message to try again', async () => {
      const { el, choose, transport } = await form();
      const real = transport.startConversation.bind(transport);
      let fail = true;
      transport.startConversation = async (args) => {
        if (fail) throw new ImError('unavailable', 'The server did not answer.');
        return real(args);
      };
      await choose('Emma Hansen');
      await write(el, 'See you tomorrow!');
      sendButton(el).click();
      await until(() => alertText(el) !== '', 'error');
      expect($(el, '.form .errors')!.getAttribute('role')).to.equal('alert');
      expect(alertText(el)).to.equal('No connection. Try again when it is back.');
      expect(textarea(el).value).to.equal('See you tomorrow!');
      expect(sendButton(el).disabled).to.equal(false);
      fail = false;
      setTimeout(() => sendButton(el).click());
      await oneEvent(el, 'im-conversation-open');
    });
  });
});
