import { chromium, type Browser } from 'playwright';

// browser.mjs is plain JavaScript (web-test-runner's config loads it too); this gives it types.
const { chromiumArgs, requireChromium } = (await import('./browser.mjs' as string)) as {
  chromiumArgs: string[];
  requireChromium(): string;
};

/** The system Chromium (`CHROME_PATH` first), headless and off the network; never a downloaded one. */
export function launchChromium(): Promise<Browser> {
  // Playwright passes its own headless flag.
  return chromium.launch({ executablePath: requireChromium(), args: chromiumArgs.filter((a) => !a.startsWith('--headless')) });
}
