/**
 * Records ↔ rows for the PostgreSQL storage: the same columns as SQLite's (sqlite/rows.ts
 * lists them, a field a column in snake_case), with PostgreSQL's own booleans and JSON.
 */
import { types, type CustomTypesConfig } from 'pg';
import { fieldsOf, snake, type Columns, type Row } from '../sqlite/rows.js';

export { conversationColumns, membershipColumns, messageColumns } from '../sqlite/rows.js';

/** `bigint` (times, seqs, counts) as numbers: every one we store is a whole number below 2⁵³. */
export const typeParsers: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === types.builtins.INT8 ? Number : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

/** The record's fields as parameters, in the order of `columns`; JSON as text, as `jsonb` takes it. */
export function encode<T extends object>(columns: Columns<T>, record: T): unknown[] {
  return fieldsOf(columns).map(({ field, codec }) => {
    const value = (record as Row)[field];
    return value === undefined ? null : codec === 'json' ? JSON.stringify(value) : value;
  });
}

/** A NULL column leaves its field out, as MemoryStorage's JSON copies drop `undefined`. */
export function decode<T extends object>(columns: Columns<T>, row: Row): T {
  const record: Row = {};
  for (const { field, column } of fieldsOf(columns)) {
    const value = row[column];
    if (value !== null && value !== undefined) record[field] = value;
  }
  return record as T;
}

/** Insert-or-update that keeps the row (and its `pos`, hence its place in insertion order); parameters from `encode`. */
export function upsert<T extends object>(table: string, columns: Columns<T>, key: (keyof T & string)[]): string {
  const names = fieldsOf(columns).map((f) => f.column);
  const keys = key.map(snake);
  const set = names.filter((n) => !keys.includes(n)).map((n) => `${n} = excluded.${n}`);
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${set.join(', ')}`;
}
