// The README's React, Vue and Angular examples (examples/*), as scripts/examples.mjs built
// them from the packed package with each framework's own toolchain. Each build is served
// on an origin of its own whose /hub is the real hub server (demo school, SQLite in a
// temporary folder) and whose /session/messaging-token gives the token of the session's
// person, as a platform's page would have it. In Chromium: the app's own state shows the
// unread count the element's event gave it, the app's own button opens the panel through
// its ref, a message Kari sends from another client (the real @microsoft/signalr client)
// arrives, and the emoji picker finds its data in the app's build. And each build keeps
// the panel out of its first chunks.
import { TraceMap } from '@jridgewell/trace-mapping';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { bytesBySource, firstFiles } from '../../bench/lib/size.js';
import { seedUsers } from '../../src/backend/seed.js';
import { startApp, type RunningApp } from '../../server/app.js';
import { staticFiles } from '../../server/static.js';
import { launchChromium } from '../../scripts/chromium.js';
import { recordingClient, type RecordingClient } from '../server/recording-client.js';

const ola = seedUsers.ola;
const kari = seedUsers.kari;
const timeout = 10_000;

/** Each example's build folder, as its toolchain writes it. */
const builds = {
  react: 'examples/react/dist',
  vue: 'examples/vue/dist',
  angular: 'examples/angular/dist/angular/browser',
};

// ---- What a build's first load holds

/** Module scripts and preloads of a built index.html. */
const entriesOf = (build: string) =>
  [...readFileSync(join(build, 'index.html'), 'utf8').matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => join(build, m[1]));

/** A file's minified bytes by the source each came from, as its source map says (the bundler's own glue has none). */
function sourcesOf(file: string): Map<string, number> {
  const code = readFileSync(file, 'utf8');
  if (!existsSync(`${file}.map`)) return new Map([['', code.length]]);
  return bytesBySource(code, new TraceMap(readFileSync(`${file}.map`, 'utf8')));
}

/** Sources of everything the messenger loads on first use, never before. */
const lazy = {
  'the panel': /\/im-panel\/dist\/components\/panel\//,
  'the conversation view': /\/im-panel\/dist\/components\/conversation-view\//,
  'the store': /\/im-panel\/dist\/state\/store\.js$/,
  'the SignalR client': /\/@microsoft\/signalr\//,
};
/** The package and the library its elements are made with. */
const ours = /node_modules\/(im-panel|lit|lit-html|lit-element|@lit\/[^/]+)\//;

// ---- Serving an example beside the hub

/**
 * Serves `build` at `/` on an origin of its own, `GET /session/messaging-token` from the
 * `session` cookie (the person's id), and everything else, the hub included, from `app`.
 */
async function serveExample(build: string, app: RunningApp): Promise<{ url: string; close(): Promise<void> }> {
  const [handle] = app.server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  const [upgrade] = app.server.listeners('upgrade') as ((req: IncomingMessage, socket: Socket, head: Buffer) => void)[];
  const files = staticFiles('/', build);
  const server: Server = createServer(async (req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === '/session/messaging-token') {
      const userId = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      if (!userId) return void res.writeHead(401).end();
      return void res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(app.auth.issue(userId));
    }
    if (!(await files(req, res))) handle(req, res);
  });
  server.on('upgrade', upgrade);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => (sockets.add(socket), socket.once('close', () => sockets.delete(socket))));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => (sockets.forEach((s) => s.destroy()), server.close(() => done()))),
  };
}

