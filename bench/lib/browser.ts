/**
 * Headless Chromium through Playwright, found the way the tests find it
 * (scripts/browser.mjs: CHROME_PATH, then the system's), with the same flags.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import type { PageName } from './pages.js';

interface Discovery {
  chromiumArgs: string[];
  requireChromium(): string;
}

/** scripts/browser.mjs is plain JavaScript without types; loaded by URL, it is typed here. */
const discovery = (await import(new URL('../../scripts/browser.mjs', import.meta.url).href)) as Discovery;

export async function launch(): Promise<{ browser: Browser; version: string }> {
  const executablePath = discovery.requireChromium();
  const browser = await chromium.launch({ executablePath, args: discovery.chromiumArgs, headless: true });
  return { browser, version: browser.version() };
}

export interface BenchPage {
  page: Page;
  context: BrowserContext;
  /** Calls `window.bench[name](...args)` in the page. */
  call<T>(name: string, ...args: unknown[]): Promise<T>;
  /** Bytes of JS heap in use after a full garbage collection (CDP `Runtime.getHeapUsage`). */
  heap(): Promise<number>;
  /**
   * Runs `work`. With `BENCH_PROFILE=<folder>` set, Chromium's CPU profile of it is written
   * there as `<name>.cpuprofile`; with `BENCH_TRACE=<folder>`, a trace of the page's main
   * thread (tasks, style, layout, paint) as `<name>.trace.json`. Both open in DevTools.
   */
  profiled<T>(name: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A fresh context and page on `base/<name>.html`, ready when the page's `bench` object is. */
export async function openPage(browser: Browser, base: string, name: PageName): Promise<BenchPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => {
    // The virtualizer measuring its rows defers a resize to the next frame; the browser reports it as an error.
    if (!String(error.message).includes('ResizeObserver loop')) errors.push(error.message);
  });
  await page.goto(`${base}/${name}.html`);
  await page.waitForFunction(() => typeof window.bench === 'object');
  const cdp = await context.newCDPSession(page);
  return {
    page,
    context,
    async call<T>(fn: string, ...args: unknown[]) {
      try {
        return (await page.evaluate(([f, a]) => (window.bench[f as string] as (...x: unknown[]) => unknown)(...(a as unknown[])), [fn, args] as const)) as T;
      } catch (error) {
        throw new Error(`${name}.${fn}: ${(error as Error).message.split('\n')[0]}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`, { cause: error });
      }
    },
    async heap() {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    },
    async profiled<T>(profileName: string, work: () => Promise<T>) {
      const { BENCH_PROFILE: profiles, BENCH_TRACE: traces } = process.env;
      if (traces) {
        await mkdir(traces, { recursive: true });
        await browser.startTracing(page, { path: join(traces, `${profileName}.trace.json`), categories: ['devtools.timeline'] });
      }
      if (profiles) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      try {
        return await work();
      } finally {
        if (traces) await browser.stopTracing();
        if (profiles) {
          const { profile } = await cdp.send('Profiler.stop');
          await mkdir(profiles, { recursive: true });
          await writeFile(join(profiles, `${profileName}.cpuprofile`), JSON.stringify(profile));
        }
      }
    },
    close: () => context.close(),
  };
}
