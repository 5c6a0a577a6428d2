/**
 * Bundle sizes: our script-tag bundle and the peers, each built by rollup with
 * the plugins of our own `rollup.config.mjs` (node-resolve for the browser, the
 * template minifier, esbuild, terser), loaded afresh for every build so nothing differs but the input.
 */
import { decodedMappings, TraceMap, type SourceMapInput } from '@jridgewell/trace-mapping';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { init as lexerReady, parse as importsOf } from 'es-module-lexer';
import { rollup, type OutputAsset, type OutputChunk } from 'rollup';
import { loadConfigFile } from 'rollup/loadConfigFile';
import { root } from './paths.js';

export interface Bytes {
  min: number;
  gzip: number;
  brotli: number;
}

export interface BundleSize {
  name: string;
  /** What the host page loads before anything shows: the entry and its static imports. */
  initial: Bytes;
  /** Every chunk, lazy ones too, but those loaded only at the reader's request (`onRequest`). */
  total: Bytes;
  /** What loads only when the reader asks for it: the emoji picker's chunk, and its data in the reader's language (English). */
  onRequest?: Bytes;
  /** Files of `initial`, then the lazy ones, relative to the output folder. */
  initialFiles: string[];
  lazyFiles: string[];
  /** What each source adds, largest first (asked for with `--modules`). */
  modules?: ModuleSize[];
  error?: string;
}

/** One source's part of a bundle: a package as a whole, or one of our files. */
export interface ModuleSize {
  /** `src/…` for ours, the package's name for a dependency. */
  module: string;
  /** The chunk it is in, by name (`panel`, `signalr`…). */
  chunk: string;
  /** The minified bytes it became. */
  min: number;
  /**
   * Its chunk's brotli bytes in the proportion of `min`. Roughly what it costs: brotli
   * shares context across the chunk, so a module's own bytes are not separable.
   */
  brotli: number;
}

/** Each file compressed on its own, as a server sends it, then added up. */
export function bytesOf(code: string): Bytes {
  const buffer = Buffer.from(code, 'utf8');
  return {
    min: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length } }).length,
  };
}

const add = (a: Bytes, b: Bytes): Bytes => ({ min: a.min + b.min, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const zero: Bytes = { min: 0, gzip: 0, brotli: 0 };

/** The files a page loads first of a build: `entries` and what they import statically, not what they import dynamically (later). */
export async function firstFiles(entries: string[]): Promise<string[]> {
  await lexerReady;
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    // A dynamic import (`d` ≥ 0) loads later; a static one (`d` = -1) before the code runs.
    for (const { n, d } of importsOf(readFileSync(file, 'utf8'))[0]) if (d === -1 && n?.startsWith('.')) visit(resolve(dirname(file), n));
  };
  for (const entry of entries) visit(resolve(entry));
  return [...files];
}

/** What a page loads before anything shows of a bundle already built (`npm run build`): `firstFiles`, each measured as `bundleSize` measures its chunks. */
export async function builtInitialSize(entry: string): Promise<Bytes> {
  // The build's source-map comment is not part of what a bundler would write here.
  const code = (file: string) => readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '');
  return (await firstFiles([entry])).map((file) => bytesOf(code(file))).reduce(add, zero);
}

/** Builds `input` with our rollup config's plugins into `outDir` and measures the chunks (and with `modules`, each source's part). */
export async function bundleSize(name: string, input: string, outDir: string, { modules = false } = {}): Promise<BundleSize> {
  const { options, warnings } = await loadConfigFile(join(root, 'rollup.config.mjs'), { silent: true });
  warnings.flush();
  const { output: outputs, ...config } = options[0];
  const bundle = await rollup({
    ...config,
    input,
    // Peers' own harmless notes (annotations, `this` at top level, circular imports) are not ours to fix.
    onLog: () => undefined,
    onwarn: undefined,
  });
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // A hidden source map leaves the code as measured without one.
  const { output } = await bundle.write({ ...outputs[0], dir: outDir, entryFileNames: `${name}.js`, sourcemap: modules ? 'hidden' : false });
  await bundle.close();

  const chunks = new Map(output.filter((o): o is OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]));
  const entry = [...chunks.values()].find((c) => c.isEntry)!;
  const initial = new Set<string>();
  const visit = (fileName: string) => {
    if (initial.has(fileName)) return;
    initial.add(fileName);
    for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
  };
  visit(entry.fileName);
  const sizes = new Map([...chunks].map(([fileName, chunk]) => [fileName, bytesOf(chunk.code)]));
  const lazy = [...chunks.keys()].filter((f) => !initial.has(f));
  // The emoji picker loads when the reader opens it, never for the panel to work.
  const asked = new Set([...chunks.values()].filter((c) => c.name === 'emoji-picker').map((c) => c.fileName));
  const text = (asset: OutputAsset) => (typeof asset.source === 'string' ? asset.source : Buffer.from(asset.source).toString('utf8'));
  const askedData = output.filter((o): o is OutputAsset => o.type === 'asset' && /emoji-en-[^/]+\.json$/.test(o.fileName)).map((o) => bytesOf(text(o)));
  return {
    name,
    initial: [...initial].reduce((sum, f) => add(sum, sizes.get(f)!), zero),
    total: [...sizes].filter(([f]) => !asked.has(f)).reduce((sum, [, size]) => add(sum, size), zero),
    ...(asked.size ? { onRequest: [...[...asked].map((f) => sizes.get(f)!), ...askedData].reduce(add, zero) } : {}),
    initialFiles: [...initial],
    lazyFiles: lazy,
    ...(modules ? { modules: [...chunks.values()].flatMap((c) => moduleSizes(c, sizes.get(c.fileName)!.brotli, outDir)).sort((a, b) => b.brotli - a.brotli) } : {}),
  };
}