describe('the React, Vue and Angular examples, built from the packed package', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'im-frameworks-'));
  let app: RunningApp;
  let browser: Browser;
  let kariClient: RecordingClient;
  /** What the script tag loads before the badge's first paint, in minified bytes: the yardstick for an app's first chunks. */
  let scriptTagFirst = 0;

  before(async () => {
    assert.ok(existsSync('dist/im-messenger.bundle.js'), 'dist/ is missing: run `npm run build` first');
    for (const build of Object.values(builds)) {
      assert.ok(existsSync(join(build, 'index.html')), `${build} is missing: run \`node scripts/examples.mjs\` first`);
    }
    scriptTagFirst = (await firstFiles(['dist/im-messenger.bundle.js'])).reduce((sum, file) => sum + readFileSync(file, 'utf8').length, 0);
    app = await startApp({ port: 0, dataDir, demo: true });
    kariClient = await recordingClient(app.hubUrl, () => app.auth.issue(kari.id));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await kariClient?.t.disconnect();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const [name, build] of Object.entries(builds)) {
    describe(`examples/${name}`, () => {
      it('keeps the panel, the store and the SignalR client out of its first chunks, and the package’s part in them about the script tag’s', async () => {
        const firstSources = new Map<string, number>();
        for (const file of await firstFiles(entriesOf(build))) {
          for (const [source, n] of sourcesOf(file)) firstSources.set(source, (firstSources.get(source) ?? 0) + n);
        }
        const everySource = readdirSync(build, { recursive: true, encoding: 'utf8' })
          .filter((file) => file.endsWith('.js.map'))
          .flatMap((file) => (JSON.parse(readFileSync(join(build, file), 'utf8')) as { sources: string[] }).sources);
        for (const [what, source] of Object.entries(lazy)) {
          assert.ok(everySource.some((s) => source.test(s)), `${what} is in the build`);
          assert.deepEqual([...firstSources.keys()].filter((s) => source.test(s)), [], `${what} is not in the first chunks`);
        }
        const packageBytes = [...firstSources].filter(([source]) => ours.test(source)).reduce((sum, [, n]) => sum + n, 0);
        assert.ok(packageBytes > 0, 'the messenger and its bubble are in the first chunks');
        assert.ok(packageBytes <= scriptTagFirst * 1.2, `${packageBytes} B of the package in the first chunks; the script tag loads ${scriptTagFirst} B before the badge's first paint: at most 1.2× that`);
      });

      it('shows the unread count in the app’s own state, opens the panel from its ref, receives a message sent from another client, and inserts an emoji from the picker', async () => {
        const example = await serveExample(build, app);
        const context = await browser.newContext();
        try {
          await context.addCookies([{ name: 'session', value: ola.id, url: example.url }]);
          const page = await context.newPage();
          page.setDefaultTimeout(timeout);
          const errors: string[] = [];
          page.on('pageerror', (error) => errors.push(error.message));
          // Failed requests are judged by their URL below; the browser's own favicon request may 404.
          page.on('console', (message) => {
            if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
          });
          page.on('response', (response) => {
            if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`${response.status()} ${response.url()}`);
          });

          const unread = await app.backend.execute(ola.id, 'getUnreadCount', {});
          assert.ok(unread > 0, 'the demo school leaves Ola unread messages');
          await page.goto(`${example.url}/`);
          // The count comes from the element's event into the framework's state, and the bubble shows the same.
          await page.getByText(`Unread: ${unread}`, { exact: true }).waitFor();
          await page.getByRole('button', { name: `Messages, ${unread} unread`, exact: true }).waitFor();

          // The app's own button calls show() through its ref / template reference; focus goes into the panel, on the list.
          await page.getByRole('button', { name: 'Open messages', exact: true }).click();
          await page.getByRole('dialog', { name: 'Messages' }).waitFor();
          await page.getByRole('option', { name: /\. Last activity / }).and(page.locator(':focus')).waitFor();

          const text = `From Kari's own client to the ${name} app, ${randomUUID()}`;
          await kariClient.t.startConversation({ recipients: [{ type: 'person', id: ola.id }], mode: 'group', text, clientId: randomUUID() });
          const kariOption = page.getByRole('option', { name: new RegExp(`^Kari Nordmann, .*${text}`) });
          await kariOption.waitFor();
          await page.getByText(`Unread: ${unread + 1}`, { exact: true }).waitFor();

          // The emoji picker's data are files the app's bundler must have kept beside the picker's chunk.
          await kariOption.click();
          await page.locator('im-conversation-view').getByText(text, { exact: true }).waitFor();
          await page.getByRole('button', { name: 'Insert emoji', exact: true }).click();
          await page.getByRole('combobox', { name: 'Search emoji' }).fill('thumbs up');
          await page.getByRole('option', { name: /thumbs up/ }).first().click();
          const field = page.getByRole('textbox', { name: /^Write message/ });
          await field.and(page.locator(':focus')).waitFor();
          assert.match(await field.inputValue(), /^👍/, 'the chosen emoji in the message field, focus back there');
          assert.deepEqual(errors, [], 'no errors in the page');
        } finally {
          await context.close();
          await example.close();
        }
      });
    });
  }
});
