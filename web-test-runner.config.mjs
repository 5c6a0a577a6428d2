import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { emojiDataAt } from './scripts/build-helpers.mjs';
import { accessibleNamesPlugin } from './scripts/wtr-accessible-names.mjs';
import { browsersAndFiles, enginePlugin } from './scripts/wtr-browsers.mjs';
import { hubServerPlugin } from './scripts/wtr-hub-server.mjs';

export default {
  // Chromium unless IM_BROWSERS names others (`IM_BROWSERS=firefox,webkit`), each without the files
  // it cannot run: scripts/wtr-browsers.mjs.
  ...browsersAndFiles('test/components/**/*.test.ts'),
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // The emoji picker's data, where its source module looks for it (the build puts it there).
  middleware: [
    async (context, next) => {
      const data = await emojiDataAt(context.path);
      if (!data) return next();
      context.type = 'application/json';
      context.set('ETag', `"${data.length}"`);
      context.body = data;
    },
  ],
  // esbuild must read our tsconfig: Lit's decorators are the experimental kind.
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    // The real messaging server, started on first use by test/components/signalr-transport.test.ts.
    hubServerPlugin(),
    accessibleNamesPlugin(),
    enginePlugin(),
  ],
  concurrency: 2,
  // Lit's dev-mode notice, and the runner's own uncaught-error logger printing `null` for
  // the ResizeObserver loop notice (an ErrorEvent without an error; see test/components/helpers.ts).
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode') && !(args.length === 1 && args[0] === null),
  // Generous: CI runs Chromium, Firefox and WebKit side by side (scripts/test.mjs), and a long keyboard walk waits on each step.
  testFramework: { config: { timeout: 40000 } },
};
