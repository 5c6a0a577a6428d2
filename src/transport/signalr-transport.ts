import type * as SignalR from '@microsoft/signalr';
import { commandNames, type CommandArgs, type CommandName, type CommandResults } from '../model/commands.js';
import { ImError, isErrorShape, type ErrorCode } from '../model/errors.js';
import type { EventEnvelope } from '../model/events.js';
import type { Attachment, User } from '../model/types.js';
import { EventStream } from './event-stream.js';
import { decodeHubError } from './hub-errors.js';
import type { Commands, ConnectionState, Transport, TransportListener, UploadOptions } from './transport.js';

/** What the transport uses of `@microsoft/signalr`; pass the module to load it lazily or share one copy. */
export type SignalRModule = Pick<typeof SignalR, 'HubConnectionBuilder' | 'LogLevel'>;

export interface SignalRTransportOptions {
  /** The hub's URL, absolute or relative to the page (`/hub`). */
  hubUrl: string;
  /** A bearer token for the signed-in user; called on every (re)connect and upload, so it may hand out fresh ones. */
  accessTokenFactory: () => string | Promise<string>;
  /** Base of the HTTP API (`{apiUrl}/attachments`); default `/api` on the hub's origin. */
  apiUrl?: string;
  /** The `@microsoft/signalr` module; default a dynamic import of it, so a bundle can load it on demand. */
  signalR?: SignalRModule;
  /** Waits (ms) between reconnect attempts; after the last the transport gives up and is `disconnected`. */
  reconnectDelays?: number[];
  /** The client's log level (a `signalR.LogLevel`); default warnings. */
  logLevel?: SignalR.LogLevel;
}

/** The client method the hub pushes events to (server/hub.ts). */
const EVENT_METHOD = 'event';

/** 0 s, 2 s, 5 s, 10 s, then every 30 s: about ten minutes before giving up, a long outage for a school day. */
/** How soon a failed request for a link token is tried again. */
const LINK_TOKEN_RETRY_MS = 30_000;

const defaultReconnectDelays = [0, 2_000, 5_000, 10_000, ...Array<number>(20).fill(30_000)];

/**
 * `HttpTransportType.WebSockets`, the one transport of the hub contract (docs/hub-contract.md);
 * a number here, as the client module loads lazily. Never falling back to long polling or
 * server-sent events lets the bundle leave them out (scripts/build-helpers.mjs).
 */
const WEB_SOCKETS: SignalR.HttpTransportType.WebSockets = 1;

const unavailable = () => new ImError('unavailable', 'Not connected. Try again when the connection is back.');

