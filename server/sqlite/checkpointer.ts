/**
 * Copies the write-ahead log into the database file on a thread of its own, over a connection
 * of its own. A checkpoint after a busy second copies thousands of pages and syncs the file:
 * 10 to 190 ms measured while 300-member courses were written to, all that time holding up every
 * command and every socket when it ran on the server's thread. SQLite lets it run beside the
 * writer (a passive checkpoint takes no lock a writer or reader waits for).
 *
 * The connection's own checkpoints that must happen at once (emptying the log after an
 * erasure, erase.ts) take turns with this one through `exclusive`, so neither finds the other
 * in the way.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The thread's code: plain JavaScript, as it runs without the server's TypeScript loader. */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const turn = new Int32Array(workerData.turn);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  let failure = null;
  let pages = 0;
  // The server's thread has the turn (it is emptying the log itself): this checkpoint is not needed.
  if (Atomics.compareExchange(turn, 0, 0, 1) === 0) {
    try {
      // The server writes on meanwhile: again for what it wrote during the first, which is less.
      for (let pass = 0; pass < 2; pass++) pages = db.pragma('wal_checkpoint(PASSIVE)')[0].log;
    } catch (error) {
      failure = String(error);
    } finally {
      Atomics.store(turn, 0, 0);
      Atomics.notify(turn, 0);
    }
  }
  parentPort.postMessage({ failure, pages });
});
`;

export class Checkpointer {
  private worker: Worker | undefined;
  private running = false;
  /** 0: nobody checkpoints; 1: the thread does; 2: the server's thread does. */
  private readonly turn = new Int32Array(new SharedArrayBuffer(4));

  /** `copied` runs on the server's thread after each checkpoint of the thread's, with how many pages long the log is. */
  constructor(file: string, copied: (pages: number) => void) {
    const worker = new Worker(THREAD, {
      eval: true,
      execArgv: [],
      workerData: { file, module: createRequire(import.meta.url).resolve('better-sqlite3'), turn: this.turn.buffer },
    });
    worker.on('message', ({ failure, pages }: { failure: string | null; pages: number }) => {
      this.running = false;
      if (failure) console.error('[sqlite] checkpoint failed', failure);
      else copied(pages);
    });
    worker.on('error', (error) => console.error('[sqlite] the checkpoint thread failed', error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    // It must not keep the process alive (after the listeners, which would again), nor its failure
    // bring it down: the server checkpoints itself then.
    worker.unref();
    this.worker = worker;
  }

  /** Starts a checkpoint on the thread, unless one is running; false when the thread is gone. */
  start(): boolean {
    if (!this.worker) return false;
    if (!this.running) {
      this.running = true;
      this.worker.postMessage('checkpoint');
    }
    return true;
  }

  /** Runs `work` (a checkpoint of the server's own) once the thread's is done, keeping the thread's from starting meanwhile. */
  exclusive<T>(work: () => T): T {
    while (Atomics.compareExchange(this.turn, 0, 0, 2) !== 0) Atomics.wait(this.turn, 0, 1, 1_000);
    try {
      return work();
    } finally {
      Atomics.store(this.turn, 0, 0);
    }
  }

  /** Ends the thread, which closes its connection once any checkpoint it is in is done. */
  stop(): void {
    this.worker?.postMessage('close');
    this.worker = undefined;
  }
}
