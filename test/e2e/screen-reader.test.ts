// The everyday loop with a real screen reader: Orca reads Chromium on a virtual display
// while keys go in through X, as a blind reader's would. The test asserts what Orca says
// at each step, and keeps the whole transcript (keys and speech, in order) in
// test-results/screen-reader-transcript.txt for a tester to read.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { seedUsers } from '../../src/backend/seed.js';
import { startApp, type RunningApp } from '../../server/app.js';
import { orcaMissing, orcaPackages, startOrca, type ScreenReader } from './orca.js';

const missing = orcaMissing();
if (missing && process.env.CI === 'true') throw new Error(`The screen-reader test needs ${missing} (Debian: apt-get install ${orcaPackages.join(' ')})`);
const skip = missing ? `Orca is not installed (${missing} missing): skipping the screen-reader test. Debian: apt-get install ${orcaPackages.join(' ')}` : false;
if (skip) console.log(`# ${skip}`);

const { requireChromium } = (await import('../../scripts/browser.mjs' as string)) as { requireChromium(): string };

describe('with Orca reading', { skip }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'im-orca-data-'));
  let app: RunningApp;
  let reader: ScreenReader;
  let browser: Browser;

  before(async () => {
    assert.ok(existsSync('dist/im-messenger.bundle.js'), 'dist/ is missing: run `npm run build` first');
    app = await startApp({ port: 0, dataDir, demo: true });
    reader = await startOrca();
    // Not headless: Orca reads the browser through the desktop's accessibility bus.
    browser = await chromium.launch({
      executablePath: requireChromium(),
      headless: false,
      env: reader.env as Record<string, string>,
      args: ['--force-renderer-accessibility', '--no-sandbox', '--no-first-run', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--window-position=0,0', '--window-size=1280,900'],
    });
  });

  after(async () => {
    if (reader) {
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/screen-reader-transcript.txt', `${reader.transcript()}\n`);
    }
    await browser?.close();
    await reader?.stop();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Presses keys and returns what Orca said for them, without its echo of the keys. */
  async function press(...keys: string[]) {
    await reader.press(...keys);
    return reader.said();
  }

  /** Presses a key until Orca says something matching (at most `max` times). */
  async function pressUntil(key: string, pattern: RegExp, max = 10) {
    for (let i = 0; i < max; i++) {
      const said = await press(key);
      if (said.some((line) => pattern.test(line))) return said;
    }
    assert.fail(`${key} ${max} times: Orca never said ${pattern}`);
  }

  it('says the bubble, the dialog and the item, the heading, the field and its mode, a new message once, Back, and the bubble again', async () => {
    const page = await browser.newPage({ viewport: null });
    await page.goto(`${app.url}/?as=${seedUsers.ola.id}`);
    await page.getByRole('button', { name: /^Messages, \d+ unread$/ }).waitFor();
    await reader.waitForApp(/chrom/i);
    await reader.quiet();
    reader.said();

    // The bubble, with the unread count.
    const bubble = await pressUntil('Tab', /^Messages, \d+ unread collapsed push button/);
    const unread = Number(/^Messages, (\d+) unread/.exec(bubble.find((line) => line.startsWith('Messages, '))!)![1]);
    assert.ok(unread > 0);

    // Opening: the dialog's name, then the conversation focus lands on.
    const opened = await press('Return');
    assert.ok(opened.includes('Messages.'), `the dialog's name: ${JSON.stringify(opened)}`);
    assert.ok(
      opened.some((line) => /^Maths study group, Group conversation\. Last activity .+\. Emma Hansen: .+ \d+ unread messages\.$/.test(line)),
      `the focused conversation: ${JSON.stringify(opened)}`,
    );
    assert.ok(opened.indexOf('Messages.') < opened.findIndex((line) => line.startsWith('Maths study group')), 'the dialog first');

    // The arrows are the list's (a list box: focus mode), and each item is said.
    const item = await pressUntil('Down', /^Kari Nordmann, Conversation\. Last activity /);
    assert.ok(!item.includes('Browse mode'));

    // The conversation's heading, then (two Tabs) the message field.
    assert.ok((await press('Return')).includes('Kari Nordmann heading level 2.'));
    const message = await press('Tab');
    assert.ok(message.some((line) => /^Kari Nordmann, \w+ \d+ \w+ at \d\d:\d\d\.$/.test(line) || /^Kari Nordmann, (today|yesterday) at \d\d:\d\d\.$/.test(line)), `a message: ${JSON.stringify(message)}`);
    assert.ok((await press('Tab')).includes('Write message to Kari Nordmann… entry.'));

    // A new message from Kari: said once, with who wrote it.
    const text = `Are you coming to class today? ${Date.now()}`;
    const [conversation] = (await app.backend.execute(seedUsers.kari.id, 'listConversations', {})).items.filter((c) => c.kind === 'one-to-one' && c.peer?.id === seedUsers.ola.id);
    await app.backend.execute(seedUsers.kari.id, 'sendMessage', { conversationId: conversation.id, clientId: `orca-${Date.now()}`, text });
    await reader.hears(new RegExp(`^Kari Nordmann: ${text.replace(/[?]/g, '\\?')}$`));
    await reader.quiet();
    assert.equal(reader.said().filter((line) => line.includes(text)).length, 1, 'said once');

    // Reply mode, from a message's options: the field says so.
    await pressUntil('shift+Tab', /^Kari Nordmann, /, 3);
    assert.ok((await press('shift+F10')).some((line) => line.startsWith('Reply')), 'the options menu, on Reply');
    const field = await press('Return');
    assert.ok(field.some((line) => line.startsWith('Reply to Kari Nordmann entry')), `the field in reply mode: ${JSON.stringify(field)}`);
    assert.ok((await press('Escape')).includes('Reply cancelled.'), 'out of reply mode, said');
    assert.ok((await press('shift+Tab', 'Tab')).some((line) => line.startsWith('Write message to Kari Nordmann… entry')), 'the field, named for writing again');

    // Back to the list: said, on the conversation the reader came from.
    await pressUntil('shift+Tab', /^Back to conversations push button/, 4);
    const back = await press('Return');
    assert.ok(back.some((line) => /^Kari Nordmann, Conversation\. Last activity /.test(line)), `back on the conversation: ${JSON.stringify(back)}`);

    // Closing the panel: on the bubble again.
    const closed = await press('Escape');
    assert.ok(closed.some((line) => /^Messages(, \d+ unread)? collapsed push button/.test(line)), `the bubble: ${JSON.stringify(closed)}`);
    await page.close();
  });
});
