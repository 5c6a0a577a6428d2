import type { Backend } from '../backend/backend.js';
import { envelopeOf } from '../backend/storage.js';
import { commandNames, type CommandArgs, type CommandName, type CommandResults } from '../model/commands.js';
import { ImError } from '../model/errors.js';
import type { Attachment, User, UserId } from '../model/types.js';
import { EventStream } from './event-stream.js';
import type { Commands, ConnectionState, Transport, TransportListener, UploadOptions } from './transport.js';

export interface MemoryTransportOptions {
  backend: Backend;
  /** Who is signed in. */
  userId: UserId;
  /** Delay of every command in ms, to show loading states in stories. */
  latency?: number;
}

/** Round-trips a value through JSON, as a network would: no shared objects between "client" and "server". */
const wire = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/**
 * The reference backend inside the page: for stories, component tests and a
 * demo without a server. It behaves like a network transport: arguments and
 * results are copied, commands fail with `unavailable` while "offline", and a
 * reconnect catches up on missed events the same way.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- commands are installed per name below
export class MemoryTransport implements Transport {
  private readonly stream = new EventStream();
  private readonly backend: Backend;
  private readonly userId: UserId;
  private readonly latency: number;
  private readonly files = new Map<string, Blob>();
  private readonly urls = new Map<string, string>();
  private unsubscribe: (() => void) | undefined;

  constructor(options: MemoryTransportOptions) {
    this.backend = options.backend;
    this.userId = options.userId;
    this.latency = options.latency ?? 0;
    for (const name of commandNames) {
      (this as unknown as Record<CommandName, unknown>)[name] = (args: unknown) => this.call(name, args as CommandArgs[typeof name]);
    }
  }

  get connectionState(): ConnectionState {
    return this.stream.state;
  }

  subscribe(listener: TransportListener) {
    return this.stream.subscribe(listener);
  }

  async connect(): Promise<User> {
    this.stream.setState('connecting');
    if (!this.reachable) {
      await Promise.resolve();
      this.stream.setState('disconnected');
      throw new ImError('unavailable', 'Could not connect to the messaging server.');
    }
    const user = await this.backend.execute(this.userId, 'whoAmI', {});
    if (this.known) {
      // Connecting again (after giving up): what was missed first, as the SignalR transport does.
      this.listen();
      await this.stream.catchUp((seq) => this.backend.execute(this.userId, 'getEventsSince', { seq }));
    } else {
      const { latestSeq } = await this.backend.execute(this.userId, 'getEventsSince', { seq: Number.MAX_SAFE_INTEGER });
      this.stream.startAt(latestSeq);
      this.known = true;
      this.listen();
    }
    this.stream.setState('connected');
    return wire(user);
  }

  /** Whether the stream's sequence is known: the first connect learns it, later ones catch up from it. */
  private known = false;

  async disconnect() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.stream.setState('disconnected');
  }

  /** Whether the "server" can be reached: while false, `connect` fails as a server that is down does. */
  reachable = true;

  /** Pretends the transport's own reconnect schedule ran out: `disconnected`, until `connect` is called again. */
  giveUp() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.stream.setState('disconnected');
  }

  /** Pretends the network dropped: commands fail and events are missed until `reconnect`. */
  goOffline() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.stream.setState('reconnecting');
  }

  /** Comes back and catches up on what was missed, as the SignalR transport does. */
  async reconnect() {
    this.listen();
    await this.stream.catchUp((seq) => this.backend.execute(this.userId, 'getEventsSince', { seq }));
    this.stream.setState('connected');
  }

  async uploadAttachment(file: File, options: UploadOptions = {}): Promise<Attachment> {
    options.signal?.throwIfAborted();
    this.requireConnected();
    const attachment = await this.backend.registerAttachment(this.userId, { name: file.name, size: file.size, type: file.type });
    await this.delay();
    options.signal?.throwIfAborted();
    this.files.set(attachment.id, file);
    options.onProgress?.(file.size, file.size);
    return wire(attachment);
  }

  attachmentUrl(attachment: Attachment): string {
    const file = this.files.get(attachment.id);
    if (!file) return '#';
    let url = this.urls.get(attachment.id);
    if (!url) this.urls.set(attachment.id, (url = URL.createObjectURL(file)));
    return url;
  }

  private listen() {
    this.unsubscribe ??= this.backend.onEvent((userId, stored) => {
      if (userId === this.userId) this.stream.push(wire(envelopeOf(stored)));
    });
  }

  private requireConnected() {
    if (this.stream.state !== 'connected') throw new ImError('unavailable', 'Not connected. Try again when the connection is back.');
  }

  private async call<K extends CommandName>(name: K, args: CommandArgs[K]): Promise<CommandResults[K]> {
    this.requireConnected();
    await this.delay();
    return wire(await this.backend.execute(this.userId, name, wire(args)));
  }

  private delay() {
    return this.latency > 0 ? new Promise((done) => setTimeout(done, this.latency)) : Promise.resolve();
  }
}

// The commands are installed in the constructor, one per contract name.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface MemoryTransport extends Commands {}
