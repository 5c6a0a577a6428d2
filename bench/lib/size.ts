/**
 * Bundle sizes: our script-tag bundle and the peers, each built by rollup with
 * the plugins of our own `rollup.config.mjs` (node-resolve for the browser, the
 * template minifier, esbuild, terser), loaded afresh for every build so nothing differs but the input.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { rollup, type OutputChunk } from 'rollup';
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
  /** Every chunk, lazy ones too. */
  total: Bytes;
  /** Files of `initial`, then the lazy ones, relative to the output folder. */
  initialFiles: string[];
  lazyFiles: string[];
  error?: string;
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

/** Builds `input` with our rollup config's plugins into `outDir` and measures the chunks. */
export async function bundleSize(name: string, input: string, outDir: string): Promise<BundleSize> {
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
  const { output } = await bundle.write({ ...outputs[0], dir: outDir, entryFileNames: `${name}.js`, sourcemap: false });
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
  return {
    name,
    initial: [...initial].reduce((sum, f) => add(sum, sizes.get(f)!), zero),
    total: [...sizes.values()].reduce(add, zero),
    initialFiles: [...initial],
    lazyFiles: lazy,
  };
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
export async function measureSizes(outRoot: string, which: Peer[] = peers): Promise<{ ours: BundleSize; peers: (BundleSize & { versions: Record<string, string> })[] }> {
  const ours = await bundleSize('im-messenger.bundle', join(root, 'src/bundle.ts'), join(outRoot, 'ours'));
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
