// The script-tag bundle: one minified ES module with every dependency inside,
// the only file a host page names. What is needed later (the SignalR client, the
// emoji picker and its data) comes in chunks beside it, loaded relative to it on
// first use. The library's own module entries (dist/**/*.js with types) come from
// `tsc -p tsconfig.build.json`, leaving bare imports to the host's bundler.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { emojiData, minifyTemplates, panelChunk, panelRoots, precompressed, signalRWebSocketsOnly } from './scripts/build-helpers.mjs';

export default {
  input: 'src/bundle.ts',
  output: {
    dir: 'dist',
    entryFileNames: 'im-messenger.bundle.js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    // The emoji picker's data: beside the chunks, hashed like them.
    assetFileNames: 'chunks/[name]-[hash][extname]',
    manualChunks: panelChunk(panelRoots),
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ browser: true }),
    signalRWebSocketsOnly(),
    emojiData(),
    minifyTemplates(),
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
