// A web-test-runner plugin that runs the real messaging server for browser
// tests. Tests drive it with `executeServerCommand` from
// @web/test-runner-commands:
//   'im-hub-server'  → { url, hubUrl }, starting it on first use (fresh SQLite in a temp folder)
//   'im-hub-restart' → crashes it (every socket dropped) and starts it again on the same port and
//                      data; with payload { send: { userId, conversationId, text } } that message is
//                      sent before any client is back, so the clients have something to catch up on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function hubServerPlugin() {
  /** @type {import('../server/app.ts').RunningApp | undefined} */
  let app;
  /** @type {string | undefined} */
  let dataDir;
  let starting;

  async function start(port = 0) {
    const { startApp } = await tsImport('../server/app.ts', import.meta.url);
    dataDir ??= mkdtempSync(join(tmpdir(), 'im-wtr-'));
    app = await startApp({ port, dataDir, demo: true, tokenSecret: 'wtr-hub-server-secret' });
  }

  return {
    name: 'im-hub-server',
    async executeCommand({ command, payload }) {
      if (command === 'im-hub-server') {
        await (starting ??= start());
        return { url: app.url, hubUrl: app.hubUrl };
      }
      if (command === 'im-hub-restart') {
        await starting;
        const port = Number(new URL(app.url).port);
        await app.close({ abort: true });
        await start(port);
        const send = payload?.send;
        if (send) {
          await app.backend.execute(send.userId, 'sendMessage', { conversationId: send.conversationId, clientId: `wtr-${Date.now()}`, text: send.text });
        }
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await app?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
