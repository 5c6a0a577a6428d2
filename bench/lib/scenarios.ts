/**
 * The browser scenarios, each on fresh pages (bench/pages/*), with a garbage
 * collection before every timed step so one run's litter does not land in the
 * next one's timing. Each returns raw numbers; figures.ts turns them into the table.
 */
import type { Browser } from 'playwright';
import { openPage, type BenchPage } from './browser.js';
import { median } from './stats.js';

export interface Sizes {
  /** History lengths for opening; the first is the reference, the last the goal's "100 000". */
  open: number[];
  /** Repetitions of each opening; the median counts. */
  reps: number;
  /** The history the peer renders (and scrolling goes through). */
  peer: number;
  scrollStep: number;
  scrollCapMs: number;
  scrollRefCapMs: number;
  burst: number;
  burstMs: number;
  burstCapMs: number;
  listBig: number;
  listSmall: number;
  listReps: number;
  listLoadLimit: number;
  listLoadCapMs: number;
  heap: number;
  heapSmall: number;
  heapCapMs: number;
  /** A pause for timers and late work to finish before a timed step. */
  settleMs: number;
}

interface Opened {
  ms: number;
  visible: number;
  rendered: number;
}

const HISTORY = 'c-history';
const WARM = 'c-warm';
const CHAT = 'c-chat';
let settleMs = 300;
const settle = (ms = settleMs) => new Promise((r) => setTimeout(r, ms));

async function withPage<T>(browser: Browser, base: string, name: 'ours' | 'vaadin' | 'static', work: (page: BenchPage) => Promise<T>): Promise<T> {
  const page = await openPage(browser, base, name);
  try {
    return await work(page);
  } finally {
    await page.close();
  }
}

/** Ours ready to open a conversation: the panel open, code warmed by opening and leaving a small conversation. */
async function oursReady(page: BenchPage, messages: number, conversations = 0) {
  await page.call('setup', { messages, conversations });
  await page.heap();
  await page.call('openPanel', false);
  await page.call('openConversation', WARM);
  await page.call('back');
  await settle();
  await page.heap();
}

/** Runs of the static floor in each round of the open scenario. */
const FLOOR_RUNS = 3;

export async function openScenario(browser: Browser, base: string, sizes: Sizes, log: (line: string) => void) {
  settleMs = sizes.settleMs;
  const ours = new Map<number, Opened[]>(sizes.open.map((n) => [n, []]));
  const floor: (Opened & { count: number })[] = [];
  for (let rep = 1; rep <= sizes.reps; rep++) {
    // Interleaved, so drift in the machine reaches every size alike.
    for (const n of sizes.open) {
      const opened = await withPage(browser, base, 'ours', async (page) => {
        await oursReady(page, n);
        return page.profiled(`open-${n}-${rep}`, () => page.call<Opened>('openConversation', HISTORY));
      });
      ours.get(n)!.push(opened);
      log(`  ours, ${n} messages, run ${rep}: ${opened.ms.toFixed(0)} ms (${opened.visible} messages visible)`);
    }
    // The floor writes as many messages as the panel showed. It takes a few milliseconds and
    // swings with where in a frame it lands (1.7 to 14.6 ms seen in one evening's runs), so it
    // runs three times a round: a median of three alone moved the ratio from 1.7× to 11.8×.
    const count = Math.max(1, ours.get(sizes.peer)?.[0]?.visible ?? ours.get(sizes.open[0])![0].visible);
    for (let run = 1; run <= FLOOR_RUNS; run++) {
      const flat = await withPage(browser, base, 'static', async (page) => {
        await page.call('setup', { messages: sizes.peer });
        await page.call('openConversation', WARM, count);
        await page.call('clear');
        await page.heap();
        return page.call<Opened>('openConversation', HISTORY, count);
      });
      floor.push({ ...flat, count });
      log(`  static floor, last ${count} of ${sizes.peer}, run ${rep}.${run}: ${flat.ms.toFixed(1)} ms`);
    }
  }
  // The peer renders everything it is given, so one run is long and steady enough.
  const peer = await withPage(browser, base, 'vaadin', async (page) => {
    await page.call('setup', { messages: sizes.peer });
    await page.call('openConversation', WARM);
    await page.call('clear');
    await page.heap();
    return page.call<Opened & { fetchMs: number; renderMs: number }>('openConversation', HISTORY);
  });
  log(`  vaadin-message-list, ${sizes.peer} messages: ${peer.ms.toFixed(0)} ms (render ${peer.renderMs.toFixed(0)} ms after ${peer.fetchMs.toFixed(0)} ms of reading)`);
  const medians = Object.fromEntries([...ours].map(([n, runs]) => [n, median(runs.map((r) => r.ms))]));
  return { sizes: sizes.open, peerSize: sizes.peer, ours: Object.fromEntries(ours), medians, floor, floorMedian: median(floor.map((f) => f.ms)), peer };
}

