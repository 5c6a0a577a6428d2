/**
 * One WebSocket of the hub server: the handshake, then the JSON hub protocol's
 * messages, one at a time and in order; pings, timeouts and the limits that keep a
 * misbehaving client from holding the server's memory.
 */
import { WebSocket, type RawData } from 'ws';
import type { ErrorShape } from '../../src/model/errors.js';
import { encodeHubError } from '../../src/transport/hub-errors.js';
import {
  MessageType,
  ProtocolError,
  checkHandshake,
  closeMessage,
  completionMessage,
  handshakeResponse,
  isObject,
  parseRecords,
  pingMessage,
  writeRecord,
} from './protocol.js';
import type { HubContext, HubSettings } from './settings.js';

/** Most messages a connection may have waiting; beyond, it is flooding and is closed. */
const MAX_PENDING_MESSAGES = 256;
/** Most bytes waiting to go out to one client before it counts as not reading. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Connections with records waiting, flushed together at the end of this turn of the event loop. */
const waiting = new Set<Connection>();

function flushSoon(connection: Connection) {
  if (waiting.size === 0) {
    setImmediate(() => {
      for (const c of waiting) c.flush();
      waiting.clear();
    });
  }
  waiting.add(connection);
}

/** What a connection tells its server, and asks of it. */
export interface ConnectionHost {
  ready(connection: Connection): void;
  gone(connection: Connection, wasReady: boolean): void;
  errorShape(error: unknown, method: string): ErrorShape;
  report(error: unknown): void;
}

/** One WebSocket: handshake, then messages processed one at a time, in order. */
export class Connection {
  private isReady = false;
  private closing = false;
  private queue = Promise.resolve();
  /** Messages received and not yet handled. */
  private pending = 0;
  private lastReceived = Date.now();
  private timer: NodeJS.Timeout;
  private readonly closed: Promise<void>;
  /** Records sent in this turn of the event loop, going out together at its end. */
  private outgoing = '';

  constructor(
    private readonly ws: WebSocket,
    readonly ctx: HubContext,
    private readonly settings: HubSettings,
    private readonly host: ConnectionHost,
  ) {
    this.timer = setTimeout(() => this.fail('Handshake was not received in time.'), settings.handshakeTimeoutMs);
    this.closed = new Promise((resolve) => {
      ws.on('close', () => {
        clearTimeout(this.timer);
        clearInterval(this.timer);
        this.closing = true;
        host.gone(this, this.isReady);
        resolve();
      });
    });
    ws.on('message', (data, isBinary) => {
      try {
        this.receive(data, isBinary);
      } catch (error) {
        host.report(error);
        this.fail('Internal error.');
      }
    });
    // Frame-level faults (bad UTF-8, oversized frames): ws closes the socket itself and 'close' follows.
    ws.on('error', () => {});
  }

