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
  // The emoji picker's data, where its source module looks for it (the build puts it there).
  viteFinal: async (vite) => ({
    ...vite,
    plugins: [
      ...(vite.plugins ?? []),
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
