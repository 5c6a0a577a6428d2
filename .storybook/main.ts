import type { StorybookConfig } from '@storybook/web-components-vite';

/** scripts/build-helpers.mjs is plain JavaScript (rollup.config.mjs loads it); loaded by URL, it is typed here. */
const { emojiDataAt } = (await import(new URL('../scripts/build-helpers.mjs', import.meta.url).href)) as {
  emojiDataAt(path: string | undefined): Promise<Buffer | undefined>;
};

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: async (vite) => ({
    ...vite,
    // Storybook's renderer imports this one module of Lit's by itself: pre-bundled with the rest of
    // Lit, or the page loads a second copy of lit-html ("Multiple versions of Lit loaded").
    optimizeDeps: { ...vite.optimizeDeps, include: [...(vite.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'] },
    plugins: [
      ...(vite.plugins ?? []),
      // The emoji picker's data, where its source module looks for it (the build puts it there).
      {
        name: 'emoji-data',
        configureServer(server) {
          server.middlewares.use((req, res, next) => {
            void emojiDataAt(req.url?.split('?')[0]).then((data) => {
              if (!data) return next();
              res.setHeader('Content-Type', 'application/json; charset=utf-8');
              res.setHeader('ETag', `"${data.length}"`);
              res.end(data);
            }, next);
          });
        },
      },
    ],
  }),
};

export default config;
