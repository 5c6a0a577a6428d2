/**
 * The SignalR JSON hub protocol: framing and message shapes.
 * Spec: https://github.com/dotnet/aspnetcore/blob/main/src/SignalR/docs/specs/HubProtocol.md
 */

/** Ends every record, handshake included ("JSON records are separated by 0x1E"). */
export const RECORD_SEPARATOR = '\x1e';

/** Hub message types. Ack and Sequence belong to stateful reconnect, which we never negotiate. */
export const MessageType = {
  Invocation: 1,
  StreamItem: 2,
  Completion: 3,
  StreamInvocation: 4,
  CancelInvocation: 5,
  Ping: 6,
  Close: 7,
  Ack: 8,
  Sequence: 9,
} as const;

/** A peer broke the protocol; the message is safe to show to that peer. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Splits a text frame into its JSON records; throws a `ProtocolError` on a partial record or invalid JSON. */
export function parseRecords(text: string): unknown[] {
  if (!text.endsWith(RECORD_SEPARATOR)) {
    throw new ProtocolError('Incomplete message: every record must end with the 0x1E record separator.');
  }
  return text
    .slice(0, -1)
    .split(RECORD_SEPARATOR)
    .map((record, index) => {
      try {
        return JSON.parse(record) as unknown;
      } catch {
        throw new ProtocolError(`Record ${index + 1} of the message is not valid JSON.`);
      }
    });
}

/** Serialises one message as a record; throws if it is not JSON-serialisable. */
export function writeRecord(message: object): string {
  return JSON.stringify(message) + RECORD_SEPARATOR;
}

/** Checks a handshake request; returns the error to answer with, or `undefined` when it is accepted. */
export function checkHandshake(request: unknown): string | undefined {
  if (!isObject(request) || typeof request.protocol !== 'string' || typeof request.version !== 'number') {
    return 'The handshake request is invalid.';
  }
  if (request.protocol !== 'json') return `The protocol '${request.protocol.slice(0, 40)}' is not supported; use 'json'.`;
  // Version 2 only adds stateful reconnect (Ack/Sequence), which stays off unless negotiated.
  if (request.version !== 1 && request.version !== 2) {
    return `Version ${request.version} of the 'json' protocol is not supported.`;
  }
  return undefined;
}

/** The handshake response: `{}` accepts, `{ error }` refuses. */
export function handshakeResponse(error?: string): string {
  return writeRecord(error === undefined ? {} : { error });
}

/** A call the server makes on the client; no invocation id, so no reply is expected. */
export function invocationMessage(target: string, args: unknown[]) {
  return { type: MessageType.Invocation, target, arguments: args };
}

/** The reply to an invocation: a result (omitted for `undefined`) or an error string. */
export function completionMessage(invocationId: string, outcome: { result: unknown } | { error: string }) {
  return { type: MessageType.Completion, invocationId, ...outcome };
}

/** Keeps the client's server timeout (30 s by default) from elapsing. */
export const pingMessage = { type: MessageType.Ping } as const;

/** Ends the connection; with `allowReconnect` the client's automatic reconnect takes over. */
export function closeMessage(error?: string, allowReconnect?: boolean) {
  return {
    type: MessageType.Close,
    ...(error === undefined ? {} : { error }),
    ...(allowReconnect ? { allowReconnect: true } : {}),
  };
}

/** A plain JSON object, as every hub message must be. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
