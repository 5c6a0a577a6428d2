import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { staticFiles } from './static.js';

export interface AppOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** Address to listen on. Loopback by default: the demo is not meant for a network. */
  host?: string;
}

export interface RunningApp {
  server: Server;
  url: string;
  close(): Promise<void>;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Starts the demo server: the demo page at `/` and the built panel at `/dist/`. */
export async function startApp({ port = 0, host = '127.0.0.1' }: AppOptions = {}): Promise<RunningApp> {
  const handlers = [staticFiles('/dist/', here('../dist/')), staticFiles('/', here('../demo/'))];
  const server = createServer(async (req, res) => {
    try {
      for (const handle of handlers) if (await handle(req, res)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Server error');
    }
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, done);
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${address.port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
