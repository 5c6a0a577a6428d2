// The demo page driven by keyboard alone, as a reader without a mouse uses it: two
// people (Ola, a student, and Kari, a teacher) on the real hub server, elements found
// only by role and accessible name, and after every step the question "where is focus
// now?" answered from Chromium's accessibility tree, the same one a screen reader reads.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, FileChooser, Page } from 'playwright';
import { seedUsers } from '../../src/backend/seed.js';
import { startApp, type RunningApp } from '../../server/app.js';
import { launchChromium } from '../../scripts/chromium.js';

const timeout = 10_000;

interface Focus {
  role: string;
  name: string;
  description: string;
}

/** The focused node as assistive technology gets it (the deepest node the tree marks focused). */
async function focusOf(page: Page): Promise<Focus | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value: string }; name?: { value: string }; description?: { value: string }; properties?: { name: string; value: { value: unknown } }[] }[];
    };
    const node = nodes.filter((n) => n.role?.value !== 'RootWebArea' && n.properties?.some((p) => p.name === 'focused' && p.value.value === true)).at(-1);
    return node && { role: node.role?.value ?? '', name: node.name?.value ?? '', description: node.description?.value ?? '' };
  } finally {
    await cdp.detach();
  }
}

/** Waits until focus is on a node with `role` whose name matches. */
async function focusIs(page: Page, role: string, name: string | RegExp, what: string): Promise<Focus> {
  const deadline = Date.now() + timeout;
  let last: Focus | undefined;
  while (Date.now() < deadline) {
    last = await focusOf(page);
    if (last?.role === role && (typeof name === 'string' ? last.name === name : name.test(last.name))) return last;
    await page.waitForTimeout(50);
  }
  assert.fail(`${what}: expected focus on ${role} "${name}", but it is on ${JSON.stringify(last)}`);
}

/** Presses `key` until focus is on the node wanted (at most `max` times), and says how many presses it took. */
async function pressUntil(page: Page, key: string, role: string, name: string | RegExp, max = 30): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(key);
    await page.waitForTimeout(30);
    const focus = await focusOf(page);
    if (focus?.role === role && (typeof name === 'string' ? focus.name === name : name.test(focus.name))) return presses;
  }
  assert.fail(`${key} ${max} times did not reach ${role} "${name}"; focus is on ${JSON.stringify(await focusOf(page))}`);
}

/** From the message field: back into the history (Shift+Tab), to the newest message (End), its options (Shift+F10), and `option` chosen. */
async function onNewestMessage(page: Page, option: string, newest: RegExp): Promise<Focus> {
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('End');
  const article = await focusIs(page, 'article', newest, 'on the newest message');
  await page.keyboard.press('Shift+F10');
  await focusIs(page, 'menuitem', /./, 'the options open');
  if ((await focusOf(page))!.name !== option) await pressUntil(page, 'ArrowDown', 'menuitem', option);
  await page.keyboard.press('Enter');
  return article;
}

