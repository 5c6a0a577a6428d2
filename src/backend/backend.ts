/**
 * The reference backend: every rule of the hub contract, enforced over a
 * storage port. It runs in the browser (behind MemoryTransport) and in Node
 * (behind the SignalR hub server) alike, so it uses neither's APIs.
 *
 * This is the kernel: one command at a time, each in a transaction, its events
 * delivered once it commits. The commands are in `commands/`, one module a
 * concern, over the shared look-ups of `context.ts`; the platform's own
 * operations are in `platform.ts`.
 */
import { defaultAttachmentPolicy, type AttachmentPolicy } from '../model/attachments.js';
import { validateArgs, type CommandName, type CommandResults } from '../model/commands.js';
import { ImError } from '../model/errors.js';
import { readStatusSettings, type ReadStatusSetting } from '../model/permissions.js';
import type { Attachment, CourseId, NotificationPreferences, Role, UserId } from '../model/types.js';
import { conversations } from './commands/conversations.js';
import { moderation } from './commands/moderation.js';
import { participants } from './commands/participants.js';
import { reactions } from './commands/reactions.js';
import { reading } from './commands/reading.js';
import { notificationPreferences, preferences } from './commands/preferences.js';
import { readStatus } from './commands/read-status.js';
import { search } from './commands/search.js';
import { sending } from './commands/sending.js';
import { tidying } from './commands/tidying.js';
import { schoolContacts, type ContactPolicy } from './contacts.js';
import { CommandContext, type Handler, type Handlers } from './context.js';
import * as platform from './platform.js';
import { defaultLimits, MemoryLimiter, type Limits, type RateLimiter } from './limits.js';
import type { EventBatch, Storage, StoredEvent } from './storage.js';

export { unlimited, type Limits } from './limits.js';

export interface BackendOptions {
  storage: Storage;
  attachmentPolicy?: AttachmentPolicy;
  /** Clock, for tests. Times are epoch milliseconds. */
  now?: () => number;
  /** Id maker, for tests. */
  newId?: () => string;
  /** Hears what went wrong where a caller only gets `internal`: the server logs it. */
  onError?: (error: unknown) => void;
  /** Per-user limits, against floods (a script, a stuck key): how many new messages and abuse reports in a window. */
  limits?: Partial<Limits>;
  /** Where the limits are counted; default this process's memory. Servers sharing a database share a limiter too. */
  limiter?: RateLimiter;
  /** The school's communication rules: whom a user may start a conversation with. Default: `schoolContacts`. */
  contacts?: ContactPolicy;
  /**
   * The school's read-status setting (issue 18): `on` (the default), `off-for-students` (students'
   * reading is told to nobody, and students are told of nobody's), or `off` (nothing about reading leaves the backend).
   */
  readStatus?: ReadStatusSetting;
}

const MINUTE = 60_000;

/**
 * Hears a user's event once it is stored, as stored: its event shared by everyone it went to and
 * the user's own fields apart, so that whoever sends it to many can serialise the shared part
 * once. `envelopeOf(stored)` is the event as the user receives it (built only when asked: a
 * course of 300 is 300 copies of the message's conversation).
 */
export type EventListener = (userId: UserId, stored: StoredEvent) => void;

/** The commands' handlers, a table a concern. */
const tables = { reading, readStatus, sending, conversations, participants, moderation, reactions, search, preferences, tidying };
type Tables = typeof tables;
/** Commands that two of the tables handle: there must be none, or `npx tsc` fails on `handlers`, naming them. */
type HandledTwice = { [A in keyof Tables]: { [B in Exclude<keyof Tables, A>]: keyof Tables[A] & keyof Tables[B] }[Exclude<keyof Tables, A>] }[keyof Tables];

/** Every command of the contract (else `npx tsc` fails here), each handled by one table. */
const handlers: Handlers & Record<HandledTwice, 'handled by two tables'> = {
  ...tables.reading,
  ...tables.readStatus,
  ...tables.sending,
  ...tables.conversations,
  ...tables.participants,
  ...tables.moderation,
  ...tables.reactions,
  ...tables.search,
  ...tables.preferences,
  ...tables.tidying,
};

