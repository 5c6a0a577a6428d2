/**
 * Our convention for structured errors over SignalR. A hub Completion can only
 * carry an error string, and the client rejects `invoke` with a plain Error whose
 * message is that string, sometimes behind a prefix of its own (ASP.NET writes
 * "An unexpected error occurred invoking 'X' on the server. HubException: ").
 * So the shape travels as `ImError {"code":…,"message":…}` at the end of the text.
 */
import { ImError, isErrorShape, type ErrorShape } from '../model/errors.js';

const marker = 'ImError {';

/** Encodes an error shape as a hub error string: `ImError ` followed by its JSON. */
export function encodeHubError({ code, message, details }: ErrorShape): string {
  return `ImError ${JSON.stringify(details === undefined ? { code, message } : { code, message, details })}`;
}

/** Rebuilds the `ImError` encoded at the end of a hub error message; `undefined` if there is none. */
export function decodeHubError(message: string): ImError | undefined {
  // The first marker may sit inside a prefix; the JSON must run to the end, so try each in turn.
  for (let at = message.indexOf(marker); at !== -1; at = message.indexOf(marker, at + 1)) {
    let value: unknown;
    try {
      value = JSON.parse(message.slice(at + marker.length - 1));
    } catch {
      continue;
    }
    if (!isErrorShape(value)) continue;
    const { details } = value as { details?: unknown };
    const plain = typeof details === 'object' && details !== null && !Array.isArray(details);
    return new ImError(value.code, value.message, plain ? (details as Record<string, unknown>) : undefined);
  }
  return undefined;
}
