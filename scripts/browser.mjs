// Finds the browsers the tests use: Chromium for everything (the benchmark and
// Storybook's test run too), Firefox and WebKit for the component and end-to-end
// tests in the other engines. Test tools' own browser downloads fail on our machines
// (see README), so we never download one: the environment variable first, then the
// usual system locations.
import { existsSync, readdirSync } from 'node:fs';

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

/** @returns {string | undefined} Firefox: FIREFOX_PATH, else Debian's ESR or a system Firefox. */
export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'].find((path) => existsSync(path));
}

/**
 * WebKit: WebKitGTK's WebDriver and its MiniBrowser (Debian's webkit2gtk-driver), and Xvfb for
 * the display MiniBrowser needs even when no one looks. WEBKIT_DRIVER_PATH and WEBKIT_BROWSER_PATH
 * override the first two.
 * @returns {{ driver: string; browser: string } | undefined}
 */
export function findWebKit() {
  const driver = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
  const browser = process.env.WEBKIT_BROWSER_PATH ?? multiarch('webkit2gtk-4.1/MiniBrowser');
  const xvfb = ['/usr/bin/Xvfb', '/usr/local/bin/Xvfb'].some((path) => existsSync(path));
  return existsSync(driver) && browser && existsSync(browser) && xvfb ? { driver, browser } : undefined;
}

/** `/usr/lib/<architecture>/<path>` if it is there (Debian's multiarch folders). */
function multiarch(path) {
  if (!existsSync('/usr/lib')) return undefined;
  return readdirSync('/usr/lib')
    .filter((dir) => dir.endsWith('-linux-gnu'))
    .map((dir) => `/usr/lib/${dir}/${path}`)
    .find((full) => existsSync(full));
}

export const howToGetFirefox = 'No Firefox found (FIREFOX_PATH, /usr/bin/firefox-esr): sudo apt-get install -y firefox-esr (Debian/Ubuntu), brew install --cask firefox (macOS)';
export const howToGetWebKit =
  'No WebKit found (WebKitGTK\'s WebKitWebDriver, MiniBrowser, Xvfb): sudo apt-get install -y webkit2gtk-driver xvfb (Debian/Ubuntu; Linux only)';
