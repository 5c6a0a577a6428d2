// The panel on a host page with a strict Content-Security-Policy, as learning platforms
// run: no inline script or style, Trusted Types with Lit's policy only. Any violation the
// browser reports (a `securitypolicyviolation` event or a console error) fails the test.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { seedUsers } from '../../src/backend/seed.js';
import { startApp, type RunningApp } from '../../server/app.js';
import { launchChromium } from '../../scripts/chromium.js';

/** What the README tells hosts: everything from the page's origin, the hub's WebSocket, photos and previews as images. */
export const STRICT_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const files: Record<string, { type: string; body: string }> = {
  '/csp.html': { type: 'text/html; charset=utf-8', body: readFileSync(fileURLToPath(new URL('csp.html', import.meta.url)), 'utf8') },
  '/csp-host.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(fileURLToPath(new URL('csp-host.js', import.meta.url)), 'utf8') },
};

/** The host page and its script, from the hub server's own origin, under the policy; the rest goes on to the app. */
function serveUnderPolicy(app: RunningApp) {
  const [handle] = app.server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  app.server.removeAllListeners('request');
  app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const file = files[new URL(req.url ?? '/', app.url).pathname];
    if (!file) return handle(req, res);
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store', 'Content-Security-Policy': STRICT_POLICY }).end(file.body);
  });
}

/** A fresh page that collects every violation of the policy the browser reports. */
async function strictPage(browser: Browser) {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  // Run by the browser's debugger, which the policy does not govern.
  await page.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => (window as unknown as { reportViolation(text: string): void }).reportViolation(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`),
      true,
    );
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy|Trusted ?Type/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return { page, violations };
}

describe('a host page with a strict Content-Security-Policy', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'im-csp-'));
  let app: RunningApp;
  let browser: Browser;

  before(async () => {
    assert.ok(existsSync('dist/im-messenger.bundle.js'), 'dist/ is missing: run `npm run build` first');
    app = await startApp({ port: 0, dataDir, demo: true });
    serveUnderPolicy(app);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads, connects, shows avatars, formatted and plain messages, menus and live messages, with no violation', async () => {
    const { page, violations } = await strictPage(browser);
    await page.goto(`${app.url}/csp.html?token=${encodeURIComponent(app.auth.issue(seedUsers.ola.id))}`);
    await page.getByRole('button', { name: /^Messages, \d+ unread$/ }).click();
    await page.getByRole('dialog', { name: 'Messages' }).waitFor();

    // A course's update, formatted by the platform: sanitized and shown as formatted text.
    await page.getByRole('option', { name: /^Weekly update: Mathematics 9B, / }).click();
    await page.locator('im-conversation-view').getByRole('listitem').filter({ hasText: 'Read pages 60–64.' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).click();

    // A one-to-one: the other person's avatar in their colour, a message sent, one received, a message's menu.
    await page.getByRole('option', { name: /^Kari Nordmann, Conversation/ }).click();
    const field = page.getByRole('textbox', { name: /Write message/ });
    await field.fill('Sent under a strict policy');
    await field.press('Enter');
    await page.locator('im-conversation-view').getByText('Sent under a strict policy', { exact: true }).waitFor();
    const [oneToOne] = (await app.backend.execute(seedUsers.kari.id, 'listConversations', {})).items.filter((c) => c.peer?.id === seedUsers.ola.id);
    await app.backend.execute(seedUsers.kari.id, 'sendMessage', { conversationId: oneToOne.id, clientId: `csp-${Date.now()}`, text: 'Received under it too' });
    await page.locator('im-conversation-view').getByText('Received under it too', { exact: true }).waitFor();
    const avatarColour = await page.locator('im-conversation-view im-avatar').first().evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('[part="avatar"]')!).backgroundColor);
    assert.notEqual(avatarColour, 'rgba(0, 0, 0, 0)', 'the avatar keeps its colour');
    await page.getByRole('button', { name: /^More options for message from Kari Nordmann/ }).last().click();
    await page.getByRole('menuitem', { name: 'Reply' }).waitFor();
    await page.keyboard.press('Escape');

    assert.deepEqual(violations, [], 'no violation of the policy');
    await page.close();
  });

  it('opens the emoji picker, searches it, inserts an emoji and sends it, with no violation', async () => {
    const { page, violations } = await strictPage(browser);
    // A violation stops what follows (a refused template throws): it is what the test reports.
    try {
      await page.goto(`${app.url}/csp.html?token=${encodeURIComponent(app.auth.issue(seedUsers.ola.id))}`);
      await page.getByRole('button', { name: /^Messages, \d+ unread$/ }).click();
      await page.getByRole('option', { name: /^Kari Nordmann, Conversation/ }).click();
      const field = page.getByRole('textbox', { name: /Write message/ });
      await field.fill('Well done ');
      await page.getByRole('button', { name: 'Insert emoji' }).click();
      await page.getByRole('combobox', { name: 'Search emoji' }).waitFor();
      await page.waitForFunction(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active instanceof HTMLInputElement && active.type === 'search';
      });
      // Its code and data load on first open: the data from the page's own origin, kept in IndexedDB.
      await page.getByRole('tab', { name: 'Smileys and emotions' }).click();
      await page.getByRole('option', { name: 'grinning face', exact: true }).waitFor({ timeout: 20_000 });
      await page.getByRole('combobox', { name: 'Search emoji' }).click();
      await page.keyboard.type('thumbs up');
      await page.getByRole('option', { name: 'thumbs up', exact: true }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('im-composer #emoji:popover-open').waitFor({ state: 'detached' });
      assert.match(await field.inputValue(), /^Well done 👍\uFE0F?$/);
      await field.press('Enter');
      await page.locator('im-conversation-view').getByText(/^Well done 👍\uFE0F?$/).waitFor();
    } finally {
      assert.deepEqual(violations, [], 'no violation of the policy');
    }
    await page.close();
  });
});
