// Chaos, bounded in time: the hub crashes (every socket dropped) and comes back again
// and again while readers keep writing through the store's outbox, with the real
// SignalR client and SQLite. At the end it counts what went wrong, prints the figures,
// and every one must be 0: messages lost, stored twice, stored out of the order each
// reader wrote them, and gaps in the conversation's sequence.
//
// Quick by default (as in CI); IM_CHAOS_ROUNDS and IM_CHAOS_MESSAGES make it longer.
import * as signalR from '@microsoft/signalr';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { unlimited } from '../../src/backend/backend.js';
import { seedUsers } from '../../src/backend/seed.js';
import type { Message } from '../../src/model/types.js';
import { MessengerStore } from '../../src/state/store.js';
import { SignalRTransport } from '../../src/transport/signalr-transport.js';
import { startApp, type RunningApp } from '../../server/app.js';

const rounds = Number(process.env.IM_CHAOS_ROUNDS ?? 6);
const perWriter = Number(process.env.IM_CHAOS_MESSAGES ?? 15);
const writers = [seedUsers.emma, seedUsers.ola, seedUsers.noah, seedUsers.sofie];
const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));
const between = (low: number, high: number) => low + Math.random() * (high - low);

describe('chaos: the hub crashing while readers write', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'im-chaos-'));
  const tokenSecret = 'chaos-secret';
  let app: RunningApp;
  let port = 0;
  const stores: MessengerStore[] = [];

  const start = async () => {
    app = await startApp({ port, dataDir, demo: true, tokenSecret, limits: unlimited });
    port = Number(new URL(app.url).port);
  };

  after(async () => {
    await Promise.all(stores.map((s) => s.stop().catch(() => undefined)));
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`${rounds} crashes while ${writers.length} readers write ${perWriter} messages each: none lost, doubled, out of order, and no gaps`, async () => {
    await start();
    const hubUrl = app.hubUrl;
    const group = (await app.backend.execute(seedUsers.emma.id, 'listConversations', {})).items.find((c) => c.name === 'Maths study group')!;
    for (const writer of writers) {
      const store = new MessengerStore(
        new SignalRTransport({
          hubUrl,
          accessTokenFactory: () => app.auth.issue(writer.id),
          signalR,
          logLevel: signalR.LogLevel.None,
          // The client gives up quickly, so the store's own reconnecting is in play too.
          reconnectDelays: [0, 50, 100],
        }),
        { retryDelay: () => between(50, 150) },
      );
      stores.push(store);
      await store.start();
    }

    const writing = writers.map(async (writer, w) => {
      for (let i = 1; i <= perWriter; i++) {
        void stores[w].send(group.id, { text: `${writer.id} ${i}` });
        await wait(between(5, 40));
      }
    });
    const crashing = (async () => {
      for (let round = 0; round < rounds; round++) {
        await wait(between(50, 150));
        await app.close({ abort: true });
        await wait(between(20, 200));
        await start();
      }
    })();
    await Promise.all([...writing, crashing]);

    const deadline = Date.now() + 60_000;
    while (stores.some((s) => s.state.outbox.length > 0) && Date.now() < deadline) await wait(50);
    const unsent = stores.flatMap((s) => s.state.outbox);
    assert.deepEqual(unsent.map((p) => `${p.text}: ${p.status} ${p.error?.code ?? ''}`), [], 'every outbox emptied');

    // What the backend stored, page by page from the end.
    const stored: Message[] = [];
    for (let before: number | undefined; ; ) {
      const page = await app.backend.execute(seedUsers.emma.id, 'getMessages', { conversationId: group.id, limit: 200, ...(before ? { before } : {}) });
      stored.unshift(...page.messages);
      if (!page.hasMoreBefore) break;
      before = page.messages[0].seq;
    }
    let lost = 0;
    let doubled = 0;
    let outOfOrder = 0;
    for (const writer of writers) {
      const mine = stored.filter((m) => m.sender.id === writer.id && m.text.startsWith(`${writer.id} `)).map((m) => Number(m.text.split(' ')[1]));
      const counts = new Map<number, number>();
      for (const n of mine) counts.set(n, (counts.get(n) ?? 0) + 1);
      for (let i = 1; i <= perWriter; i++) if (!counts.has(i)) lost++;
      doubled += [...counts.values()].filter((c) => c > 1).length;
      outOfOrder += mine.filter((n, i) => i > 0 && n < mine[i - 1]).length;
    }
    const seqs = stored.map((m) => m.seq);
    const gaps = seqs.filter((seq, i) => i > 0 && seq !== seqs[i - 1] + 1).length;
    console.log(`# chaos: ${rounds} crashes, ${writers.length * perWriter} messages written: lost ${lost}, doubled ${doubled}, out of order ${outOfOrder}, gaps ${gaps}`);
    assert.deepEqual({ lost, doubled, outOfOrder, gaps }, { lost: 0, doubled: 0, outOfOrder: 0, gaps: 0 });
  });
});
