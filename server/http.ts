/** Small HTTP helpers shared by the API routes: JSON replies, errors as `ImError` JSON, CORS, bearer tokens. */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { ImError, type ErrorCode } from '../src/model/errors.js';
import { defaultErrorShape } from './signalr/hub-server.js';

const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'conversation-closed': 409,
  'conversation-deleted': 409,
  'read-only': 409,
  'too-many-recipients': 422,
  'messaging-disabled': 422,
  'no-course-conversation': 409,
  'not-a-contact': 403,
  'file-too-large': 413,
  'file-type-not-allowed': 415,
  'rate-limited': 429,
  'too-many-pinned': 409,
  unavailable: 503,
  internal: 500,
};

/** Writes `body` as JSON; never cached, since every answer depends on who asks. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** Answers with the error's `{ code, message, details }`; anything but an `ImError` is a bare `internal`, and logged. */
export function sendError(res: ServerResponse, error: unknown, headers: OutgoingHttpHeaders = {}) {
  const shape = defaultErrorShape(error);
  if (shape.code === 'internal') console.error('[api]', error);
  if (res.headersSent) return void res.destroy();
  sendJson(res, statusOf[shape.code], shape, shape.code === 'unauthenticated' ? { ...headers, 'WWW-Authenticate': 'Bearer' } : headers);
}

/**
 * CORS headers for a request, the way the hub answers them: the origin echoed
 * with credentials (`*` is refused when credentials are sent). `undefined` when
 * the origin is not allowed.
 */
export function corsHeaders(req: IncomingMessage, allowed: (origin: string) => boolean): OutgoingHttpHeaders | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return {};
  if (!allowed(origin)) return undefined;
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': 'Content-Disposition, Content-Length',
    Vary: 'Origin',
  };
}

/** Answers a CORS preflight. */
export function preflight(res: ServerResponse, cors: OutgoingHttpHeaders, methods: string) {
  res.writeHead(204, {
    ...cors,
    'Access-Control-Allow-Methods': methods,
    // As the hub contract lists them, the hub's own (x-signalr-user-agent) included: one list for both.
    'Access-Control-Allow-Headers': 'authorization, content-type, x-file-name, x-requested-with, x-signalr-user-agent',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}

/** The bearer token from `Authorization`, else (for plain links) the `access_token` query parameter. */
export function bearerToken(req: IncomingMessage, url: URL): string | undefined {
  const header = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return header?.[1] ?? url.searchParams.get('access_token') ?? undefined;
}

/** Reads a small JSON body; refuses anything over `maxBytes`. */
export async function readJson(req: IncomingMessage, maxBytes = 16 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new ImError('invalid', 'The request body is too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new ImError('invalid', 'The request body is not valid JSON.');
  }
}

export const unauthenticated = () => new ImError('unauthenticated', 'Sign in again: the access token is missing, invalid or expired.');