  /** Sends a record if the connection is open and past its handshake. */
  send(record: string): boolean {
    if (!this.isReady || this.closing || this.ws.readyState !== WebSocket.OPEN) return false;
    // A client that stops reading would make us buffer every push: let it go and catch up on reconnect.
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.terminate();
      return false;
    }
    // What is sent in one turn of the event loop goes out as one frame (records carry their own
    // separators): a busy hub's many small events to a connection cost one write, not one each.
    if (this.outgoing === '') flushSoon(this);
    this.outgoing += record;
    return true;
  }

  /** Sends what waits, as one frame. */
  flush() {
    waiting.delete(this);
    const frame = this.outgoing;
    this.outgoing = '';
    if (frame !== '' && this.ws.readyState === WebSocket.OPEN) this.ws.send(frame, () => {}); // a failed write surfaces as 'close'
  }

  /** Sends `record` (a Close message) if past the handshake, closes, and resolves once the socket is gone. */
  close(record: string): Promise<void> {
    if (!this.closing) {
      this.send(record);
      this.flush();
      this.closing = true;
      this.ws.close(1000);
      // A peer that never answers the close frame must not hold up shutdown.
      const force = setTimeout(() => this.ws.terminate(), 2_000);
      void this.closed.then(() => clearTimeout(force));
    }
    return this.closed;
  }

  private receive(data: RawData, isBinary: boolean) {
    if (this.closing) return;
    this.lastReceived = Date.now();
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (isBinary) return this.fail('Binary frames are not supported: the JSON protocol uses text frames.');
    if (bytes.length > this.settings.maxMessageBytes) {
      return this.fail(`The message of ${bytes.length} bytes exceeds the limit of ${this.settings.maxMessageBytes} bytes.`);
    }
    let records: unknown[];
    try {
      records = parseRecords(bytes.toString('utf8'));
    } catch (error) {
      return this.fail(error instanceof ProtocolError ? error.message : 'Invalid message.');
    }
    if (!this.isReady) {
      const error = checkHandshake(records.shift());
      if (error) return this.fail(error);
      clearTimeout(this.timer);
      this.ws.send(handshakeResponse());
      this.isReady = true;
      this.timer = setInterval(() => this.tick(), this.settings.pingIntervalMs);
      this.host.ready(this);
    }
    // Invocations run one at a time; a client sending far faster than they complete is flooding.
    this.pending += records.length;
    if (this.pending > MAX_PENDING_MESSAGES) {
      this.fail('Too many messages in flight.');
      return;
    }
    for (const message of records) {
      this.queue = this.queue
        .then(() => this.dispatch(message))
        .catch((error: unknown) => {
          if (!(error instanceof ProtocolError)) this.host.report(error);
          this.fail(error instanceof ProtocolError ? error.message : 'Internal error.');
        })
        .finally(() => this.pending--);
    }
  }

  private async dispatch(message: unknown): Promise<void> {
    if (this.closing) return;
    if (!isObject(message) || typeof message.type !== 'number') throw new ProtocolError('A message must be an object with a numeric type.');
    const { invocationId } = message;
    if (invocationId !== undefined && typeof invocationId !== 'string') throw new ProtocolError('invocationId must be a string.');
    switch (message.type) {
      case MessageType.Invocation: {
        const { target, arguments: args, streamIds } = message;
        if (typeof target !== 'string' || !Array.isArray(args)) {
          return this.refuse(invocationId, 'An invocation needs a target and an arguments array.');
        }
        if (Array.isArray(streamIds) && streamIds.length > 0) {
          return this.refuse(invocationId, 'Streaming arguments are not supported.');
        }
        return this.run(invocationId, target, args);
      }
      case MessageType.StreamInvocation:
        return this.refuse(invocationId, 'Streaming methods are not supported.');
      case MessageType.Close:
        this.flush();
        this.closing = true;
        this.ws.close(1000);
        return;
      case MessageType.Ping:
      case MessageType.StreamItem:
      case MessageType.Completion:
      case MessageType.CancelInvocation:
      case MessageType.Ack:
      case MessageType.Sequence:
        return; // nothing of ours to stream, cancel, acknowledge or resend
      default:
        // Newer message types are ignored, as the spec asks; one awaiting a reply gets an error.
        if (invocationId !== undefined) return this.refuse(invocationId, `Message type ${message.type} is not supported.`);
    }
  }

  private async run(invocationId: string | undefined, target: string, args: unknown[]) {
    let outcome: { result: unknown } | { error: string };
    try {
      outcome = { result: await this.settings.invoke(this.ctx, target, args) };
    } catch (error) {
      outcome = { error: encodeHubError(this.host.errorShape(error, target)) };
    }
    if (invocationId === undefined) return; // sent with `send`: nobody waits for the reply
    let record: string;
    try {
      record = writeRecord(completionMessage(invocationId, outcome));
    } catch (error) {
      record = writeRecord(completionMessage(invocationId, { error: encodeHubError(this.host.errorShape(error, target)) }));
    }
    this.send(record);
  }

  /** Answers a malformed request with an error Completion, or closes if there is nobody to answer. */
  private refuse(invocationId: string | undefined, message: string) {
    if (invocationId === undefined) throw new ProtocolError(message);
    this.send(writeRecord(completionMessage(invocationId, { error: encodeHubError({ code: 'invalid', message }) })));
  }

  private tick() {
    // The client pings every 15 s; silence this long means the peer is gone without a FIN.
    if (Date.now() - this.lastReceived > this.settings.clientTimeoutMs) {
      return this.fail('Server timeout elapsed without receiving a message from the client.');
    }
    this.send(writeRecord(pingMessage));
  }

  /** Before the handshake a handshake error, after it a Close message; then the socket closes. */
  private fail(error: string) {
    if (this.closing) return;
    if (this.isReady) void this.close(writeRecord(closeMessage(error)));
    else {
      if (this.ws.readyState === WebSocket.OPEN) this.ws.send(handshakeResponse(error));
      void this.close('');
    }
  }
}
