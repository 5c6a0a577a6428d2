/**
 * What every check is given: the hub under test, the fixture's people connected, and
 * the shared steps several checks take (a new group, a refusal with its code).
 */
import assert from 'node:assert/strict';
import type { CommandName } from '../model/commands.js';
import type { ErrorCode } from '../model/errors.js';
import type { ConversationSummary, Message } from '../model/types.js';
import type { Fixture, FixturePerson } from './fixture.js';
import { refusalOf, Session } from './session.js';

export type Role = keyof Fixture['people'];

export class Context {
  /** Methods that answered at least once. */
  readonly answered = new Set<CommandName>();
  readonly sessions = {} as Record<Role, Session>;
  private counter = 0;
  /** Tells this run's conversations and client ids from any earlier run's. */
  private readonly run = Date.now().toString(36);

  constructor(
    readonly hubUrl: string,
    readonly apiUrl: string,
    readonly fixture: Fixture,
  ) {}

  async connectAll() {
    for (const [role, person] of Object.entries(this.fixture.people) as [Role, FixturePerson][]) {
      this.sessions[role] = await Session.open(this.hubUrl, role, person, this.answered);
    }
  }

  get student() {
    return this.sessions.student;
  }
  get classmate() {
    return this.sessions.classmate;
  }
  get teacher() {
    return this.sessions.teacher;
  }
  get admin() {
    return this.sessions.admin;
  }
  get outsider() {
    return this.sessions.outsider;
  }
  /** The fixture's person whose messaging is off; a check that needs them is not tried without one. */
  get messagingOff(): Session {
    const session = this.sessions.messagingOff as Session | undefined;
    if (!session) throw new NotTried('the fixture names no person whose messaging is off (people.messagingOff)');
    return session;
  }

  /** A label no earlier run used. */
  unique(label: string): string {
    return `${label} ${this.run}-${++this.counter}`;
  }

  /** A new group conversation started by `creator` with `members`, and its first message. */
  async group(creator: Session, members: Session[], text = this.unique('conformance')): Promise<{ conversation: ConversationSummary; message: Message }> {
    const { conversation, message } = await creator.call('startConversation', {
      recipients: members.map((m) => ({ type: 'person', id: m.person.id })),
      mode: 'group',
      text,
      clientId: this.unique('client'),
    });
    assert.equal(conversation.kind, members.length === 1 ? 'one-to-one' : 'group', 'the conversation started');
    assert.ok(message, 'startConversation answers the first message');
    return { conversation, message };
  }

  /** Sends `text` as `sender`. */
  send(sender: Session, conversationId: string, text = this.unique('message')): Promise<Message> {
    return sender.call('sendMessage', { conversationId, clientId: this.unique('client'), text });
  }

  /** The course's conversation as `session` lists it. */
  async courseConversation(session: Session): Promise<ConversationSummary> {
    const [found] = await this.listed(session, (c) => c.kind === 'course' && c.course?.id === this.fixture.course.id && !c.deleted, 1);
    if (!found) throw new Error(`${session.name} has no conversation of course ${this.fixture.course.id} in their list`);
    return found;
  }

  /** Up to `count` conversations of `session`'s list that `test` accepts, newest first. */
  async listed(session: Session, test: (c: ConversationSummary) => boolean, count: number): Promise<ConversationSummary[]> {
    const found: ConversationSummary[] = [];
    for (let cursor: string | undefined, page = 0; page < 20 && found.length < count; page++) {
      const listed = await session.call('listConversations', { limit: 100, ...(cursor ? { cursor } : {}) });
      found.push(...listed.items.filter(test));
      if (!listed.cursor) break;
      cursor = listed.cursor;
    }
    return found.slice(0, count);
  }
}

/** Thrown by a check that needs what the fixture does not give (an optional person): it is reported as not tried, not as failed. */
export class NotTried extends Error {}

/** Fails unless `promise` is refused with `code`; returns the refusal. */
export async function refusedWith(promise: Promise<unknown>, code: ErrorCode, what: string) {
  const error = await refusalOf(promise, what);
  assert.equal(error.code, code, `${what}: refused with ${error.code} ("${error.message}"), expected ${code}`);
  return error;
}