/** What a page's `Frames` and `LongTasks` measured (bench/pages/measure.ts). */
interface FramesAndTasks {
  frames: number;
  over: number;
  longestFrame: number;
  count: number;
  longest: number;
  total: number;
}

interface ScrollRun extends FramesAndTasks {
  ms: number;
  reachedStart: boolean;
  loaded?: number;
  /** Ours: frames spent at the top while older messages were still to come. */
  waited?: number;
  /** Ours: the history's height per message loaded (rows, day lines) at the end. */
  pxPerMessage?: number;
}

export async function scrollScenario(browser: Browser, base: string, sizes: Sizes, log: (line: string) => void) {
  settleMs = sizes.settleMs;
  const ours = await withPage(browser, base, 'ours', async (page) => {
    await oursReady(page, sizes.peer);
    await page.call('openConversation', HISTORY);
    await settle(2 * settleMs);
    await page.heap();
    return page.profiled('scroll', () => page.call<ScrollRun>('scrollBack', HISTORY, sizes.scrollStep, sizes.scrollCapMs));
  });
  log(
    `  ours: ${ours.loaded} of ${sizes.peer} messages in ${(ours.ms / 1000).toFixed(1)} s, ${ours.over} of ${ours.frames} frames missed, ` +
      `${ours.waited} waiting at the top, longest task ${ours.longest.toFixed(0)} ms`,
  );
  const reference = await withPage(browser, base, 'static', async (page) => {
    await page.call('setup', { messages: sizes.peer });
    await page.call('renderAll', HISTORY);
    await settle(2 * settleMs);
    await page.heap();
    return page.call<ScrollRun>('scrollBack', sizes.scrollStep, sizes.scrollRefCapMs);
  });
  log(`  static reference: ${reference.over} of ${reference.frames} frames missed, longest task ${reference.longest.toFixed(0)} ms`);
  return { messages: sizes.peer, step: sizes.scrollStep, capMs: sizes.scrollCapMs, ours, reference };
}

interface BurstRun extends FramesAndTasks {
  sent: number;
  pushMs: number;
  renderedMs: number;
  afterLastPushMs: number;
  announcements: { at: number; text: string }[];
}

export async function burstScenario(browser: Browser, base: string, sizes: Sizes, log: (line: string) => void) {
  settleMs = sizes.settleMs;
  return withPage(browser, base, 'ours', async (page) => {
    await oursReady(page, 100);
    await page.call('openConversation', CHAT);
    await settle(2 * settleMs);
    await page.heap();
    const reference = await page.call<BurstRun>('burst', false, sizes.burst, sizes.burstMs, sizes.burstCapMs);
    log(`  reference (backend only, nothing on screen): ${reference.sent} messages in ${reference.pushMs.toFixed(0)} ms, longest task ${reference.longest.toFixed(0)} ms`);
    await settle();
    await page.heap();
    const watched = await page.call<BurstRun>('burst', true, sizes.burst, sizes.burstMs, sizes.burstCapMs);
    log(
      `  into the open conversation: ${watched.sent} of ${sizes.burst} messages taken in ${(watched.pushMs / 1000).toFixed(1)} s, ` +
        `all on screen after ${(watched.renderedMs / 1000).toFixed(1)} s, longest task ${watched.longest.toFixed(0)} ms, ${watched.announcements.length} announcement(s)`,
    );
    return { count: sizes.burst, durationMs: sizes.burstMs, capMs: sizes.burstCapMs, reference, watched };
  });
}

export async function listScenario(browser: Browser, base: string, sizes: Sizes, log: (line: string) => void) {
  settleMs = sizes.settleMs;
  const runs: Record<number, { first: number[]; reorder: number[] }> = {};
  for (let rep = 1; rep <= sizes.listReps; rep++) {
    for (const m of [sizes.listBig, sizes.listSmall]) {
      const run = (runs[m] ??= { first: [], reorder: [] });
      await withPage(browser, base, 'ours', async (page) => {
        await page.call('setup', { messages: 100, conversations: m });
        await page.heap();
        run.first.push((await page.profiled(`list-open-${m}-${rep}`, () => page.call<{ ms: number }>('openPanel', true))).ms);
        await settle();
        for (let k = 0; k < 3; k++) run.reorder.push((await page.call<{ ms: number }>('listReorder')).ms);
      });
      log(`  ${m} conversations, run ${rep}: first page ${run.first.at(-1)!.toFixed(0)} ms, re-order ${run.reorder.slice(-3).map((x) => x.toFixed(0)).join(', ')} ms`);
    }
  }
  const loaded = await withPage(browser, base, 'ours', async (page) => {
    await page.call('setup', { messages: 100, conversations: sizes.listBig });
    await page.heap();
    await page.call('openPanel', true);
    const load = await page.call<{ ms: number; loaded: number; pages: number[]; longest: number; count: number }>('listLoad', sizes.listLoadLimit, sizes.listLoadCapMs);
    await settle();
    await page.heap();
    const reorder: number[] = [];
    for (let k = 0; k < 3; k++) reorder.push((await page.call<{ ms: number }>('listReorder')).ms);
    return { ...load, reorder };
  });
  log(
    `  scrolled to ${loaded.loaded} of ${sizes.listBig}: ${(loaded.ms / 1000).toFixed(1)} s, first page ${loaded.pages[0]?.toFixed(0)} ms, ` +
      `last ${loaded.pages.at(-1)?.toFixed(0)} ms; re-order then ${median(loaded.reorder).toFixed(0)} ms`,
  );
  const summary = (m: number) => ({ first: median(runs[m].first), reorder: median(runs[m].reorder), runs: runs[m] });
  return { big: sizes.listBig, small: sizes.listSmall, bigRuns: summary(sizes.listBig), smallRuns: summary(sizes.listSmall), loaded, loadLimit: sizes.listLoadLimit };
}

