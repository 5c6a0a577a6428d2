// The script-tag bundle: one minified ES module with every dependency inside,
// the only file a host page names. What is needed later (the SignalR client)
// comes in chunks beside it, loaded relative to it on first use. The library's
// own module entries (dist/**/*.js with types) come from
// `tsc -p tsconfig.build.json`, leaving bare imports to the host's bundler.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

export default {
  input: 'src/bundle.ts',
  output: {
    dir: 'dist',
    entryFileNames: 'im-messenger.bundle.js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ browser: true }),
    esbuild({ tsconfig: 'tsconfig.json', target: 'es2022' }),
    terser({ ecma: 2020, module: true, format: { comments: false } }),
    precompressed(),
  ],
  onwarn(warning, warn) {
    // @microsoft/signalr's ESM build carries annotations rollup cannot place; harmless.
    if (warning.code === 'INVALID_ANNOTATION') return;
    warn(warning);
  },
};

/**
 * Writes each file a browser loads (the bundle, its chunks) beside it compressed, as
 * `.br` (quality 11) and `.gz` (level 9): a server or CDN sends the smaller one as it is
 * (`Content-Encoding`) instead of compressing on every request, or not at all.
 */
function precompressed() {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'precompressed',
    async writeBundle({ dir }, bundle) {
      const files = Object.values(bundle).filter((file) => file.type === 'chunk');
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

