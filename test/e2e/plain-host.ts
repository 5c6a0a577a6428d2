// The host page of the plain-page tests (plain.html), served from the hub server's own origin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunningApp } from '../../server/app.js';

/** The host page: only the built script tag, the element, and the token factory set inline. */
const hostPage = readFileSync(fileURLToPath(new URL('plain.html', import.meta.url)), 'utf8');

/**
 * Serves the host page at `/plain.html` from the hub server's own origin, as
 * an LMS page beside its hub would be; every other request goes on to the app.
 */
export function serveHostPage(app: RunningApp) {
  const [handle] = app.server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  app.server.removeAllListeners('request');
  app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (new URL(req.url ?? '/', app.url).pathname !== '/plain.html') return handle(req, res);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(hostPage);
  });
}
