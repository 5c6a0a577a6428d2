/**
 * `npm run bench`: size, speed and scale of the panel beside its peers and
 * references, in one run (issue 8). Writes bench/results.json and
 * bench/results.svg and prints the table with each figure's goal.
 *
 *   npm run bench                 the full run (about 4 minutes on 2 cores)
 *   npm run bench -- --quick      small sizes, well under a minute (CI: proves it still works;
 *                                 writes to bench/out/quick/ so the full results stay)
 *   npm run bench -- --only=open,hub   some sections: size open cold scroll burst list heap hub cluster
 *   npm run bench -- --only=size --modules   also what each of our files and each package adds to the bundle
 *   BENCH_HUB_PROFILE=<folder> npm run bench -- --only=hub   also a CPU profile of the hub server, written there
 *
 * Timings are noisy, so every figure that matters is a ratio to a reference
 * measured in the same run; nothing here is asserted by a test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { launch } from './lib/browser.js';
import { figuresOf, type Results } from './lib/figures.js';
import { CLUSTER_PACKAGES, clusterUnavailable } from '../scripts/local-cluster.js';
import { measureBus } from './lib/bus.js';
import { CLUSTER_INSTANCES, measureHub, type HubOptions } from './lib/hub.js';
import { buildPages, servePages } from './lib/pages.js';
import { out, root } from './lib/paths.js';
import { markdownTable, svgChart, textTable } from './lib/report.js';
import { burstScenario, coldScenario, heapScenario, listScenario, openScenario, scrollScenario, type Sizes } from './lib/scenarios.js';
import { measureSizes, peers, type ModuleSize } from './lib/size.js';

const quick = process.argv.includes('--quick') || ['1', 'true', 'yes'].includes(process.env.BENCH_QUICK ?? '');
const modules = process.argv.includes('--modules');
const sections = ['size', 'open', 'cold', 'scroll', 'burst', 'list', 'heap', 'hub', 'cluster'] as const;
type Section = (typeof sections)[number];
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = new Set<Section>(onlyArg ? (onlyArg.slice('--only='.length).split(',') as Section[]) : sections);
for (const s of only) if (!sections.includes(s)) throw new Error(`unknown section ${s}; known: ${sections.join(', ')}`);

const sizes: Sizes = quick
  ? {
      open: [100, 2000],
      reps: 1,
      peer: 500,
      scrollStep: 300,
      scrollCapMs: 2000,
      scrollRefCapMs: 1000,
      burst: 30,
      burstMs: 30,
      burstCapMs: 10_000,
      listBig: 300,
      listSmall: 50,
      listReps: 1,
      listLoadLimit: 90,
      listLoadCapMs: 5000,
      heap: 2000,
      heapSmall: 100,
      heapCapMs: 1500,
      settleMs: 100,
    }
  : {
      open: [100, 10_000, 100_000],
      reps: 3,
      peer: 10_000,
      scrollStep: 300,
      scrollCapMs: 40_000,
      scrollRefCapMs: 15_000,
      burst: 1000,
      burstMs: 1000,
      burstCapMs: 30_000,
      listBig: 5000,
      listSmall: 50,
      listReps: 3,
      listLoadLimit: 5000,
      listLoadCapMs: 60_000,
      heap: 100_000,
      heapSmall: 100,
      heapCapMs: 20_000,
      settleMs: 300,
    };

const hubOptions: HubOptions = quick
  ? { fanoutClients: 30, fanoutSends: 5, sustainedClients: 50, sustainedMs: 2000, groupSize: 10 }
  : { fanoutClients: 300, fanoutSends: 30, sustainedClients: 500, sustainedMs: 8000, groupSize: 10 };

const log = (line: string) => console.log(line);

/** `--modules`: each source's part of our bundle, largest first, then ours and the packages' in all. */
function logModules(parts: ModuleSize[]) {
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`.padStart(8);
  log('  by module (brotli: its chunk’s, shared by minified bytes; minified; chunk):');
  for (const p of parts) log(`  ${kB(p.brotli)} ${kB(p.min)}  ${p.chunk.padEnd(10)} ${p.module}`);
  const ours = parts.filter((p) => p.module.startsWith('src/'));
  const sum = (list: ModuleSize[]) => list.reduce((total, p) => total + p.brotli, 0);
  log(`  ours (src/): ${kB(sum(ours)).trim()} brotli; packages and rollup's own: ${kB(sum(parts) - sum(ours)).trim()}`);
}

/** Other work on the machine makes timings noisy; the load average says how busy it was. */
const loadAtStart = os.loadavg()[0];

