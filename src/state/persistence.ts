/**
 * What the reader wrote and has not seen delivered, kept across a reload or a tab
 * that crashed: drafts and the outbox, per user. The store works without it (Node
 * tests, hosts that opt out); the messenger gives it the IndexedDB one.
 */
import type { ConversationId, UserId } from '../model/types.js';
import type { PendingMessage } from './store.js';

export interface SavedWork {
  userId: UserId;
  drafts: [ConversationId, string][];
  outbox: PendingMessage[];
}

export interface Persistence {
  /** The work last saved, whoever it belongs to (the store checks against who signs in). */
  load(): Promise<SavedWork | undefined>;
  /** Keeps this user's work, replacing whatever was kept (one reader per browser profile at a time). */
  save(work: SavedWork): Promise<void>;
  /** Forgets everything kept. */
  clear(): Promise<void>;
}

const DB = 'im-panel';
const STORE = 'unsent';
const KEY = 'work';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * The work in IndexedDB (database `im-panel`), so it survives a reload and a crash.
 * Undefined where IndexedDB is missing or refused (some private modes): the panel
 * then keeps work in memory only, as before.
 */
export function indexedDbPersistence(): Persistence | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  let opening: Promise<IDBDatabase> | undefined;
  const open = () =>
    (opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    }));
  const read = async <T>(work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    return request(work(db.transaction(STORE, 'readonly').objectStore(STORE)));
  };
  // A write is kept once its transaction has committed, not when its request succeeds: a page
  // that goes (or another that reads) right after the request could find it not written.
  const write = async (work: (store: IDBObjectStore) => void): Promise<void> => {
    const transaction = (await open()).transaction(STORE, 'readwrite');
    const committed = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
    });
    work(transaction.objectStore(STORE));
    await committed;
  };
  return {
    load: () => read((store) => store.get(KEY) as IDBRequest<SavedWork | undefined>),
    save: (work) => write((store) => store.put(work, KEY)),
    clear: () => write((store) => store.delete(KEY)),
  };
}
