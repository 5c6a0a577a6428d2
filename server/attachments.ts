/**
 * Attachments over HTTP, beside the hub: 20 MB files need streaming, progress
 * and cancel, which hub messages don't give.
 *
 * - `POST {prefix}`: the raw file as the body, its name URI-encoded in
 *   `X-File-Name`, its type as `Content-Type`. Answers the `Attachment` JSON.
 * - `GET {prefix}/:id`: the bytes, for the uploader and for anyone with access
 *   to a conversation holding the file; 404 for everyone else, as for an id that
 *   does not exist.
 * - `POST {prefix}/link-token`: a short-lived token that can only download, for
 *   links (`?access_token=`), so the token that opens the hub never sits in a URL.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Backend } from '../src/backend/backend.js';
import type { Storage } from '../src/backend/storage.js';
import { checkAttachment, formatBytes } from '../src/model/attachments.js';
import { ImError } from '../src/model/errors.js';
import type { Attachment } from '../src/model/types.js';
import { userOfToken, type TokenAuth } from './auth.js';
import { bearerToken, sendError, sendJson, unauthenticated } from './http.js';

/** How long a download-only link token lasts; clients fetch a new one at half of it. */
export const LINK_TOKEN_TTL_MS = 10 * 60_000;

/** How long a refused upload may keep sending (discarded) so its client can read the answer; nginx's lingering close. */
const LINGER_MS = 2_000;

/** The bytes of attachments on disk: `files/<id>`, and `uploads/*.part` while they arrive. */
export class AttachmentFiles {
  private readonly files: string;
  private readonly uploads: string;

  constructor(dir: string) {
    this.files = join(dir, 'files');
    this.uploads = join(dir, 'uploads');
    mkdirSync(this.files, { recursive: true });
    mkdirSync(this.uploads, { recursive: true });
    // Uploads cut off by a crash are never finished.
    for (const name of readdirSync(this.uploads)) rmSync(join(this.uploads, name), { force: true });
  }

  /** Where an attachment's bytes live; ids come from our backend, but nothing unsafe ever reaches a path. */
  path(id: string): string | undefined {
    return /^[\w-]{1,100}$/.test(id) ? join(this.files, id) : undefined;
  }

  tempPath(): string {
    return join(this.uploads, `${randomUUID()}.part`);
  }

  async keep(tempPath: string, id: string) {
    const target = this.path(id);
    if (!target) throw new Error(`unsafe attachment id ${id}`);
    await rename(tempPath, target);
  }

  remove(ids: readonly string[]) {
    for (const id of ids) {
      const path = this.path(id);
      if (path) rm(path, { force: true }).catch((error: unknown) => console.error('[attachments]', error));
    }
  }
}

/**
 * Storage that also deletes an attachment's bytes once the command that forgot
 * it has committed (the storage port leaves the bytes to the server). The
 * backend runs one transaction at a time, so one list of doomed ids is enough.
 */
export function deletingFiles(storage: Storage, files: AttachmentFiles): Storage {
  let doomed: string[] = [];
  let depth = 0;
  // Each method bound once: a command reads the storage dozens of times.
  const bound = new WeakMap<object, unknown>();
  return new Proxy(storage, {
    get(target, key) {
      if (key === 'deleteAttachments') {
        return async (ids: readonly string[]) => {
          await target.deleteAttachments(ids);
          doomed.push(...ids);
        };
      }
      if (key === 'transaction') {
        return async <T>(work: () => Promise<T>, serializeOn?: string) => {
          depth++;
          try {
            const result = await target.transaction(work, serializeOn);
            if (depth === 1) files.remove(doomed);
            return result;
          } finally {
            if (--depth === 0) doomed = [];
          }
        };
      }
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      if (!bound.has(value)) bound.set(value, value.bind(target));
      return bound.get(value);
    },
  });
}

export interface AttachmentRoutesOptions {
  backend: Backend;
  auth: TokenAuth;
  files: AttachmentFiles;
  /** URL path of the endpoints. Default `/api/attachments`. */
  prefix?: string;
}