describe('the demo page by keyboard alone', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'im-keyboard-'));
  let app: RunningApp;
  let browser: Browser;
  /** The file dialog each page last opened. */
  const choosers = new Map<Page, FileChooser>();

  before(async () => {
    assert.ok(existsSync('dist/im-messenger.bundle.js'), 'dist/ is missing: run `npm run build` first');
    app = await startApp({ port: 0, dataDir, demo: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(userId: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(timeout);
    // Listening from the start: Playwright turns on catching the file dialog when the first
    // listener comes, asynchronously; one added just before the key can be too late under load.
    page.on('filechooser', (chooser) => choosers.set(page, chooser));
    await page.goto(`${app.url}/?as=${userId}`);
    await page.getByRole('button', { name: /^Messages, \d+ unread$/ }).waitFor();
    return page;
  }

  it('before anyone is chosen, offers no bubble but says to choose a person, and asks the server for nothing it lacks', async () => {
    const page = await (await browser.newContext()).newPage();
    const failed: string[] = [];
    page.on('response', (response) => void (response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`)));
    await page.goto(app.url);
    await page.getByRole('combobox', { name: 'Signed in as' }).waitFor();
    await page.getByText('Choose who you are above').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Messages/ }).count(), 0, 'no bubble that would open on nobody’s messages');
    assert.equal(await pressUntil(page, 'Tab', 'combobox', 'Signed in as'), 1, 'the first Tab reaches the choice');
    await page.keyboard.press('Tab');
    assert.notEqual((await focusOf(page))?.name, 'Messages', 'and the next one no bubble');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(failed, [], 'no request failed (the favicon is there)');
    await page.close();
  });

  it('reads, writes, replies, edits, deletes, moderates, leaves, starts a conversation, hears a refusal and closes: focus known after every step', async () => {
    const ola = await open(seedUsers.ola.id);
    const kari = await open(seedUsers.kari.id);

    // Open the panel from the bubble: the dialog, on the first conversation.
    for (const page of [ola, kari]) {
      await pressUntil(page, 'Tab', 'button', /^Messages, \d+ unread$/);
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: 'Messages' }).waitFor();
      await focusIs(page, 'option', /\. Last activity /, 'the panel opened on the list');
    }

    // Both open their one-to-one: the heading takes focus, the field is two Tabs away.
    await pressUntil(ola, 'ArrowDown', 'option', /^Kari Nordmann, Conversation\. /);
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'heading', 'Kari Nordmann', 'the conversation opened');
    await pressUntil(kari, 'ArrowDown', 'option', /^Ola Nordmann, Conversation\. /);
    await kari.keyboard.press('Enter');
    await focusIs(kari, 'heading', 'Ola Nordmann', 'the conversation opened');
    assert.equal(await pressUntil(ola, 'Tab', 'textbox', 'Write message to Kari Nordmann…'), 2, 'two Tabs from the heading to the field');

    // Write and send: Kari sees it live, and hears it.
    const hello = `Hello by keyboard ${Date.now()}`;
    await ola.keyboard.type(hello);
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'textbox', 'Write message to Kari Nordmann…', 'the field after sending');
    await kari.locator('im-conversation-view').getByText(hello, { exact: true }).waitFor();
    await kari.locator('im-conversation-view [role="status"]').getByText(`Ola Nordmann: ${hello}`).waitFor();

    // Kari answers; Ola replies to it from the message's options.
    await pressUntil(kari, 'Tab', 'textbox', 'Write message to Ola Nordmann…');
    await kari.keyboard.type('Good question, see chapter 4');
    await kari.keyboard.press('Enter');
    await ola.locator('im-conversation-view').getByText('Good question, see chapter 4', { exact: true }).waitFor();
    const karis = await onNewestMessage(ola, 'Reply', /^Kari Nordmann, today at \d\d:\d\d$/);
    assert.equal(karis.description, 'Good question, see chapter 4');
    await focusIs(ola, 'textbox', 'Reply to Kari Nordmann', 'the field, in reply mode');
    await ola.keyboard.type('Thanks!');
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'textbox', 'Write message to Kari Nordmann…', 'the field, out of reply mode');
    await kari.locator('im-conversation-view').getByText('Thanks!', { exact: true }).waitFor();

    // Edit the reply.
    await onNewestMessage(ola, 'Edit', /^You, today at /);
    await focusIs(ola, 'textbox', 'Editing your message', 'the field, in edit mode');
    await ola.keyboard.press('Control+A');
    await ola.keyboard.type('Thanks a lot!');
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'textbox', 'Write message to Kari Nordmann…', 'the field after saving');
    await kari.locator('im-conversation-view').getByText('Thanks a lot!', { exact: true }).waitFor();

    // Delete it: focus stays on the message, now deleted.
    await onNewestMessage(ola, 'Delete message', /^You, today at /);
    await focusIs(ola, 'button', 'Cancel', 'the safe choice first');
    await ola.keyboard.press('Tab');
    await focusIs(ola, 'button', 'Delete', 'Delete');
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'article', /^You, /, 'the deleted message keeps focus');
    await ola.locator('im-conversation-view').getByText('This message was deleted').waitFor();
    assert.equal((await focusOf(ola))!.description, 'This message was deleted');

    // Kari, as the teacher, removes a student's message in the course conversation.
    await kari.keyboard.press('Control+Home');
    await pressUntil(kari, 'Shift+Tab', 'button', 'Back to conversations', 3);
    await kari.keyboard.press('Enter');
    await focusIs(kari, 'option', /^Ola Nordmann, Conversation\. /, 'back on the conversation she came from');
    await pressUntil(kari, 'ArrowDown', 'option', /^Mathematics 9B, Course conversation\. /);
    await kari.keyboard.press('Enter');
    await focusIs(kari, 'heading', 'Mathematics 9B', 'the course conversation');
    await kari.keyboard.press('Tab');
    await focusIs(kari, 'article', /^You, /, 'in the history, on the newest message');
    await pressUntil(kari, 'ArrowUp', 'article', /^Emma Hansen, /);
    await kari.keyboard.press('Shift+F10');
    await pressUntil(kari, 'ArrowDown', 'menuitem', 'Delete message');
    await kari.keyboard.press('Enter');
    await focusIs(kari, 'button', 'Cancel', 'asked first');
    await kari.keyboard.press('Tab');
    await kari.keyboard.press('Enter');
    await focusIs(kari, 'article', /^Emma Hansen, /, 'the removed message keeps focus');
    await kari.locator('im-conversation-view').getByText('This message was removed by Kari Nordmann').waitFor();
    assert.equal((await focusOf(kari))!.description, 'This message was removed by Kari Nordmann');

    // Ola leaves the study group from its settings, and lands on the list.
    await ola.keyboard.press('Control+Home');
    await pressUntil(ola, 'Shift+Tab', 'button', 'Back to conversations', 3);
    await ola.keyboard.press('Enter');
    await pressUntil(ola, 'ArrowDown', 'option', /^Maths study group, Group conversation\. /);
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'heading', 'Maths study group', 'the group');
    await ola.keyboard.press('Shift+Tab');
    await focusIs(ola, 'button', 'Conversation settings', 'the gear, just before the heading');
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'heading', 'Conversation settings', 'the settings sheet, on its heading');
    await pressUntil(ola, 'Tab', 'button', 'Leave conversation');
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'button', 'Cancel', 'asked first');
    await ola.keyboard.press('Tab');
    await focusIs(ola, 'button', 'Leave', 'Leave');
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'option', /\. Last activity /, 'on the list');
    await ola.locator('im-panel [role="status"][aria-live="polite"]').getByText('You left Maths study group.').waitFor();

    // A new conversation through the recipient combobox.
    await pressUntil(ola, 'Shift+Tab', 'button', 'New message', 4);
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'combobox', /recipients/i, 'the recipient field');
    await ola.keyboard.type('Noah');
    await ola.getByRole('listbox').getByRole('option', { name: /^Noah Johansen, / }).waitFor();
    await ola.keyboard.press('ArrowDown');
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'combobox', /recipients/i, 'still in the recipient field, Noah chosen');
    await pressUntil(ola, 'Tab', 'textbox', /^Write message/);
    await ola.keyboard.type('Want to revise together?');
    await ola.keyboard.press('Enter');
    await focusIs(ola, 'heading', 'Noah Johansen', 'the new conversation opened');

    // A file of a type that can't be sent: refused by name, said as an alert, focus back in the field.
    assert.equal(await pressUntil(ola, 'Tab', 'button', 'Add files', 5), 4, 'history, field, "Insert emoji", then Add files');
    await ola.keyboard.press('Enter');
    for (const deadline = Date.now() + timeout; !choosers.has(ola) && Date.now() < deadline; ) await ola.waitForTimeout(50);
    assert.ok(choosers.has(ola), 'Enter on "Add files" opens the file dialog');
    await choosers.get(ola)!.setFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await ola.locator('im-composer [role="alert"]').getByText('Sorry, you can’t send setup.exe').waitFor();
    await focusIs(ola, 'textbox', 'Write message to Noah Johansen…', 'the field after the refusal');

    // Close the panel: focus lands on the bubble.
    await ola.keyboard.press('Escape');
    await focusIs(ola, 'button', /^Messages/, 'the bubble');
    await ola.getByRole('dialog', { name: 'Messages' }).waitFor({ state: 'hidden' });
  });

  it('at 320 CSS pixels the demo page wraps its header: no sideways scrolling, the bubble on screen', async () => {
    const page = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
    await page.goto(`${app.url}/?as=${seedUsers.ola.id}`);
    const bubble = page.getByRole('button', { name: /^Messages, \d+ unread$/ });
    await bubble.waitFor();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `the page scrolls sideways: ${scrollWidth} > ${clientWidth}`);
    const box = (await bubble.boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= 320, `the bubble is off screen at x=${box.x}`);
    await page.context().close();
  });
});
