// What the build adds to rollup, plain JavaScript so rollup.config.mjs can load it as it is
// (the bench's page build loads it too, so it measures what hosts get).
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Writes each file a browser loads (the bundle, its chunks, the emoji data) beside it compressed, as
 * `.br` (quality 11) and `.gz` (level 9): a server or CDN sends the smaller one as it is
 * (`Content-Encoding`) instead of compressing on every request, or not at all.
 */
export function precompressed() {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'precompressed',
    async writeBundle({ dir }, bundle) {
      const files = Object.values(bundle).filter((file) => file.type === 'chunk' || file.fileName.endsWith('.json'));
      await Promise.all(
        files.map(async ({ fileName }) => {
          const path = join(dir, fileName);
          // As written, with its source map comment: the same bytes, compressed.
          const code = await readFile(path);
          await writeFile(`${path}.br`, await br(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          await writeFile(`${path}.gz`, await gz(code, { level: 9 }));
        }),
      );
    },
  };
}

/**
 * Minifies the HTML of Lit's `html` and `svg` templates (whitespace, comments) and the
 * CSS of its `css` ones, which terser leaves as they are. Before esbuild: it reads the
 * TypeScript. Three of html-minifier's defaults would break what we render: an SVG
 * element's closing slash is kept (without it, the parser nests the next shape inside),
 * so is an empty attribute (`alt=""` marks an image as decorative), and whitespace
 * collapses to one space rather than none (the space between a text and an expression).
 * A template it fails on fails the build, rather than shipping unminified.
 */
export function minifyTemplates() {
  return minifyHTML({
    failOnError: true,
    options: { minifyOptions: { keepClosingSlash: true, removeEmptyAttributes: false, conservativeCollapse: true } },
  });
}

/**
 * Leaves out the modules of `@microsoft/signalr` the bundle never runs, each replaced by
 * a class that throws if it ever were: long polling and server-sent events, since our
 * transport asks for WebSockets only, the hub contract's one transport
 * (src/transport/signalr-transport.ts, docs/hub-contract.md), so the client builds no
 * other; and the XMLHttpRequest client, which it takes only where `fetch` is missing,
 * in none of the browsers we support (README, "Browser support"). About 1.2 kB brotli.
 * The package's own modules (dist/transport) keep the whole client.
 */
export function signalRWebSocketsOnly() {
  const unused = new Set(['LongPollingTransport', 'ServerSentEventsTransport', 'XhrHttpClient']);
  return {
    name: 'signalr-websockets-only',
    load(id) {
      const name = /@microsoft[\\/]signalr[\\/]dist[\\/]esm[\\/](\w+)\.js$/.exec(id)?.[1];
      if (!name || !unused.has(name)) return null;
      return `export class ${name} { constructor() { throw new Error('@microsoft/signalr: ${name} is not in this bundle'); } }`;
    },
  };
}

/**
 * `output.manualChunks` that puts the panel's code in one chunk: every module the panel's
 * elements (`roots`, loaded together on first open) import, but for those the page's entry
 * or another lazily loaded part (the store, the SignalR client, DOMPurify…) imports too.
 * Left to itself, rollup splits the panel into a chunk per shared piece, and a browser
 * finds each only after fetching the one that imports it: three round trips before the
 * panel can render, two seconds each on a slow phone network. One chunk is one.
 *
 * Every other module is named too, as rollup would group it (an entry's own, `shared`
 * between entries, each other lazy part's own), since a module left unnamed would be
 * pulled into the panel's chunk with whatever imports it; but the lazy parts in
 * `together` join the chunk named there.
 */
export function panelChunk(roots, together = lazyTogether) {
  let chunkOf;
  return (id, { getModuleIds, getModuleInfo }) => {
    chunkOf ??= chunksOf(roots, together, [...getModuleIds()], getModuleInfo);
    return chunkOf.get(id);
  };
}

function chunksOf(roots, together, ids, getModuleInfo) {
  const reach = (start) => {
    const seen = new Set(start);
    for (const m of seen) for (const next of getModuleInfo(m)?.importedIds ?? []) seen.add(next);
    return seen;
  };
  const name = (m) => m.split('/').at(-1).replace(/\.[^.]*$/, '');
  const isRoot = (m) => roots.some((root) => m.endsWith(root));
  const chunkOf = new Map();
  // Each entry's modules, and those of several entries together.
  const entries = ids.filter((m) => getModuleInfo(m)?.isEntry);
  const entryOf = new Map();
  for (const entry of entries) for (const m of reach([entry])) entryOf.set(m, entryOf.has(m) ? 'shared' : name(entry));
  for (const [m, chunk] of entryOf) chunkOf.set(m, chunk);
  // Each other lazy part's own (first come), and what the panel needs of them stays theirs;
  // but a part only the panel loads (the emoji picker) comes after it: what they share is the panel's.
  const lazy = ids.filter((m) => !isRoot(m) && !entryOf.has(m) && ids.some((i) => getModuleInfo(i)?.dynamicallyImportedIds.includes(m)));
  const panel = reach(ids.filter(isRoot));
  const afterPanel = (m) => ids.filter((i) => getModuleInfo(i)?.dynamicallyImportedIds.includes(m)).every((i) => panel.has(i));
  const elsewhere = reach(lazy.filter((m) => !afterPanel(m)));
  for (const m of panel) if (!chunkOf.has(m) && !elsewhere.has(m)) chunkOf.set(m, 'panel');
  const joined = (m) => Object.entries(together).find(([end]) => m.endsWith(end))?.[1];
  for (const root of lazy) {
    const chunk = joined(root) ?? name(root);
    for (const m of reach([root])) if (!chunkOf.has(m)) chunkOf.set(m, chunk);
  }
  return chunkOf;
}

/** The panel's elements, as `im-messenger` loads them on first open. */
export const panelRoots = [
  'src/components/panel/panel.ts',
  'src/components/conversation-view/conversation-view.ts',
  'src/components/settings-sheet/settings-sheet.ts',
  'src/components/reports/reports.ts',
  'src/components/new-conversation/new-conversation.ts',
];

/**
 * Small lazy parts that load with another, or right after it: each joins that one's chunk
 * (by the end of the path of the module loaded lazily), a request fewer.
 */
export const lazyTogether = {
  // The kept work's code (IndexedDB), which im-messenger loads at the same time as the store.
  'src/state/persistence.ts': 'store',
  // The virtualizer's default layout, which it loads as soon as a conversation's history renders.
  '@lit-labs/virtualizer/layouts/flow.js': 'panel',
  // Our SignalR transport and the client it loads as it connects.
  'src/transport/signalr-transport.ts': 'signalr',
  '@microsoft/signalr/dist/esm/index.js': 'signalr',
};

/**
 * The emoji picker's data (emoji-picker-element-data, CLDR names and keywords), by the
 * language of the module that names it: src/components/composer/emoji-picker.component.ts asks for
 * `./emoji/<language>.json` beside itself.
 */
export const emojiDataFiles = {
  en: 'emoji-picker-element-data/en/cldr/data.json',
  nb: 'emoji-picker-element-data/nb/cldr/data.json',
};

const emojiPickerModule = /src[\\/]components[\\/]composer[\\/]emoji-picker\.component\.ts$/;
const dataFile = (locale) => fileURLToPath(import.meta.resolve(emojiDataFiles[locale]));

/**
 * Puts the emoji data in our build: for the bundle, each file a hashed asset beside the
 * chunks (cached for a year like them), the picker's chunk naming it relative to itself
 * (`import.meta.ROLLUP_FILE_URL_…`); for the package's ES modules, the files beside
 * dist/components/composer/emoji-picker.component.js, where a host's bundler finds them. Fails the
 * build if the module no longer names them as expected, rather than shipping a picker
 * without data.
 */
export function emojiData() {
  return {
    name: 'emoji-data',
    async transform(code, id) {
      if (!emojiPickerModule.test(id)) return null;
      let out = code;
      for (const locale of Object.keys(emojiDataFiles)) {
        const named = `new URL('./emoji/${locale}.json', import.meta.url)`;
        if (!out.includes(named)) this.error(`emoji-picker.component.ts does not name its data as ${named}`);
        const ref = this.emitFile({ type: 'asset', name: `emoji-${locale}.json`, source: await readFile(dataFile(locale)) });
        out = out.replace(named, `new URL(import.meta.ROLLUP_FILE_URL_${ref})`);
      }
      return { code: out, map: null };
    },
    async writeBundle({ dir }) {
      const beside = join(dir, 'components', 'composer', 'emoji');
      await mkdir(beside, { recursive: true });
      for (const locale of Object.keys(emojiDataFiles)) await writeFile(join(beside, `${locale}.json`), await readFile(dataFile(locale)));
    },
  };
}

/**
 * The emoji data a request for the picker's source module's neighbour (`./emoji/<language>.json`
 * beside src/components/composer/emoji-picker.component.ts) asks for, or undefined: for the test runner and
 * Storybook, which run the sources without a build.
 */
export async function emojiDataAt(path) {
  const locale = /\/src\/components\/composer\/emoji\/(\w+)\.json$/.exec(path ?? '')?.[1];
  return locale && locale in emojiDataFiles ? readFile(dataFile(locale)) : undefined;
}
