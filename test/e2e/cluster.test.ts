// Three instances of the server command on one PostgreSQL and one Redis, behind nginx
// configured from deploy/nginx/nginx.conf, as a platform runs them. Real @microsoft/signalr
// clients (inside SignalRTransport) and a browser page connect through nginx, landing on
// whichever instance it picks; six people write to one group while an instance is killed
// with SIGKILL, Redis is killed and started again, and PostgreSQL restarts. In the end every
// acknowledged message reached every connection exactly once, and is stored exactly once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright';
import { seedUsers as u } from '../../src/backend/seed.js';
import type { Message } from '../../src/model/types.js';
import { tokenAuth } from '../../server/auth.js';
import { launchChromium } from '../../scripts/chromium.js';
import {
  CLUSTER_PACKAGES,
  clusterUnavailable,
  freePort,
  startInstance,
  startNginx,
  startPostgresServer,
  startRedis,
  type Balancer,
  type Instance,
  type LocalPostgres,
  type LocalRedis,
} from '../../scripts/local-cluster.js';
import { recordingClient, type RecordingClient } from '../server/recording-client.js';
import { conformance } from './conformance-run.js';

const secret = 'cluster-e2e-secret-0123456789';

/** Skipped with one line where nginx, Redis or PostgreSQL's programs are missing; never under `CI=true` (the `before` fails instead). */
function clusterSuite(): { skip?: string } {
  const reason = clusterUnavailable();
  if (!reason || process.env.CI === 'true') return {};
  return { skip: `${reason}: the cluster test is skipped here (CI=true fails it instead). Install: ${CLUSTER_PACKAGES}` };
}
const auth = tokenAuth({ secret });
/** Messages each writer sends. */
const EACH = 30;

