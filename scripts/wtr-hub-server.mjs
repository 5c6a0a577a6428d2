// A web-test-runner plugin that runs the real messaging server for browser
// tests. Tests drive it with `executeServerCommand` from
// @web/test-runner-commands; each command may name a server (`{ server: 'recovery' }`),
// so a test file that takes its server down has one of its own (files run in parallel), and each
// engine has its own (Firefox and WebKit run the same file at once):
//   'im-hub-server'  → { url, hubUrl }, starting it on first use (fresh SQLite in a temp folder)
//   'im-hub-restart' → crashes it (every socket dropped) and starts it again on the same port and
//                      data; with payload { send: { userId, conversationId, text } } that message is
//                      sent before any client is back, so the clients have something to catch up on.
//   'im-hub-stop'    → crashes it and leaves it down (the port is kept for 'im-hub-start')
//   'im-hub-up'      → starts it again if a test left it down, else nothing
//   'im-hub-start'   → starts it again on the same port and data; with { missed: { userId, conversationId,
//                      count, text } } those messages are sent first, while no client can reach it
//   'im-hub-messages' with { userId, conversationId } → the texts of the conversation's latest messages, as stored
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function hubServerPlugin() {
  /** @type {Map<string, { app?: import('../server/app.ts').RunningApp; dataDir: string; starting?: Promise<void>; port: number; down?: boolean }>} */
  const servers = new Map();

  async function start(server) {
    const { startApp } = await tsImport('../server/app.ts', import.meta.url);
    // The recovery tests' server keeps a short event log, so a client that misses more gets `reset`.
    const eventsKept = server.name === 'main' ? undefined : 50;
    const { unlimited } = await tsImport('../src/backend/backend.ts', import.meta.url);
    server.app = await startApp({ port: server.port, dataDir: server.dataDir, demo: true, tokenSecret: 'wtr-hub-server-secret', eventsKept, limits: unlimited });
    server.port = Number(new URL(server.app.url).port);
    server.down = false;
  }

  /** Sends `count` messages while no client can connect (on a port of their own), then starts on the real one. */
  async function startAfterMissed(server, { userId, conversationId, count, text }) {
    const real = server.port;
    server.port = 0;
    await start(server);
    for (let i = 1; i <= count; i++) await server.app.backend.execute(userId, 'sendMessage', { conversationId, clientId: `missed-${Date.now()}-${i}`, text: `${text} ${i}` });
    await server.app.close();
    server.port = real;
    await start(server);
  }

  function named(name, browser) {
    const key = `${name} in ${browser}`;
    let server = servers.get(key);
    if (!server) servers.set(key, (server = { name, dataDir: mkdtempSync(join(tmpdir(), 'im-wtr-')), port: 0 }));
    return server;
  }

  return {
    name: 'im-hub-server',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('im-hub-')) return undefined;
      const server = named(payload?.server ?? 'main', session.browser.name);
      switch (command) {
        case 'im-hub-server':
          await (server.starting ??= start(server));
          return { url: server.app.url, hubUrl: server.app.hubUrl };
        case 'im-hub-restart': {
          await server.starting;
          await server.app.close({ abort: true });
          await start(server);
          const send = payload?.send;
          if (send) {
            await server.app.backend.execute(send.userId, 'sendMessage', { conversationId: send.conversationId, clientId: `wtr-${Date.now()}`, text: send.text });
          }
          return true;
        }
        case 'im-hub-stop':
          await server.starting;
          await server.app.close({ abort: true });
          server.down = true;
          return true;
        case 'im-hub-up':
          if (server.down) await start(server);
          return true;
        case 'im-hub-start':
          if (payload?.missed) await startAfterMissed(server, payload.missed);
          else await start(server);
          return true;
        case 'im-hub-messages': {
          const { messages } = await server.app.backend.execute(payload.userId, 'getMessages', { conversationId: payload.conversationId, limit: 20 });
          return messages.map((m) => m.text);
        }
        default:
          return undefined;
      }
    },
    async serverStop() {
      for (const server of servers.values()) {
        await server.app?.close();
        rmSync(server.dataDir, { recursive: true, force: true });
      }
    },
  };
}