export async function heapScenario(browser: Browser, base: string, sizes: Sizes, log: (line: string) => void) {
  settleMs = sizes.settleMs;
  const measure = (messages: number, scroll: boolean) =>
    withPage(browser, base, 'ours', async (page) => {
      await page.call('setup', { messages });
      const baseline = await page.heap();
      await page.call('openPanel', false);
      await page.call('openConversation', HISTORY);
      await settle(2 * settleMs);
      const opened = await page.heap();
      if (!scroll) return { messages, baseline, opened };
      const top = await page.call<{ ms: number; reachedStart: boolean; loaded: number }>('scrollToTop', HISTORY, sizes.heapCapMs);
      await settle(2 * settleMs);
      return { messages, baseline, opened, top: { ...top, heap: await page.heap() } };
    });
  const big = await measure(sizes.heap, true);
  const small = await measure(sizes.heapSmall, false);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  log(`  ${sizes.heap} messages: page ${mb(big.baseline)} before opening, panel +${mb(big.opened - big.baseline)} open, +${mb(big.top!.heap - big.baseline)} with ${big.top!.loaded} loaded`);
  log(`  ${sizes.heapSmall} messages: panel +${mb(small.opened - small.baseline)} open`);
  return { big, small };
}

/** Chromium's network emulation, as DevTools names the profiles the goals are set in. */
const NETWORKS = {
  'Fast 4G': { latency: 150, downloadThroughput: 9_000_000 / 8, uploadThroughput: 9_000_000 / 8 },
  'Slow 3G': { latency: 2_000, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 },
} as const;

export type NetworkName = keyof typeof NETWORKS;

export interface ColdOpen {
  network: NetworkName;
  /** The page had been quiet long enough for the panel's code to load by itself before the click. */
  prefetched: boolean;
  ms: number;
  /** Bytes over the wire after the click (encoded: compressed as sent), and in how many requests. */
  bytes: number;
  requests: number;
}

/**
 * The first open of the panel on a page that has not loaded its code, over an emulated
 * network with the cache disabled: from `show()` to the first page of the list on screen.
 * Once right after the badge appears (the code loads on the click), once after the page has
 * been quiet long enough for the idle prefetch (the click only renders).
 */
export async function coldScenario(browser: Browser, base: string, sizes: Sizes, log: (line: string) => void): Promise<ColdOpen[]> {
  const runs: ColdOpen[] = [];
  for (let rep = 1; rep <= sizes.reps; rep++) {
    for (const network of Object.keys(NETWORKS) as NetworkName[]) {
      for (const prefetched of [false, true]) {
        const run = await withPage(browser, base, 'ours', async ({ page, context, call }) => {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
          await call('setup', { messages: 100 });
          const loaded = () => page.evaluate(() => customElements.get('im-panel') !== undefined);
          if (prefetched) await page.waitForFunction(() => customElements.get('im-panel') !== undefined, undefined, { timeout: 15_000 });
          else if (await loaded()) throw new Error('the panel’s code loaded before the cold open could start');
          let bytes = 0;
          let requests = 0;
          cdp.on('Network.loadingFinished', (event) => {
            bytes += event.encodedDataLength;
            requests++;
          });
          await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORKS[network] });
          const { ms } = await call<{ ms: number }>('openPanel', false);
          return { network, prefetched, ms, bytes, requests };
        });
        runs.push(run);
        log(`  ${network}, ${prefetched ? 'after the idle prefetch' : 'code not loaded'}, run ${rep}: ${run.ms.toFixed(0)} ms, ${run.bytes} B in ${run.requests} requests`);
      }
    }
  }
  return runs;
}
