import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Content-hashed chunk and asset names (rollup's `[name]-[hash].js`, the emoji data's `.json`): their content never changes under that name. */
const HASHED = /\/chunks\/[^/]+-[A-Za-z0-9_-]{8,}\.(js|json)$/;
const YEAR = 365 * 24 * 60 * 60;

/** The precompressed variants the client accepts, best first: brotli, then gzip. */
function encodingsAccepted(req: IncomingMessage): { encoding: string; suffix: string }[] {
  const accepted = new Map<string, number>();
  for (const part of String(req.headers['accept-encoding'] ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return [
    ...(ok('br') ? [{ encoding: 'br', suffix: '.br' }] : []),
    ...(ok('gzip') ? [{ encoding: 'gzip', suffix: '.gz' }] : []),
  ];
}

/**
 * Serves files under `root` at URL `prefix`. Returns false when the request is
 * not for it, so handlers can be chained. Never serves outside `root`.
 *
 * A file with a precompressed variant beside it (`.br`, `.gz`, written by the build) goes
 * out as that variant when the client accepts it. Content-hashed chunks are cached for a
 * year (`immutable`): a new build gives them new names. Everything else is revalidated
 * on each use (`no-cache` with an `ETag`), so a new build is seen at once and an unchanged
 * file costs a 304. With `cors`, any origin may load them (the panel's files, as a CDN serves them).
 */
export function staticFiles(prefix: string, root: string, { cors = false } = {}) {
  const base = resolve(root);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (!pathname.startsWith(prefix)) return false;
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return false;
    }
    const file = resolve(join(base, normalize(relative || 'index.html')));
    if (file !== base && !file.startsWith(base + sep)) return false;
    const info = await stat(file).catch(() => undefined);
    const target = info?.isDirectory() ? join(file, 'index.html') : file;
    const found = info?.isDirectory() ? await stat(target).catch(() => undefined) : info;
    if (!found?.isFile()) return false;

    let served = { path: target, size: found.size, encoding: undefined as string | undefined };
    for (const { encoding, suffix } of encodingsAccepted(req)) {
      const variant = await stat(target + suffix).catch(() => undefined);
      if (variant?.isFile()) {
        served = { path: target + suffix, size: variant.size, encoding };
        break;
      }
    }
    const etag = `"${found.size.toString(36)}-${Math.floor(found.mtimeMs).toString(36)}${served.encoding ? `-${served.encoding}` : ''}"`;
    const headers = {
      'Content-Type': types[extname(target)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': HASHED.test(target) ? `public, max-age=${YEAR}, immutable` : 'no-cache',
      ETag: etag,
      Vary: 'Accept-Encoding',
      ...(served.encoding ? { 'Content-Encoding': served.encoding } : {}),
      // Public files a page on another origin may load: module scripts are fetched in CORS mode.
      ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
    };
    if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      res.writeHead(304, headers).end();
      return true;
    }
    res.writeHead(200, { ...headers, 'Content-Length': served.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(served.path).pipe(res);
    return true;
  };
}
