/**
 * Records ↔ rows for the SQLite storage. Conversations, memberships and messages,
 * which queries filter and sort on, have a column a field (the field's name in
 * snake_case); every other record is its JSON in a `data` column.
 */
import type { ConversationRecord, MembershipRecord, MessageRecord } from '../../src/backend/storage.js';

/** How a field is kept in its column: as it is, as 0/1, or as JSON text. */
type Codec = 'value' | 'bool' | 'json';
export type Columns<T> = { [K in keyof Required<T>]: Codec };
export type Row = Record<string, unknown>;

export const conversationColumns: Columns<ConversationRecord> = {
  id: 'value',
  kind: 'value',
  name: 'value',
  createdBy: 'value',
  createdAt: 'value',
  closed: 'bool',
  deleted: 'bool',
  courseId: 'value',
  projectId: 'value',
  recipientIds: 'json',
  lastSeq: 'value',
  lastActivityAt: 'value',
  memberCount: 'value',
};
export const membershipColumns: Columns<MembershipRecord> = {
  conversationId: 'value',
  userId: 'value',
  joinedAt: 'value',
  readUpTo: 'value',
  seenUpTo: 'value',
  seenToldAt: 'value',
  unread: 'value',
  listed: 'bool',
  muted: 'bool',
  pinnedAt: 'value',
  lastActivityAt: 'value',
};
export const messageColumns: Columns<MessageRecord> = {
  id: 'value',
  conversationId: 'value',
  seq: 'value',
  senderId: 'value',
  createdAt: 'value',
  editedAt: 'value',
  text: 'value',
  html: 'value',
  attachmentIds: 'json',
  replyToId: 'value',
  forwarded: 'json',
  status: 'value',
  removedBy: 'value',
  clientId: 'value',
};

export const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A field of a record with its column and codec. */
interface Field {
  field: string;
  column: string;
  codec: Codec;
}

const fieldLists = new WeakMap<object, Field[]>();

/** The fields of `columns`, named once: rows are read by the hundred (a course's memberships). */
export function fieldsOf<T extends object>(columns: Columns<T>): Field[] {
  let fields = fieldLists.get(columns);
  if (!fields) fieldLists.set(columns, (fields = Object.entries<Codec>(columns).map(([field, codec]) => ({ field, column: snake(field), codec }))));
  return fields;
}

export function encode<T extends object>(columns: Columns<T>, record: T): Row {
  const row: Row = {};
  for (const { field, column, codec } of fieldsOf(columns)) {
    const value = (record as Row)[field];
    row[column] = value === undefined ? null : codec === 'bool' ? (value ? 1 : 0) : codec === 'json' ? JSON.stringify(value) : value;
  }
  return row;
}

/** A NULL column leaves its field out, as MemoryStorage's JSON copies drop `undefined`. */
export function decode<T extends object>(columns: Columns<T>, row: Row): T {
  const record: Row = {};
  for (const { field, column, codec } of fieldsOf(columns)) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    record[field] = codec === 'bool' ? value === 1 : codec === 'json' ? JSON.parse(value as string) : value;
  }
  return record as T;
}

/** Insert-or-update that keeps the row (and its rowid, hence its place in insertion order), as a Map keeps a key's place. */
export function upsert<T extends object>(table: string, columns: Columns<T>, key: (keyof T & string)[]): string {
  const names = fieldsOf(columns).map((f) => f.column);
  const keys = key.map(snake);
  const set = names.filter((n) => !keys.includes(n)).map((n) => `${n} = excluded.${n}`);
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${set.join(', ')}`;
}

/** The record in a row's `data` column; `undefined` for no row. */
export const parse = <T>(row: unknown): T | undefined => (row === undefined ? undefined : (JSON.parse((row as { data: string }).data) as T));
