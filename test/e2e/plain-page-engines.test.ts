// The plain host page (plain.html) in Firefox and WebKit: the badge's count, the panel, a
// conversation with its history, a message sent and one received live, on the real hub server.
// One reader in the browser (Ola); the other (Kari) writes through the server, so both ways
// cross the engine's own WebSocket. plain-page.test.ts does the same with two readers in Chromium.
// The engines are those IM_BROWSERS names (chromium left to that test); unset, both.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { seedUsers } from '../../src/backend/seed.js';
import { startApp, type RunningApp } from '../../server/app.js';
import { serveHostPage } from './plain-host.js';

type Discovery = {
  findFirefox(): string | undefined;
  findWebKit(): { driver: string; browser: string } | undefined;
  howToGetFirefox: string;
  howToGetWebKit: string;
};
type WebKit = {
  startWebKitDriver(webkit: { driver: string; browser: string }): Promise<{ port: number; capabilities: Record<string, unknown>; stop(): Promise<void> }>;
  webKitSession(driver: Awaited<ReturnType<WebKit['startWebKitDriver']>>): Promise<EnginePage>;
};
// Plain JavaScript (web-test-runner's config loads them too), typed here.
const discovery = (await import('../../scripts/browser.mjs' as string)) as Discovery;
const webkit = (await import('../../scripts/webkit.mjs' as string)) as WebKit;

const ola = seedUsers.ola;
const kari = seedUsers.kari;
const timeout = 10_000;

/** What the test does in a page, the same in each engine: real clicks and keys, questions answered in the page. */
interface EnginePage {
  goto(url: string): Promise<unknown>;
  evaluate(script: string, ...args: unknown[]): Promise<unknown>;
  click(x: number, y: number): Promise<unknown>;
  /** Types `text`, a key at a time; `\uE007` is Enter. */
  type(text: string): Promise<unknown>;
  close(): Promise<unknown>;
}

interface Engine {
  name: string;
  start(): Promise<{ open(): Promise<EnginePage>; stop(): Promise<void> }>;
}

const engines: Record<string, Engine> = {
  firefox: {
    name: 'Firefox',
    async start() {
      const executablePath = discovery.findFirefox();
      assert.ok(executablePath, discovery.howToGetFirefox);
      const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
      return {
        async open() {
          const page = await (await browser.createBrowserContext()).newPage();
          return {
            goto: (url) => page.goto(url),
            evaluate: (script, ...args) => page.evaluate(`(${script})(...${JSON.stringify(args)})`),
            click: (x, y) => page.mouse.click(x, y),
            type: async (text) => {
              for (const key of text) await (key === '\uE007' ? page.keyboard.press('Enter') : page.keyboard.type(key));
            },
            close: () => page.close(),
          };
        },
        stop: () => browser.close(),
      };
    },
  },
  webkit: {
    name: 'WebKit',
    async start() {
      const found = discovery.findWebKit();
      assert.ok(found, discovery.howToGetWebKit);
      const driver = await webkit.startWebKitDriver(found);
      return { open: () => webkit.webKitSession(driver), stop: () => driver.stop() };
    },
  },
};

const named = (process.env.IM_BROWSERS ?? 'firefox,webkit').split(',').map((name) => name.trim()).filter((name) => name && name !== 'chromium');

/** test/e2e/page-queries.ts as one script to run in a page. */
async function pageQueries() {
  const { outputFiles } = await build({ entryPoints: [fileURLToPath(new URL('page-queries.ts', import.meta.url))], bundle: true, format: 'iife', write: false });
  return outputFiles[0].text;
}

async function until<T>(what: string, check: () => Promise<T | null | false>): Promise<T> {
  for (const start = Date.now(); ; ) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const name of named) {
  const engine = engines[name];
  if (!engine) throw new Error(`IM_BROWSERS: unknown browser "${name}" (chromium, firefox, webkit)`);

  describe(`the plain host page in ${engine.name}`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'im-e2e-'));
    let app: RunningApp;
    let browser: Awaited<ReturnType<Engine['start']>>;
    let queries: string;

    before(async () => {
      assert.ok(existsSync('dist/im-messenger.bundle.js'), 'dist/ is missing: run `npm run build` first');
      queries = await pageQueries();
      app = await startApp({ port: 0, dataDir, demo: true });
      serveHostPage(app);
      browser = await engine.start();
    });

    after(async () => {
      await browser?.stop();
      await app?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('shows the badge, opens the panel and a conversation with its history, and sends and receives live', async () => {
      const page = await browser.open();
      try {
        await page.goto(`${app.url}/plain.html?token=${encodeURIComponent(app.auth.issue(ola.id))}`);
        await page.evaluate(`() => { ${queries} }`);
        // Where it is once it has stopped moving: the same twice, a frame or more apart.
        const centre = (role: string, name: RegExp) => {
          let last = '';
          return until(`${role} ${name}`, async () => {
            const at = (await page.evaluate('(role, name) => window.imPage.centre(role, name)', role, name.source)) as { x: number; y: number } | null;
            const still = !!at && JSON.stringify(at) === last;
            last = JSON.stringify(at);
            return still && at;
          });
        };
        const click = async (role: string, name: RegExp) => {
          const { x, y } = await centre(role, name);
          await page.click(x, y);
        };
        const shown = (text: string) => until(`“${text}” in the conversation`, () => page.evaluate("(text) => window.imPage.shows(text, 'im-conversation-view')", text) as Promise<boolean>);
        const unread = (userId: string) => app.backend.execute(userId, 'getUnreadCount', {});

        // The badge with the unread count.
        const olaUnread = await unread(ola.id);
        const kariUnread = await unread(kari.id);
        assert.ok(olaUnread > 0, 'the demo school leaves Ola unread messages');
        await click('button', new RegExp(`^Messages, ${olaUnread} unread$`));

        // The panel, and the one-to-one with Kari with its history.
        await centre('dialog', /^Messages$/);
        await click('option', /^Kari Nordmann, Conversation/);
        const conversation = (await app.backend.execute(ola.id, 'listConversations', {})).items.find((c) => c.kind === 'one-to-one' && c.name === kari.name);
        assert.ok(conversation, 'the demo has Ola and Kari’s one-to-one');
        const history = (await app.backend.execute(ola.id, 'getMessages', { conversationId: conversation.id })).messages;
        await shown(history.at(-1)!.text);

        // Ola writes; the hub stores it and Kari's unread count counts it.
        const hello = `Hello from ${engine.name} ${Date.now()}`;
        await click('textbox', /Write message/);
        await page.type(`${hello}\uE007`);
        await shown(hello);
        await until('Kari’s unread count', async () => (await unread(kari.id)) === kariUnread + 1);

        // Kari answers; it arrives in Ola's open conversation without a reload.
        const answer = `Got it, Ola ${Date.now()}`;
        await app.backend.execute(kari.id, 'sendMessage', { conversationId: conversation.id, clientId: `e2e-${Date.now()}`, text: answer });
        await shown(answer);

        const { messages } = await app.backend.execute(ola.id, 'getMessages', { conversationId: conversation.id });
        assert.deepEqual(
          messages.slice(-2).map((m) => [m.sender.id, m.text]),
          [
            [ola.id, hello],
            [kari.id, answer],
          ],
        );
        assert.deepEqual(await page.evaluate('() => window.imPage.errors'), [], 'no errors in the page');
      } finally {
        await page.close();
      }
    });
  });
}
