/**
 * The panel's own transport (SignalRTransport, with the real @microsoft/signalr client)
 * signed in as someone, recording everything it tells its listeners: what the tests
 * read to see what a reader's panel heard, in which order.
 */
import * as signalR from '@microsoft/signalr';
import { SignalRTransport } from '../../src/transport/signalr-transport.js';
import type { TransportEvent } from '../../src/transport/transport.js';

export interface RecordingClient {
  t: SignalRTransport;
  log: TransportEvent[];
}

/** A transport to `hubUrl` with `token`, retrying a reconnect every 50 ms `retries` times (long enough to outlast a restart), connected. */
export async function recordingClient(hubUrl: string, token: () => string, retries = 100): Promise<RecordingClient> {
  const t = new SignalRTransport({
    hubUrl,
    accessTokenFactory: token,
    signalR,
    logLevel: signalR.LogLevel.None,
    reconnectDelays: [0, ...Array<number>(retries).fill(50)],
  });
  const client = { t, log: [] as TransportEvent[] };
  t.subscribe((e) => client.log.push(e));
  await t.connect();
  return client;
}
