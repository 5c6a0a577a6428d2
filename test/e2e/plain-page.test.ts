// A host page as a learning platform would write it (test/e2e/plain.html): the
// built script tag, the element, and three lines setting the token factory. No
// build step, no framework. Two readers on the real hub server (demo school,
// SQLite in a temporary folder) write to each other through the panel in Chromium.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { seedUsers } from '../../src/backend/seed.js';
import { startApp, type RunningApp } from '../../server/app.js';
import { launchChromium } from '../../scripts/chromium.js';
import { serveHostPage } from './plain-host.js';

const ola = seedUsers.ola;
const kari = seedUsers.kari;
const timeout = 10_000;

describe('a plain HTML page with the script tag and the element', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'im-e2e-'));
  let app: RunningApp;
  let browser: Browser;
  /** What went wrong in each page: script errors, failed requests. */
  const pageErrors = new Map<Page, string[]>();

  before(async () => {
    assert.ok(existsSync('dist/im-messenger.bundle.js'), 'dist/ is missing: run `npm run build` first');
    app = await startApp({ port: 0, dataDir, demo: true });
    serveHostPage(app);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A window of its own (no shared storage) on the host page, signed in as `userId`. */
  async function open(userId: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    const errors: string[] = [];
    pageErrors.set(page, errors);
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // Failed requests are judged by their URL below; the browser's own favicon request may 404.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${app.url}/plain.html?token=${encodeURIComponent(app.auth.issue(userId))}`);
    return page;
  }

  const unread = (userId: string) => app.backend.execute(userId, 'getUnreadCount', {});
  const bubble = (page: Page, count: number) => page.getByRole('button', { name: count === 0 ? 'Messages' : `Messages, ${count} unread`, exact: true });

  /** A message's text in the open conversation (the list behind shows it as a preview too). */
  const inConversation = (page: Page, text: string) => page.locator('im-conversation-view').getByText(text, { exact: true });

  it('shows the badge, opens the panel and a conversation, and sends and receives live', async () => {
    const olaUnread = await unread(ola.id);
    const kariUnread = await unread(kari.id);
    assert.ok(olaUnread > 0, 'the demo school leaves Ola unread messages');

    const olaPage = await open(ola.id);
    const kariPage = await open(kari.id);

    // The badge with the unread count, before the panel's code is even loaded.
    await bubble(olaPage, olaUnread).waitFor();
    const badge = olaPage.locator('im-chat-bubble [part="badge"]');
    assert.equal((await badge.textContent())?.trim(), String(olaUnread));
    await bubble(kariPage, kariUnread).waitFor();

    // Ola opens the panel and the one-to-one with Kari.
    await bubble(olaPage, olaUnread).click();
    await olaPage.getByRole('dialog', { name: 'Messages' }).waitFor();
    await olaPage.getByRole('option', { name: /^Kari Nordmann, Conversation/ }).click();
    const olaComposer = olaPage.getByRole('textbox', { name: /Write message/ });
    await olaComposer.waitFor();

    // Ola writes; Kari's badge counts it at once, and Kari finds it in the conversation.
    const hello = `Hello from a plain page ${Date.now()}`;
    await olaComposer.fill(hello);
    await olaComposer.press('Enter');
    await inConversation(olaPage, hello).waitFor();
    await bubble(kariPage, kariUnread + 1).waitFor();

    await bubble(kariPage, kariUnread + 1).click();
    await kariPage.getByRole('option', { name: /^Ola Nordmann, Conversation/ }).click();
    await inConversation(kariPage, hello).waitFor();

    // Kari answers; it appears in Ola's open conversation without a reload.
    const answer = `Got it, Ola ${Date.now()}`;
    const kariComposer = kariPage.getByRole('textbox', { name: /Write message/ });
    await kariComposer.fill(answer);
    await kariComposer.press('Enter');
    await inConversation(olaPage, answer).waitFor();

    // Both went through the hub and are stored once.
    const [conversation] = (await app.backend.execute(ola.id, 'listConversations', {})).items;
    const { messages } = await app.backend.execute(ola.id, 'getMessages', { conversationId: conversation.id });
    assert.deepEqual(
      messages.slice(-2).map((m) => [m.sender.id, m.text]),
      [
        [ola.id, hello],
        [kari.id, answer],
      ],
    );
    for (const page of [olaPage, kariPage]) assert.deepEqual(pageErrors.get(page), [], 'no errors in the page');
  });
});
