// The three engines as web-test-runner launchers, each the system's own browser:
// Chromium through Playwright, Firefox through Puppeteer over WebDriver BiDi, WebKit
// (WebKitGTK's MiniBrowser) through WebDriver. `IM_BROWSERS` picks them (default chromium).
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { chromiumArgs, findFirefox, findWebKit, howToGetFirefox, howToGetWebKit, requireChromium } from './browser.mjs';
import { startWebKitDriver } from './webkit.mjs';

/** The viewport every test file starts in, as the Chromium and Firefox launchers set it. */
const viewport = { width: 800, height: 600 };

/** Playwright's key names that Puppeteer spells otherwise. */
const puppeteerKey = { Space: ' ' };

/**
 * `page.keyboard.press('Shift+Tab')` and `'Space'` as Playwright reads them, for Puppeteer, which takes one key
 * at a time: the modifiers held down around the last key.
 * @param {import('puppeteer-core').Page} page
 */
function withPlaywrightKeys(page) {
  const { keyboard } = page;
  const press = keyboard.press.bind(keyboard);
  keyboard.press = async (combination, options) => {
    const keys = combination.length > 1 ? combination.split('+') : [combination];
    const last = keys.pop();
    const key = puppeteerKey[last] ?? last;
    for (const modifier of keys) await keyboard.down(modifier);
    await press(key, options);
    for (const modifier of keys.reverse()) await keyboard.up(modifier);
  };
  return page;
}

/**
 * Firefox through Puppeteer over WebDriver BiDi. One page at a time: Firefox gives keyboard focus
 * to one page only (one tab, or one window), and tests of focus need it.
 */
function firefox() {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(howToGetFirefox);
  return chromeLauncher({
    puppeteer: puppeteerCore,
    // The browser's own controls outside the page are one Tab stop (the address bar), as in
    // Chromium, not one per toolbar button: what is outside the page is not what the tests are about.
    launchOptions: { browser: 'firefox', executablePath, headless: true, extraPrefsFirefox: { 'browser.toolbars.keyboard_navigation': false } },
    createPage: async ({ context }) => withPlaywrightKeys(await context.newPage()),
    concurrency: 1,
  });
}

/**
 * WebKitGTK's MiniBrowser through its WebDriver server, started with the run and stopped with it.
 * One page at a time: with more, the WebDriver launcher runs test files in iframes of one page,
 * where focus and dialogs behave as they do in an iframe, not as on a host's page.
 */
class WebKitLauncher extends WebdriverLauncher {
  concurrency = 1;
  /** @type {Awaited<ReturnType<typeof startWebKitDriver>> | undefined} */
  driverServer;

  constructor() {
    super({ hostname: '127.0.0.1', port: 0, capabilities: {} });
  }

  async initialize(config, testFiles) {
    const webkit = findWebKit();
    if (!webkit) throw new Error(howToGetWebKit);
    this.driverServer = await startWebKitDriver(webkit);
    this.options.port = this.driverServer.port;
    // WebdriverIO asks for WebDriver BiDi by default, which WebKitGTK's driver does not offer.
    this.options.capabilities = { ...this.driverServer.capabilities, 'wdio:enforceWebDriverClassic': true };
    await super.initialize({ ...config, concurrency: 1 }, testFiles);
    this.name = 'WebKit';
  }

  async createDriverManager() {
    const manager = await super.createDriverManager();
    // The window's size less its inner size is MiniBrowser's own chrome.
    const [outer, inner] = await Promise.all([this.driver.getWindowSize(), this.driver.execute(() => [innerWidth, innerHeight])]);
    await this.driver.setWindowSize(viewport.width + outer.width - inner[0], viewport.height + outer.height - inner[1]);
    return manager;
  }

  /** One key at a time as typed, and `Shift+Tab` as a combination (WebdriverIO presses a list all at once). */
  async sendKeys(sessionId, keys) {
    if (keys.length === 1) return super.sendKeys(sessionId, keys[0].length > 1 ? keys[0].split('+') : keys);
    for (const key of keys) await super.sendKeys(sessionId, [key]);
  }

  async stop() {
    await super.stop();
    await this.driverServer?.stop();
  }
}

/**
 * Each engine's launcher, and the test files it cannot run, with the reason (the README's
 * "Browser support" says the same). Every other file runs in every engine.
 */
const engines = {
  chromium: {
    launcher: () => playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: requireChromium(), args: chromiumArgs } }),
    cannotRun: {},
  },
  firefox: {
    launcher: firefox,
    cannotRun: {
      'test/components/emulated-media.test.ts': 'WebDriver BiDi cannot emulate a dark system or forced colours',
    },
  },
  webkit: {
    launcher: () => new WebKitLauncher(),
    cannotRun: {
      'test/components/emulated-media.test.ts': 'WebDriver cannot emulate a dark system or forced colours',
      'test/components/reflow.test.ts': 'MiniBrowser\'s window is never narrower than about 450 px, and the test needs a 320 px viewport',
      'test/components/notifications.test.ts': 'WebDriver cannot grant a permission, and MiniBrowser denies notifications',
    },
  },
};

/**
 * The browsers and test files for web-test-runner: `files` in each engine `IM_BROWSERS` names (a
 * comma-separated list of chromium, firefox, webkit; chromium when unset), less those it cannot
 * run, each engine a group of its own when there are several. Files named on the command line
 * run in every engine named.
 * @param {string} files
 */
export function browsersAndFiles(files) {
  const names = (process.env.IM_BROWSERS ?? 'chromium').split(',').map((name) => name.trim());
  for (const name of names) if (!(name in engines)) throw new Error(`IM_BROWSERS: unknown browser "${name}" (chromium, firefox, webkit)`);
  const runnable = (name) => [files, ...Object.keys(engines[name].cannotRun).map((file) => `!${file}`)];
  if (process.argv.slice(2).some((arg) => arg.endsWith('.ts'))) return { browsers: names.map((name) => engines[name].launcher()) };
  if (names.length === 1) return { files: runnable(names[0]), browsers: [engines[names[0]].launcher()] };
  return { groups: names.map((name) => ({ name, files: runnable(name), browsers: [engines[name].launcher()] })) };
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function enginePlugin() {
  return {
    name: 'im-engine',
    executeCommand: ({ command, session }) => (command === 'im-engine' ? session.browser.name.toLowerCase() : undefined),
  };
}