interface Client extends RecordingClient {
  name: string;
}

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    assert.ok(Date.now() < until, `timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('three instances behind nginx', { ...clusterSuite(), timeout: 240_000 }, () => {
  let postgres: LocalPostgres;
  let redis: LocalRedis;
  let balancer: Balancer;
  let browser: Browser;
  const instances: Instance[] = [];
  const clients: Client[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'im-cluster-e2e-'));

  before(async () => {
    const missing = clusterUnavailable();
    if (missing) throw new Error(`${missing}; the cluster test needs it (CI=true).`);
    assert.ok(existsSync('dist/im-messenger.bundle.js'), 'dist/ is missing: run `npm run build` first');
    [postgres, redis] = await Promise.all([startPostgresServer(), startRedis()]);
    const env = { IM_DATABASE_URL: postgres.url, IM_REDIS_URL: redis.url, IM_TOKEN_SECRET: secret, IM_DATA_DIR: dataDir, HOST: '127.0.0.1' };
    const ports = await Promise.all([0, 1, 2].map(() => freePort()));
    // The first seeds the demo school on the empty database; the others find it there.
    instances.push(await startInstance(ports[0], env));
    instances.push(...(await Promise.all(ports.slice(1).map((port) => startInstance(port, env)))));
    balancer = await startNginx(ports);
    browser = await launchChromium();
  });

  after(async () => {
    await Promise.all(clients.map(({ t }) => t.disconnect().catch(() => undefined)));
    await browser?.close();
    await balancer?.stop();
    for (const instance of instances) await instance.kill('SIGTERM');
    await redis?.stop();
    postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function connectAs(userId: string, name: string): Promise<Client> {
    // Retries long enough to outlast an instance's death and the database's restart.
    const client = { ...(await recordingClient(`${balancer.url}/hub`, () => auth.issue(userId), 600)), name };
    clients.push(client);
    return client;
  }

  it('delivers every acknowledged message to every member exactly once through an instance killed, Redis killed and PostgreSQL restarted', async () => {
    const people = [u.kari, u.per, u.ola, u.emma, u.noah, u.sofie];
    // Two connections each, one after another: nginx spreads them over the three instances.
    for (const person of people) for (const tab of [1, 2]) await connectAs(person.id, `${person.name} (${tab})`);
    const of = (person: (typeof people)[number]) => clients.find((c) => c.name === `${person.name} (1)`)!;
    const { conversation } = await of(u.kari).t.startConversation({
      recipients: people.slice(1).map((p) => ({ type: 'person' as const, id: p.id })),
      mode: 'group',
      text: 'Cluster drill: start',
      clientId: randomUUID(),
    });
    await of(u.kari).t.renameConversation({ conversationId: conversation.id, name: 'Cluster drill' });

    // A reader in the browser, through nginx too, with the group open.
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${balancer.url}/?as=${u.kari.id}`);
    await page.getByRole('button', { name: /^Messages, \d+ unread$/ }).click();
    await page.getByRole('option', { name: /^Cluster drill, / }).click();
    await page.getByRole('heading', { name: 'Cluster drill' }).waitFor();

    // Three writers (none of them the conformance fixture's people, whose minute of sends comes next), each as the panel's outbox does: a send that fails goes again, same clientId.
    const acknowledged: Message[] = [];
    const refusals: string[] = [];
    const write = async (client: Client) => {
      for (let i = 0; i < EACH; i++) {
        const args = { conversationId: conversation.id, clientId: randomUUID(), text: `${client.name}: ${i}` };
        for (const giveUp = Date.now() + 60_000; ; ) {
          try {
            acknowledged.push(await client.t.sendMessage(args));
            break;
          } catch (error) {
            refusals.push((error as Error).message);
            // A send that fails for a minute is a fault, not an outage: say what it kept hearing.
            if (Date.now() > giveUp) throw new Error(`${client.name} could not send for a minute: ${[...new Set(refusals.slice(-20))].join('; ')}`, { cause: error });
            await sleep(100);
          }
        }
        await sleep(20);
      }
    };
    const writing = Promise.all([of(u.per), of(u.noah), of(u.sofie)].map(write));
    const total = 3 * EACH;

    await waitUntil(() => acknowledged.length >= total * 0.25, 'a quarter of the messages');
    await instances[1].kill('SIGKILL');
    await waitUntil(() => acknowledged.length >= total * 0.5, 'half of the messages');
    await redis.kill();
    await sleep(300);
    await redis.start();
    await waitUntil(() => acknowledged.length >= total * 0.75, 'three quarters of the messages');
    postgres.restart();
    await writing;

    // Every connection hears of every acknowledged message, each once.
    const texts = new Set(acknowledged.map((m) => m.text));
    assert.equal(texts.size, total, 'each send acknowledged once, under its own text');
    const heard = (client: Client) => {
      const counts = new Map<string, number>();
      for (const e of client.log) {
        if (e.type === 'event' && e.event.type === 'message-created' && texts.has(e.event.message.text)) {
          counts.set(e.event.message.text, (counts.get(e.event.message.text) ?? 0) + 1);
        }
      }
      return counts;
    };
    const lost = () => clients.reduce((sum, c) => sum + [...texts].filter((text) => !heard(c).has(text)).length, 0);
    await waitUntil(() => lost() === 0, `every connection to hear every message (${lost()} missing)`).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n${instances.map((i) => i.log.join('')).join('\n')}`);
    });
    // Twice to a panel, or twice on the wire to one connection (which the transport would hide).
    const duplicated =
      clients.reduce((sum, c) => sum + [...heard(c).values()].filter((n) => n > 1).length, 0) +
      clients.reduce((sum, c) => sum + c.frames.flatMap((frames) => frames.filter((seq, i) => i > 0 && seq <= frames[i - 1])).length, 0);
    assert.equal(lost(), 0, 'lost');
    assert.equal(duplicated, 0, 'duplicated');

    // Stored once each: the history holds every text once.
    const history = await of(u.ola).t.getMessages({ conversationId: conversation.id, limit: 200 });
    const stored = history.messages.map((m) => m.text).filter((text) => texts.has(text));
    assert.equal(stored.length, total, 'each stored once');
    assert.equal(new Set(stored).size, total);

    // The killed instance's connections moved to the others; the rest never noticed.
    const moved = clients.filter((c) => c.log.some((e) => e.type === 'connection' && e.state === 'reconnecting'));
    assert.ok(moved.length > 0 && moved.length < clients.length, `${moved.length} of ${clients.length} connections were on the killed instance`);
    // The writers saw errors or waits, never a wrong answer; the page shows the last messages.
    for (const client of [of(u.per), of(u.noah), of(u.sofie)]) {
      await page.locator('im-conversation-view').getByText(`${client.name}: ${EACH - 1}`, { exact: true }).waitFor();
    }
    console.log(`# cluster drill: ${total} messages, ${clients.length} connections (${moved.length} moved), ${refusals.length} failed attempts retried`);
  });

  it('passes the conformance suite through nginx, one instance still down', async () => {
    const run = await conformance(`${balancer.url}/hub`, balancer.url);
    assert.deepEqual(run.failed, [], run.stdout);
    assert.deepEqual(run.notTried, [], run.stdout);
    assert.equal(run.status, 0);
  });
});
