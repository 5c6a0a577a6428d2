/**
 * Demo sign-in: anyone may become any seeded person. Mounted only in demo mode,
 * never beside real accounts.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Backend } from '../src/backend/backend.js';
import { seedUsers } from '../src/backend/seed.js';
import { ImError } from '../src/model/errors.js';
import type { TokenAuth } from './auth.js';
import { readJson, sendJson } from './http.js';

/** How long a demo token lasts; the demo page asks for a fresh one on every (re)connect anyway. */
const DEMO_TOKEN_TTL = 12 * 60 * 60 * 1000;

/** `GET {prefix}/users`: the seeded named people; `POST {prefix}/token {userId}`: a token for one of them. */
export function demoRoutes({ backend, auth, prefix = '/api/demo' }: { backend: Backend; auth: TokenAuth; prefix?: string }) {
  const named = new Set<string>(Object.values(seedUsers).map((u) => u.id));
  const find = async (id: unknown) =>
    typeof id === 'string' && named.has(id) ? backend.run((storage) => storage.getUser(id)) : undefined;

  return async (req: IncomingMessage, res: ServerResponse, url: URL, cors: OutgoingHttpHeaders): Promise<boolean> => {
    if (url.pathname === `${prefix}/users` && req.method === 'GET') {
      const users = await backend.run((storage) => storage.getUsers([...named]));
      sendJson(res, 200, users.map(({ id, name, title, role }) => ({ id, name, title, role })), cors);
      return true;
    }
    if (url.pathname === `${prefix}/token` && req.method === 'POST') {
      const body = await readJson(req);
      const user = await find((body as { userId?: unknown } | null)?.userId);
      if (!user) throw new ImError('not-found', 'There is no such demo user.');
      sendJson(res, 200, { token: auth.issue(user.id, DEMO_TOKEN_TTL), user }, cors);
      return true;
    }
    return false;
  };
}
