// Three origins, as a real deployment has them: the panel's files on a CDN, the learning
// platform's pages on their own origin, and the hub on a third (which lets in only the
// pages' origin). All on 127.0.0.1, told apart by port. A page on a fourth origin is refused.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { seedUsers } from '../../src/backend/seed.js';
import { startApp, type RunningApp } from '../../server/app.js';
import { staticFiles } from '../../server/static.js';
import { launchChromium } from '../../scripts/chromium.js';

const listen = async (server: Server) => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** A platform's page: the bundle from the CDN, the hub on its own origin, the token from the page's URL; the host's script is a file too. */
function platformPages(cdn: () => string, hub: () => string) {
  return createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    if (pathname === '/host.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(`
const messenger = document.querySelector('im-messenger');
const token = new URLSearchParams(location.search).get('token');
messenger.hubUrl = ${JSON.stringify(`${hub()}/hub`)};
messenger.tokenFactory = () => token;
messenger.addEventListener('im-error', (event) => (document.body.dataset.error = event.detail.error.code));`);
      return;
    }
    if (pathname !== '/') return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Course page</title>
<script type="module" src="${cdn()}/dist/im-messenger.bundle.js" crossorigin></script>
<script type="module" src="/host.js"></script></head>
<body><im-messenger></im-messenger></body></html>`);
  });
}

describe('the panel from a CDN, on a platform page, with the hub on a third origin', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'im-origins-'));
  const dist = staticFiles('/dist/', 'dist', { cors: true });
  const cdnServer = createServer((req, res) => void dist(req, res).then((served) => served || res.writeHead(404).end()));
  let cdn = '';
  let hub = '';
  let pageOrigin = '';
  let strangerOrigin = '';
  const pages = platformPages(() => cdn, () => hub);
  const stranger = platformPages(() => cdn, () => hub);
  let app: RunningApp;
  let browser: Browser;

  before(async () => {
    assert.ok(existsSync('dist/im-messenger.bundle.js'), 'dist/ is missing: run `npm run build` first');
    cdn = await listen(cdnServer);
    pageOrigin = await listen(pages);
    strangerOrigin = await listen(stranger);
    app = await startApp({ port: 0, dataDir, demo: true, allowedOrigins: (origin) => origin === pageOrigin });
    hub = app.url;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    for (const server of [cdnServer, pages, stranger]) server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A window on `origin` signed in as `userId`, with every failed request and script error kept. */
  async function open(origin: string, userId: string): Promise<{ page: Page; failures: string[] }> {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    page.on('response', (response) => void (response.status() >= 400 && failures.push(`${response.status()} ${response.url()}`)));
    await page.goto(`${origin}/?token=${encodeURIComponent(app.auth.issue(userId))}`);
    return { page, failures };
  }

  it('loads its chunks from the CDN, connects, uploads and downloads, with nothing refused', async () => {
    const { page, failures } = await open(pageOrigin, seedUsers.ola.id);
    const chunks: string[] = [];
    page.on('response', (response) => void (response.url().startsWith(`${cdn}/dist/chunks/`) && chunks.push(response.url())));
    await page.getByRole('button', { name: /^Messages, \d+ unread$/ }).click();
    await page.getByRole('dialog', { name: 'Messages' }).waitFor();
    assert.ok(chunks.length > 0, 'the panel’s chunks came from the CDN');

    await page.getByRole('option', { name: /^Kari Nordmann, Conversation/ }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add files' }).click();
    await (await chooser).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Chapter 4: equations') });
    const field = page.getByRole('textbox', { name: /Write message/ });
    await field.fill('My notes, from three origins');
    await field.press('Enter');
    const link = page.locator('im-conversation-view').getByRole('link', { name: /notes\.txt/ });
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    assert.ok(href.startsWith(`${hub}/api/attachments/`), `downloaded from the hub’s origin: ${href}`);
    const download = page.waitForEvent('download');
    await link.click();
    const file = await (await download).path();
    assert.equal(readFileSync(file, 'utf8'), 'Chapter 4: equations');
    assert.deepEqual(failures, []);
    await page.context().close();
  });

  it('is refused on a page of an origin the hub does not list, and the host hears of it', async () => {
    const { page } = await open(strangerOrigin, seedUsers.ola.id);
    await page.waitForFunction(() => document.body.dataset.error !== undefined);
    // The browser hides a refused cross-origin answer from the page: to it, the hub is unreachable.
    assert.equal(await page.evaluate(() => document.body.dataset.error), 'unavailable');
    assert.equal(await page.getByRole('button', { name: /^Messages, \d+ unread$/ }).count(), 0, 'no unread count from the hub');
    // What the hub answered each origin.
    const negotiate = (origin: string) =>
      fetch(`${hub}/hub/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Origin: origin, Authorization: `Bearer ${app.auth.issue(seedUsers.ola.id)}` } });
    assert.equal((await negotiate(strangerOrigin)).status, 403);
    const allowed = await negotiate(pageOrigin);
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), pageOrigin);
    await page.context().close();
  });
});
