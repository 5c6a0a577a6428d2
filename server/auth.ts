/**
 * Bearer tokens: `base64url(userId).expiry.signature` (`….expiry.files.signature` for
 * a download-only token), the signature an HMAC-SHA256 over what precedes it.
 * Stateless, so a restarted server (same secret) still accepts the tokens it gave out. A real LMS would hand the panel its own tokens;
 * these serve the demo and the tests.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What a token may do: `hub` everything (the hub, uploads, downloads); `files` only
 * download, for links, which end up in places a header doesn't (history, logs, copies).
 */
export type TokenScope = 'hub' | 'files';

export interface TokenAuth {
  /** A token for `userId`, valid for `ttlMs` (1 hour by default). */
  issue(userId: string, ttlMs?: number, scope?: TokenScope): string;
  /** The user a token stands for if it has one of `scopes` (`hub` by default); `undefined` if it is missing, malformed, forged, expired or of another scope. */
  verify(token: string | undefined, scopes?: readonly TokenScope[]): string | undefined;
  /** How long a good token has left (ms); 0 for any other. */
  remainingMs(token: string | undefined, scopes?: readonly TokenScope[]): number;
}

export interface TokenAuthOptions {
  /** The HMAC key; `IM_TOKEN_SECRET`, else random per process (tokens then die with the process). */
  secret?: string;
  /** Clock, for tests. */
  now?: () => number;
}

const HOUR = 60 * 60 * 1000;

/** Issues and checks signed bearer tokens. */
export function tokenAuth({ secret = process.env.IM_TOKEN_SECRET, now = Date.now }: TokenAuthOptions = {}): TokenAuth {
  const key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

  return {
    issue(userId, ttlMs = HOUR, scope = 'hub') {
      const payload = `${Buffer.from(userId, 'utf8').toString('base64url')}.${Math.floor(now() + ttlMs).toString(36)}${scope === 'files' ? '.files' : ''}`;
      return `${payload}.${sign(payload)}`;
    },

    verify(token, scopes = ['hub']) {
      if (typeof token !== 'string' || token.length > 1000) return undefined;
      const match = /^([\w-]+)\.([0-9a-z]+)(\.files)?\.([\w-]+)$/.exec(token);
      if (!match) return undefined;
      const [, user, expiry, files, signature] = match;
      if (!scopes.includes(files ? 'files' : 'hub')) return undefined;
      // Compared as written, not as decoded: base64url's last character carries unused bits,
      // so decoding would take several spellings of one signature. One token, one spelling.
      const expected = Buffer.from(sign(`${user}.${expiry}${files ?? ''}`), 'ascii');
      const given = Buffer.from(signature, 'ascii');
      // Constant time, so the signature can't be guessed byte by byte.
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      if (parseInt(expiry, 36) <= now()) return undefined;
      const userId = Buffer.from(user, 'base64url').toString('utf8');
      if (Buffer.from(userId, 'utf8').toString('base64url') !== user) return undefined;
      return userId || undefined;
    },

    remainingMs(token, scopes) {
      if (!this.verify(token, scopes)) return 0;
      return Math.max(0, parseInt(token!.split('.')[1], 36) - now());
    },
  };
}

/**
 * The signed-in user a request's token stands for, if the token is good **and** the user
 * still exists: a correctly signed token of someone deleted since is refused (401) like a
 * forged one, rather than let through to fail later as "not found".
 */
export function userOfToken(auth: TokenAuth, exists: (userId: string) => Promise<boolean>) {
  return async (token: string | undefined, scopes?: readonly TokenScope[]): Promise<string | undefined> => {
    const userId = auth.verify(token, scopes);
    return userId && (await exists(userId)) ? userId : undefined;
  };
}
