// The script-tag bundle: one self-contained, minified ES module with every
// dependency inside. The library's own module entries (dist/**/*.js with
// types) come from `tsc -p tsconfig.build.json`, leaving bare imports to the
// host's bundler.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

export default {
  input: 'src/index.ts',
  output: {
    file: 'dist/im-messenger.bundle.js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ browser: true }),
    esbuild({ tsconfig: 'tsconfig.json', target: 'es2022' }),
    terser({ ecma: 2020, module: true, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    // @microsoft/signalr's ESM build carries annotations rollup cannot place; harmless.
    if (warning.code === 'INVALID_ANNOTATION') return;
    warn(warning);
  },
};