/**
 * The default transport: an ASP.NET Core SignalR hub (or our Node hub server)
 * through `@microsoft/signalr`, reconnecting by itself. Each command is the hub
 * method of the same name with its one argument object; events arrive as
 * `event(envelope)`. After a reconnect it asks for what it missed
 * (`getEventsSince`) before delivering anything newer, so listeners see every
 * event once, in order. Commands fail with `unavailable` while not connected:
 * retrying a send (same client id) is the store's outbox's job.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- commands are installed per name below
export class SignalRTransport implements Transport {
  private readonly stream = new EventStream();
  private readonly options: SignalRTransportOptions;
  private readonly apiUrl: string;
  private connection: SignalR.HubConnection | undefined;
  private opening: Promise<User> | undefined;
  /** The last token handed out, for `attachmentUrl` which can't wait for a new one. */
  private token = '';
  /** Whether the stream's sequence number is known: the first connect learns it, later ones catch up from it. */
  private known = false;
  /** Whether pushed events may go to the stream; until the sequence is settled they wait in `early`. */
  private synced = false;
  private early: EventEnvelope[] = [];
  /** The download-only token for links (see `attachmentUrl`), or that the backend gives none; and its renewal. */
  private linkToken?: string;
  private linkTimer?: ReturnType<typeof setTimeout>;

  constructor(options: SignalRTransportOptions) {
    this.options = options;
    const base = typeof location === 'undefined' ? undefined : location.href;
    this.apiUrl = (options.apiUrl ?? new URL('/api', new URL(options.hubUrl, base)).href).replace(/\/+$/, '');
    for (const name of commandNames) {
      (this as unknown as Record<CommandName, unknown>)[name] = (args: unknown) => this.invoke(name, args as CommandArgs[typeof name]);
    }
  }

  get connectionState(): ConnectionState {
    return this.stream.state;
  }

  subscribe(listener: TransportListener) {
    return this.stream.subscribe(listener);
  }

  /** Connects (again, after giving up or `disconnect`); concurrent calls share one attempt. */
  connect(): Promise<User> {
    return (this.opening ??= this.open().finally(() => (this.opening = undefined)));
  }

  async disconnect() {
    clearTimeout(this.linkTimer);
    this.linkToken = undefined;
    this.synced = false;
    await this.connection?.stop();
    this.stream.setState('disconnected');
  }

  /**
   * Uploads over HTTP (not the hub): XMLHttpRequest, because fetch can't report
   * upload progress. Outside browsers it falls back to fetch, without progress.
   */
  async uploadAttachment(file: File, { onProgress, signal }: UploadOptions = {}): Promise<Attachment> {
    signal?.throwIfAborted();
    const token = await this.freshToken();
    signal?.throwIfAborted();
    const url = `${this.apiUrl}/attachments`;
    const headers = {
      Authorization: `Bearer ${token}`,
      'X-File-Name': encodeURIComponent(file.name),
      'Content-Type': file.type || 'application/octet-stream',
    };
    if (typeof XMLHttpRequest === 'undefined') {
      const res = await fetch(url, { method: 'POST', headers, body: file, ...(signal ? { signal } : {}) }).catch((error: unknown) => {
        throw signal?.aborted ? error : new ImError('unavailable', 'The upload failed: the server could not be reached.');
      });
      const body: unknown = await res.json().catch(() => undefined);
      if (!res.ok) throw httpError(res.status, body);
      onProgress?.(file.size, file.size);
      return body as Attachment;
    }
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const abort = () => xhr.abort();
      const done = () => signal?.removeEventListener('abort', abort);
      xhr.open('POST', url);
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      xhr.responseType = 'json';
      xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
      xhr.onload = () => {
        done();
        const body: unknown = xhr.response;
        const ok = xhr.status >= 200 && xhr.status < 300;
        if (ok && body && typeof body === 'object' && typeof (body as Attachment).id === 'string') resolve(body as Attachment);
        else if (ok) reject(new ImError('internal', 'The server answered the upload with something that is not a file description.'));
        else reject(httpError(xhr.status, body));
      };
      xhr.onerror = () => {
        done();
        reject(new ImError('unavailable', 'The upload failed: the server could not be reached.'));
      };
      xhr.onabort = () => {
        done();
        reject(new DOMException('The upload was cancelled.', 'AbortError'));
      };
      signal?.addEventListener('abort', abort, { once: true });
      xhr.send(file);
    });
  }

  /**
   * A plain link with a token in the query, so `<a href download>` and `<img src>`
   * work without script. Links end up in history, logs and copies, so the token is
   * a download-only one with a short life (`POST {api}/attachments/link-token`),
   * renewed at half of it while connected; the panel reads the URL again when a link
   * is followed. Only a backend without that endpoint gets the access token in links,
   * as SignalR's own WebSocket URL does. Fetching into a blob URL would keep tokens out of URLs
   * altogether, but costs a whole download (up to 20 MB) before a click.
   */
  attachmentUrl(attachment: Attachment): string {
    // Until the backend has said whether it gives link tokens, no token: a link read again
    // when followed, or a preview that failed once, gets the right one.
    const token = this.linkToken === 'unsupported' ? this.token : this.linkToken;
    const query = token ? `?access_token=${encodeURIComponent(token)}` : '';
    return `${this.apiUrl}/attachments/${encodeURIComponent(attachment.id)}${query}`;
  }

  /** Gets a download-only token for links, and a new one at half its life while connected. */
  private async renewLinkToken() {
    clearTimeout(this.linkTimer);
    let retryInMs = LINK_TOKEN_RETRY_MS;
    try {
      const res = await fetch(`${this.apiUrl}/attachments/link-token`, { method: 'POST', headers: { Authorization: `Bearer ${await this.freshToken()}` } });
      // No such endpoint: this backend has no link tokens, and links carry the access token.
      if (res.status === 404 || res.status === 405) return void (this.linkToken = 'unsupported');
      const body = (await res.json().catch(() => undefined)) as { token?: unknown; expiresInMs?: unknown } | undefined;
      if (res.ok && typeof body?.token === 'string' && typeof body.expiresInMs === 'number') {
        this.linkToken = body.token;
        retryInMs = Math.max(1000, body.expiresInMs / 2);
      }
    } catch {
      // Unreachable for now: try again shortly, the token in hand may still be good.
    }
    const renew = setTimeout(() => this.stream.state === 'connected' && void this.renewLinkToken(), retryInMs);
    // In Node, a pending renewal must not keep the process alive.
    (renew as { unref?: () => void }).unref?.();
    this.linkTimer = renew;
  }

  private async open(): Promise<User> {
    if (this.stream.state === 'connected') return this.invoke('whoAmI', {});
    // The client is reconnecting by itself: a second attempt would only get in its way.
    if (this.stream.state === 'reconnecting') throw unavailable();
    this.stream.setState('connecting');
    let connection: SignalR.HubConnection | undefined;
    try {
      connection = await this.hubConnection();
      await connection.start();
      const user = await connection.invoke<User>('whoAmI', {});
      await this.sync(connection);
      this.stream.setState('connected');
      void this.renewLinkToken();
      return user;
    } catch (error) {
      this.synced = false;
      await connection?.stop().catch(() => undefined);
      this.stream.setState('disconnected');
      throw connectError(error);
    }
  }

  /**
   * Settles the sequence number: the first time, the backend's latest (the
   * caller loads the rest); later, every event after the last one seen.
   */
  private async sync(connection: SignalR.HubConnection) {
    const fetch = (seq: number) => connection.invoke<CommandResults['getEventsSince']>('getEventsSince', { seq });
    if (!this.known) {
      const { latestSeq } = await fetch(Number.MAX_SAFE_INTEGER);
      this.stream.startAt(latestSeq);
      this.known = true;
      this.release();
      return;
    }
    // catchUp holds live events from its first (synchronous) step, so releasing right after keeps them in order.
    const caughtUp = this.stream.catchUp(fetch);
    this.release();
    await caughtUp;
  }

  private release() {
    this.synced = true;
    const early = this.early;
    this.early = [];
    early.forEach((envelope) => this.stream.push(envelope));
  }

  private async hubConnection(): Promise<SignalR.HubConnection> {
    if (this.connection) return this.connection;
    const signalR = this.options.signalR ?? (await import('@microsoft/signalr'));
    if (this.connection) return this.connection;
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(this.options.hubUrl, { transport: WEB_SOCKETS, accessTokenFactory: () => this.freshToken() })
      .withAutomaticReconnect(this.options.reconnectDelays ?? defaultReconnectDelays)
      .configureLogging(this.options.logLevel ?? signalR.LogLevel.Warning)
      .build();
    connection.on(EVENT_METHOD, (envelope: EventEnvelope) => {
      if (typeof envelope?.seq !== 'number') return;
      if (this.synced) this.stream.push(envelope);
      else this.early.push(envelope);
    });
    connection.onreconnecting(() => {
      this.synced = false;
      this.stream.setState('reconnecting');
    });
    connection.onreconnected(() => {
      this.sync(connection).then(
        () => {
          this.stream.setState('connected');
          void this.renewLinkToken();
        },
        // Dropped again: the client's next reconnect tries anew. Connected but refused: start over by hand.
        () => (connection.state === 'Connected' ? connection.stop().catch(() => undefined) : undefined),
      );
    });
    connection.onclose(() => {
      this.synced = false;
      this.early = []; // the next connect catches up on them anyway
      // During `open` the attempt reports its own outcome.
      if (!this.opening) this.stream.setState('disconnected');
    });
    return (this.connection = connection);
  }

  private async freshToken(): Promise<string> {
    this.token = await this.options.accessTokenFactory();
    return this.token;
  }

  private async invoke<K extends CommandName>(name: K, args: CommandArgs[K]): Promise<CommandResults[K]> {
    const connection = this.connection;
    if (this.stream.state !== 'connected' || !connection) throw unavailable();
    try {
      return await connection.invoke<CommandResults[K]>(name, args);
    } catch (error) {
      // A hub refusal carries its ImError; anything else is the connection failing under the call.
      throw decodeHubError(error instanceof Error ? error.message : String(error)) ?? unavailable();
    }
  }
}

// The commands are installed in the constructor, one per contract name.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface SignalRTransport extends Commands {}

/** A failed start: a refused token is `unauthenticated`, the rest `unavailable`. */
function connectError(error: unknown): ImError {
  if (error instanceof ImError) return error;
  // The client wraps negotiate's HttpError in a plain one, keeping only its text ("…Status code '401'").
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (status === 401 || (error instanceof Error && /Status code '401'/.test(error.message))) return new ImError('unauthenticated', 'Sign in again: the server did not accept the access token.');
  const decoded = error instanceof Error ? decodeHubError(error.message) : undefined;
  return decoded ?? new ImError('unavailable', 'Could not connect to the messaging server.');
}

/** The server's `{ code, message }` for a failed HTTP request, or one made from its status. */
function httpError(status: number, body: unknown): ImError {
  if (isErrorShape(body)) return ImError.from(body);
  const codes: Record<number, ErrorCode> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found', 413: 'file-too-large', 415: 'file-type-not-allowed' };
  const code = codes[status] ?? (status >= 500 || status === 0 ? 'unavailable' : 'invalid');
  return new ImError(code, `The upload failed (HTTP ${status}).`);
}
