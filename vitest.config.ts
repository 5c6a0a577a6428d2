// `npm run test:stories`: every story in stories/ runs as a test in Chromium (Vitest's browser
// mode through Storybook's addon), three times: light, dark, and right-to-left. A story fails on
// an error thrown or logged, on an axe violation (the a11y addon), on its play function, or when
// its screenshot differs from the one kept in test/visual/ (accept a new look with `-- --update`).
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { resolve } from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const { chromiumArgs, requireChromium } = (await import(new URL('./scripts/browser.mjs', import.meta.url).href)) as {
  chromiumArgs: string[];
  requireChromium(): string;
};

const executablePath = requireChromium();

/** The page the stories run in: the same on every machine, whatever its own zone and language. */
const provider = playwright({
  launchOptions: { executablePath, args: chromiumArgs },
  contextOptions: { timezoneId: 'Europe/Oslo', locale: 'en-GB', reducedMotion: 'reduce' },
});

const modes = {
  light: { scheme: 'light', dir: 'ltr' },
  dark: { scheme: 'dark', dir: 'ltr' },
  rtl: { scheme: 'light', dir: 'rtl' },
};

const project = (name: keyof typeof modes, port: number): TestProjectInlineConfiguration => ({
  extends: true,
  // The viewport is one of preview.ts's, the size every screenshot has.
  plugins: [storybookTest({ configDir: '.storybook', initialGlobals: { ...modes[name], viewport: { value: 'review', isRotated: false } } })],
  test: {
    name,
    setupFiles: ['.storybook/vitest.setup.ts'],
    browser: {
      enabled: true,
      headless: true,
      api: { host: '127.0.0.1', port },
      provider,
      instances: [{ browser: 'chromium' }],
      screenshotFailures: false,
      // The stories of a mode share one page, one file after another: half the time of a fresh page a file.
      isolate: false,
      expect: {
        toMatchScreenshot: {
          comparatorName: 'pixelmatch',
          // Anti-aliased pixels and small colour shifts don't count; anything else does.
          comparatorOptions: { threshold: 0.1, includeAA: false, allowedMismatchedPixels: 0 },
          resolveScreenshotPath: ({ arg, ext, root }) => resolve(root, 'test/visual', name, `${arg}${ext}`),
          resolveDiffPath: ({ arg, ext, root }) => resolve(root, 'test-results/visual', name, `${arg}${ext}`),
        },
      },
    },
  },
});

export default defineConfig({
  test: {
    // Where a changed screenshot's actual image and diff go (resolveDiffPath), and Vitest's own attachments.
    attachmentsDir: 'test-results/attachments',
    // Lit's notice in the sources' development build, and the browser's ResizeObserver notice (see .storybook/vitest.setup.ts).
    onConsoleLog: (log) => !/Lit is in dev mode|ResizeObserver loop/.test(log),
    projects: [project('light', 9300), project('dark', 9301), project('rtl', 9302)],
  },
});
