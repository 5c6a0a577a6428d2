/**
 * The transport contract: how the panel talks to a backend. Commands are
 * promises that reject with an `ImError` (`{ code, message, details }`);
 * events arrive through `subscribe`, each with the user's sequence number.
 *
 * Implementations: `SignalRTransport` (the default, an ASP.NET Core SignalR
 * hub or our Node hub server) and `MemoryTransport` (the reference backend in
 * the page, for stories, tests and an offline demo). A host may write its own.
 */
import type { CommandArgs, CommandName, CommandResults } from '../model/commands.js';
import type { EventEnvelope } from '../model/events.js';
import type { Attachment, User } from '../model/types.js';

export type { CommandArgs, CommandName, CommandResults } from '../model/commands.js';
export { commandNames } from '../model/commands.js';
export { ImError, type ErrorCode, type ErrorShape } from '../model/errors.js';
export type { EventEnvelope, ImEvent, ImEventType } from '../model/events.js';
export type * from '../model/types.js';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** Every command of the contract, as a method taking its argument object. */
export type Commands = { [K in CommandName]: (args: CommandArgs[K]) => Promise<CommandResults[K]> };

/**
 * What a transport tells its listeners: a backend event, a change of
 * connection state, or `reset` when events were missed beyond recovery and
 * everything must be loaded again.
 */
export type TransportEvent = ({ type: 'event' } & EventEnvelope) | { type: 'connection'; state: ConnectionState } | { type: 'reset' };

export type TransportListener = (event: TransportEvent) => void;

export interface UploadOptions {
  /** Called as bytes go out: `sent` of `total`. */
  onProgress?: (sent: number, total: number) => void;
  /** Aborting cancels the upload; the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
}

export interface Transport extends Commands {
  /** Opens the connection; resolves with the signed-in user. */
  connect(): Promise<User>;
  disconnect(): Promise<void>;
  readonly connectionState: ConnectionState;
  /**
   * Events in sequence order, without gaps or repeats: after a reconnect the
   * transport fetches what it missed (`getEventsSince`) before delivering more.
   * Returns the unsubscribe function.
   */
  subscribe(listener: TransportListener): () => void;
  /** Uploads a file for a later send; the policy (20 MB, allowed types) is enforced by the backend. */
  uploadAttachment(file: File, options?: UploadOptions): Promise<Attachment>;
  /** Where the reader's browser downloads an attachment. */
  attachmentUrl(attachment: Attachment): string;
}