/** A chunk's minified bytes by the source they came from, as its source map says; what no source claims is `(rollup)`. */
function moduleSizes(chunk: OutputChunk, brotli: number, outDir: string): ModuleSize[] {
  const map = new TraceMap(chunk.map as SourceMapInput);
  const from = dirname(join(outDir, chunk.fileName));
  const nameOf = (source: string) => {
    const path = resolve(from, source);
    const inPackage = path.split(`${sep}node_modules${sep}`)[1];
    return inPackage ? inPackage.split(sep).slice(0, inPackage.startsWith('@') ? 2 : 1).join('/') : relative(root, path).split(sep).join('/');
  };
  const bytes = new Map<string, number>();
  for (const [source, n] of bytesBySource(chunk.code, map)) {
    const module = source ? nameOf(source) : '(rollup)';
    bytes.set(module, (bytes.get(module) ?? 0) + n);
  }
  return [...bytes].map(([module, min]) => ({ module, chunk: chunk.name, min, brotli: Math.round((brotli * min) / chunk.code.length) }));
}

/** Generated code's bytes by the source its map says each came from; what no source claims is under ''. */
export function bytesBySource(code: string, map: TraceMap): Map<string, number> {
  const bytes = new Map<string, number>();
  const add = (source: string, n: number) => bytes.set(source, (bytes.get(source) ?? 0) + n);
  const mappings = decodedMappings(map);
  code.split('\n').forEach((text, line) => {
    const segments = mappings[line] ?? [];
    add('', segments[0]?.[0] ?? text.length);
    segments.forEach((segment, i) => {
      const end = segments[i + 1]?.[0] ?? text.length;
      add(segment.length > 1 ? map.sources[segment[1]!]! : '', end - segment[0]);
    });
  });
  return bytes;
}

export interface Peer {
  name: string;
  /** What a page imports to get the peer's elements. */
  imports: string[];
  /** Packages that must be installed. */
  packages: string[];
}

export const peers: Peer[] = [
  { name: 'vaadin-message-list+input', imports: ['@vaadin/message-list', '@vaadin/message-input'], packages: ['@vaadin/message-list', '@vaadin/message-input'] },
  { name: 'deep-chat', imports: ['deep-chat'], packages: ['deep-chat'] },
];

function installedVersion(pkg: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** Our bundle, then each peer; a peer that is missing or does not build is reported, not fatal. */
export async function measureSizes(
  outRoot: string,
  which: Peer[] = peers,
  { modules = false } = {},
): Promise<{ ours: BundleSize; peers: (BundleSize & { versions: Record<string, string> })[] }> {
  const ours = await bundleSize('im-messenger.bundle', join(root, 'src/bundle.ts'), join(outRoot, 'ours'), { modules });
  const results = [];
  for (const peer of which) {
    const versions: Record<string, string> = {};
    const missing = peer.packages.filter((p) => !(versions[p] = installedVersion(p) ?? ''));
    const empty = { name: peer.name, initial: zero, total: zero, initialFiles: [], lazyFiles: [], versions };
    if (missing.length) {
      results.push({ ...empty, error: `not installed: ${missing.join(', ')} (run npm install)` });
      continue;
    }
    const entry = join(outRoot, 'entries', `${peer.name}.js`);
    mkdirSync(join(outRoot, 'entries'), { recursive: true });
    writeFileSync(entry, peer.imports.map((i) => `import '${i}';\n`).join(''));
    try {
      results.push({ ...(await bundleSize(peer.name, entry, join(outRoot, peer.name))), versions });
    } catch (error) {
      results.push({ ...empty, error: `does not bundle: ${String((error as Error).message ?? error).split('\n')[0]}` });
    }
  }
  return { ours, peers: results };
}