let counter = 0;
const defaultId = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export class Backend {
  readonly storage: Storage;
  readonly attachmentPolicy: AttachmentPolicy;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly onError: (error: unknown) => void;
  private readonly listeners = new Set<EventListener>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Events of the command being run, stored when its work is done and delivered once its transaction commits. */
  private outbox: EventBatch[] = [];
  /** The command being run, for the limiter: a command run again counts once. Unique across backends sharing a limiter. */
  private command = '';
  private commands = 0;
  private readonly commandPrefix = Math.random().toString(36).slice(2, 10);
  private lastNow = 0;
  private readonly limits: Limits;
  private readonly limiter: RateLimiter;
  private readonly contacts: ContactPolicy;
  /** What the commands and platform operations are given. */
  private readonly ctx: CommandContext;

  constructor(options: BackendOptions) {
    this.storage = options.storage;
    this.attachmentPolicy = options.attachmentPolicy ?? defaultAttachmentPolicy;
    this.now = options.now ?? (() => Date.now());
    this.newId = options.newId ?? defaultId;
    this.onError = options.onError ?? (() => undefined);
    this.limits = { ...defaultLimits, ...options.limits };
    this.limiter = options.limiter ?? new MemoryLimiter();
    this.contacts = options.contacts ?? schoolContacts(this.storage);
    if (options.readStatus !== undefined && !readStatusSettings.includes(options.readStatus)) {
      throw new Error(`readStatus must be one of ${readStatusSettings.join(', ')}; it is ${String(options.readStatus)}.`);
    }
    this.ctx = new CommandContext({
      storage: this.storage,
      attachmentPolicy: this.attachmentPolicy,
      contacts: this.contacts,
      readStatus: options.readStatus ?? 'on',
      limits: this.limits,
      now: this.now,
      tick: () => this.tick(),
      newId: this.newId,
      publish: async (userId, event) => void this.outbox.push({ event, users: [{ userId }] }),
      broadcast: async (batch) => void this.outbox.push(batch),
      limit: (what, userId) => this.limit(what, userId),
    });
  }

  /** Counts one more `what` for the user, refusing it (`rate-limited`) past the limit in the window. */
  private async limit(what: 'send' | 'react' | 'report', userId: UserId) {
    const [max, windowMs] = {
      send: [this.limits.sendsPerMinute, MINUTE],
      react: [this.limits.reactionsPerMinute, MINUTE],
      report: [this.limits.reportsPerHour, 60 * MINUTE],
    }[what];
    if (max === Infinity) return;
    const retryAfterMs = await this.limiter.take({ key: `${what}:${userId}`, token: this.command, max, windowMs, now: this.now() });
    if (retryAfterMs > 0) {
      const said = { send: 'Too many messages in a short time.', react: 'Too many reactions in a short time.', report: 'Too many reports in a short time.' }[what];
      throw new ImError('rate-limited', said, { limit: max, windowMs, retryAfterMs });
    }
  }

  /** Listens to every user's events; the hub routes each to that user's connections. */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs one command for a user. Arguments are checked first; a refusal is an
   * `ImError`, anything unexpected becomes `internal` with no details leaked.
   */
  execute<K extends CommandName>(userId: UserId, name: K, args: unknown): Promise<CommandResults[K]> {
    // A command on a conversation takes its turn there with other servers' (`Storage.transaction`).
    // The arguments are not checked yet: an id no database could hold (a NUL in it) takes no
    // turn, and is refused by the checks as any other bad argument is.
    const conversationId = (args as { conversationId?: unknown } | null | undefined)?.conversationId;
    const turn = typeof conversationId === 'string' && !conversationId.includes('\u0000') ? conversationId : undefined;
    return this.serial(
      async () => {
        const handler = (handlers as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || !Object.prototype.hasOwnProperty.call(handlers, name)) {
          throw new ImError('not-found', `There is no command ${String(name)}.`);
        }
        const clean = validateArgs(name, args);
        const user = await this.storage.getUser(userId);
        if (!user) throw new ImError('unauthenticated', 'Unknown user.');
        return (handler as Handler<K>)(this.ctx, user, clean);
      },
      turn,
    );
  }

  /**
   * One command at a time, each in a transaction; events go out after it commits. A
   * transaction the storage asks to retry (it conflicted with another server's) runs again
   * from the start, with nothing of the failed run kept.
   */
  /** `serializeOn`: see `Storage.transaction`. */
  private serial<T>(work: () => Promise<T>, serializeOn?: string): Promise<T> {
    const run = async () => {
      this.command = `${this.commandPrefix}-${(this.commands++).toString(36)}`;
      let result: T;
      let sent: { userId: UserId; stored: StoredEvent }[];
      for (let attempt = 1; ; attempt++) {
        this.outbox = [];
        try {
          [result, sent] = await this.storage.transaction(async () => [await work(), await this.storeOutbox()] as const, serializeOn);
          break;
        } catch (error) {
          this.outbox = [];
          if (error instanceof ImError) throw error;
          if (await this.storage.retryable?.(error, attempt)) continue;
          this.onError(error);
          throw new ImError('internal', 'Something went wrong on the server.');
        }
      }
      // The command is done and stored: a listener failing now must neither fail it nor starve the others.
      for (const { userId, stored } of sent) {
        for (const listener of this.listeners) {
          try {
            listener(userId, stored);
          } catch (error) {
            this.onError(error);
          }
        }
      }
      return result;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Stores the command's events in their users' logs; what each user is sent, in the order of their seqs. */
  private async storeOutbox() {
    const seqs = await this.storage.appendEvents(this.outbox);
    return this.outbox.flatMap(({ event, users }, b) => users.map(({ userId, own }, u) => ({ userId, stored: { seq: seqs[b][u], event, own } })));
  }

  /** A time after every time handed out before, so activity order is never a tie within one backend. */
  private tick(): number {
    this.lastNow = Math.max(this.now(), this.lastNow + 1);
    return this.lastNow;
  }

  // ---- Platform operations: what the learning platform does, not the panel's users (bodies in platform.ts).

  /** Stores a new upload's description after checking the policy; the bytes are the caller's. */
  registerAttachment(userId: UserId, file: { name: string; size: number; type: string }): Promise<Attachment> {
    return this.serial(() => platform.registerAttachment(this.ctx, userId, file));
  }

  /**
   * Forgets files uploaded before `createdBefore` that no message holds: uploads whose
   * message was never sent, which would otherwise fill the disk. Returns how many.
   */
  async sweepUnsentAttachments(createdBefore: number): Promise<number> {
    const batch = 1000;
    let total = 0;
    // A transaction a batch, so commands get their turn in between.
    for (;;) {
      const swept = await this.serial(() => platform.sweepUnsentAttachments(this.ctx, createdBefore, batch));
      total += swept;
      if (swept < batch) return total;
    }
  }

  /** The attachment if this user may download it: its uploader, or anyone with access to a conversation holding it. */
  attachmentForDownload(userId: UserId, attachmentId: string): Promise<Attachment | undefined> {
    return this.serial(() => platform.attachmentForDownload(this.ctx, userId, attachmentId));
  }

  /** A user joins a course; they join its conversation too (spec: "a new enrolment joins automatically"). */
  enrol(courseId: CourseId, userId: UserId, role: Role): Promise<void> {
    return this.serial(() => platform.enrol(this.ctx, courseId, userId, role));
  }

  /** A user leaves a course, and with it the course conversation. */
  unenrol(courseId: CourseId, userId: UserId): Promise<void> {
    return this.serial(() => platform.unenrol(this.ctx, courseId, userId));
  }

  /**
   * An administrator's one-way message to many (sent from Admin > Mass messaging, not from the panel).
   * `html` is the platform editor's formatted text; with an empty `text`, the plain text is read out of it.
   */
  postMassMessage(adminId: UserId, userIds: UserId[], name: string, text: string, formatted: { html?: string } = {}): Promise<string> {
    return this.serial(() => platform.postMassMessage(this.ctx, adminId, userIds, name, text, formatted));
  }

  /** A weekly course update, in the course's read-only system conversation; `html` as for `postMassMessage`. */
  postCourseUpdate(courseId: CourseId, senderId: UserId, name: string, text: string, formatted: { html?: string } = {}): Promise<string> {
    return this.serial(() => platform.postCourseUpdate(this.ctx, courseId, senderId, name, text, formatted));
  }

  /** A project's own conversation with all its members, as the platform makes it when a project starts. */
  startProjectConversation(projectId: string, creatorId: UserId): Promise<string> {
    return this.serial(() => platform.startProjectConversation(this.ctx, projectId, creatorId));
  }

  /** An administrator turns a user's messaging off or on. */
  setMessagingDisabled(userId: UserId, disabled: boolean): Promise<void> {
    return this.serial(() => platform.setMessagingDisabled(this.ctx, userId, disabled));
  }

  /**
   * A user's notification preferences, for the platform's own notifying: its e-mail digest
   * goes only to users with `emailDigest` on (the backend sends no e-mail).
   */
  notificationPreferences(userId: UserId): Promise<NotificationPreferences> {
    return this.serial(() => notificationPreferences(this.ctx, userId));
  }

  /** Runs a platform change (seeding, imports) in the backend's order and transaction. */
  run<T>(work: (storage: Storage) => Promise<T>): Promise<T> {
    return this.serial(() => work(this.storage));
  }
}
