/**
 * Builds the bench pages (bench/pages/*.ts) into bench/out/pages/ and serves
 * them on 127.0.0.1. Built as the script-tag bundle is (node-resolve for the
 * browser, so Lit runs in production mode; the build's template minifier; esbuild
 * with our tsconfig), minified by esbuild rather than terser to keep the build short
 * (BENCH_NO_MINIFY: neither minifies); code splitting stays on, with the build's
 * chunking (the panel in one chunk), so the panel loads on first open as it does on
 * a host page, and precompressed as the build's chunks are, so the cold open's bytes
 * and round trips are a host's.
 */
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { rollup, type GetManualChunk, type Plugin } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { staticFiles } from '../../server/static.js';
import { out, root } from './paths.js';

/** scripts/build-helpers.mjs is plain JavaScript (rollup.config.mjs loads it); loaded by URL, it is typed here. */
const { minifyTemplates, panelChunk, panelRoots, precompressed } = (await import(new URL('../../scripts/build-helpers.mjs', import.meta.url).href)) as {
  minifyTemplates(): Plugin;
  precompressed(): Plugin;
  panelChunk(roots: string[]): GetManualChunk;
  panelRoots: string[];
};

export const pageNames = ['ours', 'vaadin', 'static'] as const;
export type PageName = (typeof pageNames)[number];

const pagesDir = join(out, 'pages');

export async function buildPages(): Promise<void> {
  rmSync(pagesDir, { recursive: true, force: true });
  mkdirSync(pagesDir, { recursive: true });
  // A build a page, as each is a host of its own: chunks shared between pages would tie
  // one page's lazy code to another's entry.
  for (const name of pageNames) {
    const bundle = await rollup({
      input: { [name]: join(root, 'bench/pages', `${name}.ts`) },
      plugins: [
        nodeResolve({ browser: true }),
        ...(process.env.BENCH_NO_MINIFY ? [] : [minifyTemplates()]),
        esbuild({ tsconfig: join(root, 'tsconfig.json'), target: 'es2022', minify: !process.env.BENCH_NO_MINIFY }),
        precompressed(),
      ],
      onLog: () => undefined,
    });
    await bundle.write({ dir: pagesDir, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', manualChunks: panelChunk(panelRoots) });
    await bundle.close();
  }
  for (const name of pageNames) {
    writeFileSync(
      join(pagesDir, `${name}.html`),
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>bench: ${name}</title>` +
        `<style>html, body { margin: 0; } body { font-family: system-ui, sans-serif; }</style></head>` +
        `<body><script type="module" src="./${name}.js"></script></body></html>\n`,
    );
  }
}

/** A static server for the built pages; resolves with its base URL. */
export async function servePages(): Promise<{ url: string; close(): Promise<void> }> {
  const files = staticFiles('/', pagesDir);
  const server: Server = createServer(async (req, res) => {
    if (!(await files(req, res))) res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
