/**
 * Takes the README's picture, docs/panel.png: the demo page (built panel, demo
 * school in a temporary folder) signed in as Ola, with the panel open.
 * `npm run build` first; `npm run screenshot` then writes the file.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from '../server/app.js';
import { launchChromium } from './chromium.js';

const out = fileURLToPath(new URL('../docs/panel.png', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../dist/im-messenger.bundle.js', import.meta.url)))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'im-screenshot-'));
const app = await startApp({ port: 0, dataDir, demo: true });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 600 }, colorScheme: 'light' });
  await page.goto(`${app.url}/?as=u-ola`);
  await page.getByRole('button', { name: /^Messages, \d+ unread$/ }).click();
  await page.getByRole('listbox', { name: 'Conversations' }).getByRole('option').first().waitFor();
  // The slide-in transition and the avatars settle.
  await page.waitForTimeout(800);
  await page.screenshot({ path: out });
  console.log(`Wrote ${out}.`);
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