function machine(chromium: string | undefined) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  let nproc = os.availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // Not on every system; Node's count is the same number.
  }
  return {
    nproc,
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 1e9),
    os: /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(osRelease)?.[1] ?? `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: chromium ?? 'not used',
    /** One-minute load average when the run started and when it ended. */
    load: [Number(loadAtStart.toFixed(2)), Number(os.loadavg()[0].toFixed(2))],
  };
}

async function main() {
  const started = Date.now();
  const results: Results = { skipped: {} };
  const failures: string[] = [];
  const section = async (name: Section, title: string, work: () => Promise<void>) => {
    if (!only.has(name)) return;
    log(`\n▶ ${title}`);
    const t = Date.now();
    try {
      await work();
    } catch (error) {
      failures.push(name);
      results.skipped[title] = `failed: ${(error as Error).message.split('\n')[0]}`;
      console.error(`  ✖ ${title} failed:`, error);
    }
    log(`  (${name}: ${((Date.now() - t) / 1000).toFixed(0)} s)`);
  };
  log(`Benchmark, ${quick ? 'quick mode (small sizes; proves it works, figures are not the real ones)' : 'full run'}`);
  if (loadAtStart >= os.availableParallelism()) {
    log(`  note: the machine is busy (load average ${loadAtStart.toFixed(1)} on ${os.availableParallelism()} cores); timings will be noisier than usual`);
  }

  // Building is not timed. In a full run the size bundles build beside the bench pages, before any timing;
  // in quick mode they go on beside the timed sections too: there the timings only prove it works.
  const browserSections = (['open', 'cold', 'scroll', 'burst', 'list', 'heap'] as const).filter((s) => only.has(s));
  const pagesBuilt = browserSections.length ? buildPages() : Promise.resolve();
  pagesBuilt.catch(() => undefined);
  if (quick) await pagesBuilt.catch(() => undefined);
  const sizing = section('size', 'bundle sizes (rollup with rollup.config.mjs’s plugins)', async () => {
    const size = await measureSizes(join(out, 'size'), quick ? [] : peers, { modules });
    results.size = size;
    if (quick) results.skipped['Bundle: peers'] = 'skipped in quick mode (bundling deep-chat with terser alone takes about 35 s)';
    for (const b of [size.ours, ...size.peers]) log(`  size, ${b.name}: ${b.error ?? `${b.initial.brotli} B brotli before first paint, ${b.total.brotli} B in all`}`);
    if (size.ours.modules) logModules(size.ours.modules);
  });
  if (!quick) await sizing;

  let chromium: string | undefined;
  if (browserSections.length) {
    log('\n▶ building the bench pages');
    await pagesBuilt;
    const pages = await servePages();
    const { browser, version } = await launch();
    chromium = version;
    try {
      await section('open', 'opening a conversation', async () => void (results.open = await openScenario(browser, pages.url, sizes, log)));
      await section('cold', 'the first open, code not loaded, over an emulated network', async () => void (results.cold = await coldScenario(browser, pages.url, sizes, log)));
      await section('scroll', 'scrolling back', async () => void (results.scroll = await scrollScenario(browser, pages.url, sizes, log)));
      await section('burst', 'incoming burst', async () => void (results.burst = await burstScenario(browser, pages.url, sizes, log)));
      await section('list', 'conversation list', async () => void (results.list = await listScenario(browser, pages.url, sizes, log)));
      await section('heap', 'JS heap', async () => void (results.heap = await heapScenario(browser, pages.url, sizes, log)));
    } finally {
      await browser.close();
      await pages.close();
    }
  }

  await section('hub', 'server: fan-out and sustained load (real SignalR clients, SQLite)', async () => void (results.hub = await measureHub(hubOptions, log)));
  const noCluster = clusterUnavailable();
  if (only.has('cluster') && noCluster) results.skipped['Cluster'] = `${noCluster} (${CLUSTER_PACKAGES})`;
  else {
    await section('cluster', `the same on ${CLUSTER_INSTANCES} instances behind nginx (PostgreSQL, Redis)`, async () => {
      results.cluster = await measureHub(hubOptions, log, 'cluster');
      results.bus = await measureBus({ members: hubOptions.fanoutClients, messages: hubOptions.fanoutSends }, log);
    });
  }
  await sizing;

  const figures = figuresOf(results);
  const about = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', seconds: Math.round((Date.now() - started) / 1000), machine: machine(chromium), sizes, hub: hubOptions };
  const dir = quick ? join(out, 'quick') : join(root, 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify({ ...about, figures, results }, null, 2)}\n`);
  const bundles = results.size ? [results.size.ours, ...results.size.peers.filter((p) => !p.error)] : [];
  writeFileSync(join(dir, 'results.svg'), svgChart(figures, bundles, `im-panel benchmark, ${about.date.slice(0, 10)}, ${about.machine.nproc} × ${about.machine.cpu}`));
  mkdirSync(out, { recursive: true });
  const m = about.machine;
  writeFileSync(
    join(out, quick ? 'results-quick.md' : 'results.md'),
    `${markdownTable(figures)}\n\nMachine: ${m.nproc} cores (\`nproc\`), ${m.cpu}, ${m.memoryGB} GB, ${m.os}; Chromium ${m.chromium} headless; Node ${m.node}; ` +
      `load average ${m.load.join(' → ')}. ${about.date.slice(0, 10)}, ${about.seconds} s.\n`,
  );

  log(`\n${textTable(figures)}`);
  const missed = figures.filter((f) => f.ok === false).length;
  log(`\nMachine: ${m.nproc} cores, ${m.cpu}, ${m.memoryGB} GB, ${m.os}; Chromium ${m.chromium}; Node ${m.node}; load average ${m.load.join(' → ')}`);
  log(`${figures.filter((f) => f.ok).length} goals met, ${missed} missed; ${about.seconds} s. Wrote ${join(dir, 'results.json')} and results.svg.`);
  if (failures.length) {
    console.error(`\n✖ sections that failed: ${failures.join(', ')}`);
    process.exit(1);
  }
}

await main();
