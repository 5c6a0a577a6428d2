// Finds the Chromium the tests, the benchmark and Storybook's test run use.
// Test tools' own browser downloads fail on our machines (see README), so we
// never download one: CHROME_PATH first, then the usual system locations.
import { existsSync } from 'node:fs';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags that keep a headless Chromium off the network and quiet. */
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** @returns {string | undefined} */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return candidates.find((path) => existsSync(path));
}

export const howToGetChromium = [
  'No Chromium found. Set CHROME_PATH to a Chrome or Chromium binary, or install one:',
  '  Debian/Ubuntu: sudo apt-get install -y chromium',
  '  macOS:         brew install --cask chromium',
].join('\n');

/** Returns the browser path or exits with a message saying how to get one. */
export function requireChromium() {
  const path = findChromium();
  if (!path) {
    console.error(
      process.env.CHROME_PATH ? `CHROME_PATH=${process.env.CHROME_PATH} does not exist.\n${howToGetChromium}` : howToGetChromium,
    );
    process.exit(1);
  }
  return path;
}
