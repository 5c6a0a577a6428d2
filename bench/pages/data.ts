/**
 * The benchmark's school, built in the page: a reference backend over
 * MemoryStorage holding a long history, a burst conversation and a long
 * conversation list, written in one `backend.run` (no commands, no events).
 * Every page builds the same data, so the panel and its references read
 * identical messages through the same MemoryTransport.
 */
import { Backend, unlimited } from '../../src/backend/backend.js';
import { MemoryStorage } from '../../src/backend/memory-storage.js';
import type { ConversationRecord, MessageRecord } from '../../src/backend/storage.js';
import type { User } from '../../src/model/types.js';
import { MemoryTransport } from '../../src/transport/memory-transport.js';

export interface DataOptions {
  /** Messages in the long conversation `c-history`. */
  messages?: number;
  /** Extra conversations in the reader's list (`c-list-1` … `c-list-N`, oldest last). */
  conversations?: number;
}

export const READER = 'u-reader';
export const PEER = 'u-peer';
export const OTHER = 'u-other';
export const HISTORY = 'c-history';
export const WARM = 'c-warm';
export const CHAT = 'c-chat';
/** A conversation the reader is not in: the burst's reference, backend work only. */
export const ELSEWHERE = 'c-elsewhere';

const MINUTE = 60_000;

const people: User[] = [
  { id: READER, name: 'Ola Nordmann', title: 'Student, 9B', role: 'student' },
  { id: PEER, name: 'Kari Nordmann', title: 'Mathematics teacher', role: 'teacher' },
  { id: OTHER, name: 'Per Hansen', title: 'Science teacher', role: 'teacher' },
  ...['Emma Hansen', 'Noah Johansen', 'Sofie Larsen', 'Jakob Olsen', 'Lukas Berg', 'Nora Bakke', 'Emil Dahl'].map(
    (name, i): User => ({ id: `u-s${i + 1}`, name, title: 'Student, 9B', role: 'student' }),
  ),
];

/** Texts of every length a class writes, some with links (linkify runs on them). */
const corpus = [
  'ok',
  'Thanks!',
  'Does anyone have the answers for 4.7?',
  'Remember the test on Tuesday: chapters 3 and 4, and bring a calculator.',
  'I uploaded my notes here: https://example.org/notes/chapter-4 if anyone wants them',
  'Can we meet in the library after school tomorrow? I still do not understand how to set up the equation when both sides have x.',
  'Yes 👍',
  'The homework for Thursday is exercises 4.1 to 4.12.\nShow your working for every step, please.',
  'Who is bringing the poster paper for the science fair?',
  'Sorry, I was ill today. What did I miss in class? I read the chapter but the part about graphs was confusing and the examples in the book skip a step.',
];

function textOf(seq: number) {
  return `${corpus[(seq * 7) % corpus.length]}${seq % 13 === 0 ? ` (#${seq})` : ''}`;
}

/** Senders come in streaks of one to four messages, so grouping and avatars vary as in a real history. */
function senderOf(seq: number, members: string[]) {
  const streak = Math.floor(seq / (1 + ((seq * 31) % 4)));
  return members[streak % members.length];
}

function conversation(id: string, fields: Partial<ConversationRecord> & Pick<ConversationRecord, 'lastSeq' | 'lastActivityAt'>): ConversationRecord {
  return { id, kind: 'group', name: id, createdBy: PEER, createdAt: 0, closed: false, deleted: false, memberCount: 2, ...fields };
}

function history(conversationId: string, count: number, members: string[], end: number, every = 2 * MINUTE): MessageRecord[] {
  const records: MessageRecord[] = [];
  for (let seq = 1; seq <= count; seq++) {
    records.push({
      id: `${conversationId}-m${seq}`,
      conversationId,
      seq,
      senderId: senderOf(seq, members),
      createdAt: end - (count - seq) * every,
      text: textOf(seq),
      attachmentIds: [],
      status: 'normal',
    });
  }
  return records;
}

export interface School {
  backend: Backend;
  /** The reader's transport. */
  transport: MemoryTransport;
  /** Seq of the last message of each conversation. */
  lastSeq: Record<string, number>;
}

/** Builds the school; the conversations' order in the reader's list is history, chat, warm, then the list's. */
export async function buildSchool({ messages = 100, conversations = 0 }: DataOptions = {}): Promise<School> {
  const now = Date.now();
  const backend = new Backend({ storage: new MemoryStorage(), limits: unlimited });
  const lastSeq: Record<string, number> = { [HISTORY]: messages, [WARM]: 30, [CHAT]: 100, [ELSEWHERE]: 0 };
  await backend.run(async (storage) => {
    for (const user of people) await storage.putUser(user);
    const everyone = people.map((p) => p.id);
    const define = async (id: string, name: string, members: string[], count: number, activity: number) => {
      await storage.putConversation(conversation(id, { name, lastSeq: count, lastActivityAt: activity, memberCount: members.length }));
      for (const userId of members) {
        await storage.putMembership({ conversationId: id, userId, joinedAt: 0, readUpTo: count, seenUpTo: count, unread: 0, listed: true, muted: false, pinnedAt: 0, lastActivityAt: activity });
      }
      for (const record of history(id, count, members, activity)) await storage.putMessage(record);
    };
    await define(HISTORY, 'Mathematics 9B study group', everyone, messages, now - MINUTE);
    await define(CHAT, 'Kari and Ola', [READER, PEER], 100, now - 2 * MINUTE);
    await define(WARM, 'Warm-up', [READER, PEER, OTHER], 30, now - 3 * MINUTE);
    await define(ELSEWHERE, 'Kari and Per', [PEER, OTHER], 0, now - 4 * MINUTE);
    for (let i = 1; i <= conversations; i++) {
      const other = everyone[1 + (i % (everyone.length - 1))];
      await define(`c-list-${i}`, `Project group ${i}`, [READER, other], 1, now - (10 + i) * MINUTE);
    }
  });
  const transport = new MemoryTransport({ backend, userId: READER });
  return { backend, transport, lastSeq };
}

/** A new task at once: unlike nested `setTimeout(0)`, a message on a channel is not clamped to 4 ms. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Sends `count` messages from `senderId`, spread evenly over `durationMs`, one
 * task each, as messages arriving on a WebSocket are: when the page falls behind,
 * they queue and still come one task at a time. Stops early at `stopAt`; resolves with how many went.
 */
export async function burst(backend: Backend, senderId: string, conversationId: string, count: number, durationMs: number, stopAt = Infinity) {
  const start = performance.now();
  const tag = Math.round(start);
  let sent = 0;
  while (sent < count && performance.now() < stopAt) {
    sent++;
    const due = start + ((sent - 1) / count) * durationMs;
    do await nextTask();
    while (performance.now() < due);
    await backend.execute(senderId, 'sendMessage', { conversationId, clientId: `burst-${conversationId}-${tag}-${sent}`, text: textOf(sent) });
  }
  return { sent, ms: performance.now() - start };
}