/** The upload and download handler; resolves `false` for URLs that are not its own. */
export function attachmentRoutes({ backend, auth, files, prefix = '/api/attachments' }: AttachmentRoutesOptions) {
  const userOf = userOfToken(auth, async (id) => !!(await backend.run((s) => s.getUser(id))));
  return async (req: IncomingMessage, res: ServerResponse, url: URL, cors: OutgoingHttpHeaders): Promise<boolean> => {
    if (url.pathname === prefix && req.method === 'POST') {
      await upload(req, res, url, cors);
      return true;
    }
    if (url.pathname === `${prefix}/link-token` && req.method === 'POST') {
      const userId = await userOf(bearerToken(req, url));
      if (!userId) sendError(res, unauthenticated(), cors);
      // A lifetime, not a time: the client's clock need not agree with ours.
      else sendJson(res, 200, { token: auth.issue(userId, LINK_TOKEN_TTL_MS, 'files'), expiresInMs: LINK_TOKEN_TTL_MS }, { ...cors, 'Cache-Control': 'no-store' });
      return true;
    }
    const id = url.pathname.startsWith(`${prefix}/`) ? safeDecode(url.pathname.slice(prefix.length + 1)) : undefined;
    if (id !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
      await download(req, res, url, id, cors);
      return true;
    }
    return false;
  };

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL, cors: OutgoingHttpHeaders) {
    const userId = await userOf(bearerToken(req, url));
    if (!userId) return refuse(req, res, unauthenticated(), cors);
    const name = safeDecode(String(req.headers['x-file-name'] ?? ''));
    if (!name) return refuse(req, res, new ImError('invalid', 'Send the file name in the X-File-Name header, URI-encoded.', { field: 'name' }), cors);
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase().slice(0, 100);
    const declared = req.headers['content-length'] === undefined ? 0 : Number(req.headers['content-length']);
    const policy = backend.attachmentPolicy;
    // The type and a declared size are refused before a byte is read.
    const early = checkAttachment({ name, size: declared, type }, policy);
    if (early) return refuse(req, res, early, cors);

    const temp = files.tempPath();
    const received = await receive(req, temp, policy.maxBytes);
    if (received === 'aborted') return void (await rm(temp, { force: true }));
    if (received === 'too-large') {
      await rm(temp, { force: true });
      const tooLarge = new ImError('file-too-large', `${name} is larger than ${formatBytes(policy.maxBytes, 'en')}`, { name, maxBytes: policy.maxBytes });
      return refuse(req, res, tooLarge, cors);
    }
    let attachment: Attachment;
    try {
      attachment = await backend.registerAttachment(userId, { name, size: received, type });
      await files.keep(temp, attachment.id);
    } catch (error) {
      await rm(temp, { force: true });
      return sendError(res, error, cors);
    }
    sendJson(res, 201, attachment, cors);
  }

  async function download(req: IncomingMessage, res: ServerResponse, url: URL, id: string, cors: OutgoingHttpHeaders) {
    const userId = await userOf(bearerToken(req, url), ['hub', 'files']);
    if (!userId) return sendError(res, unauthenticated(), cors);
    const attachment = await backend.attachmentForDownload(userId, id);
    const path = attachment && files.path(attachment.id);
    const info = path ? await stat(path).catch(() => undefined) : undefined;
    // Not allowed and not there answer alike, so ids reveal nothing.
    if (!attachment || !path || !info?.isFile()) return sendError(res, new ImError('not-found', 'This file does not exist or you have no access to it.'), cors);
    res.writeHead(200, {
      ...cors,
      'Content-Type': /^[\w.+-]+\/[\w.+-]+$/.test(attachment.type) ? attachment.type : 'application/octet-stream',
      'Content-Length': info.size,
      // Always a download, never a page of our origin: a file can't run script here even if a browser would sniff it.
      'Content-Disposition': contentDisposition(attachment.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      // The token may be in the query (plain links): keep it out of Referer headers.
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'private, no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    // pipeline closes the file when the client goes away mid-download.
    pipeline(createReadStream(path), res, () => undefined);
  }
}

/**
 * Writes the body to `path`, counting as it goes: past `maxBytes` it stops
 * storing at once. Resolves the size, `too-large`, or `aborted` when the client went away.
 */
function receive(req: IncomingMessage, path: string, maxBytes: number): Promise<number | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const out = createWriteStream(path, { flags: 'wx' });
    let size = 0;
    let stopped = false;
    const stop = (outcome: 'too-large' | 'aborted') => {
      stopped = true;
      req.off('data', onData);
      out.destroy();
      if (out.closed) resolve(outcome);
      else out.once('close', () => resolve(outcome));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return stop('too-large');
      // Back-pressure: a slow disk slows the client, never fills memory.
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      if (!stopped) out.end(() => resolve(size));
    });
    req.once('close', () => {
      if (!stopped && !req.complete) stop('aborted');
    });
    out.on('error', (error) => {
      if (stopped) return; // destroyed on purpose, with writes still pending
      console.error('[attachments]', error);
      stop('aborted');
      req.destroy();
    });
  });
}

/**
 * Answers a refused upload while its body may still be arriving. The body is
 * never stored, but it is drained (discarded) for a moment so the client reads
 * the answer instead of a connection reset; a client still sending after that
 * is cut off. (nginx's "lingering close".)
 */
function refuse(req: IncomingMessage, res: ServerResponse, error: ImError, cors: OutgoingHttpHeaders) {
  if (!req.complete) {
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    req.once('end', () => clearTimeout(timer));
    req.socket.once('close', () => clearTimeout(timer));
    req.resume();
  }
  sendError(res, error, cors);
}

/** `attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 8187). */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
