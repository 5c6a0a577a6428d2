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
  /** What the transport told its listeners (repeats already dropped by its event stream). */
  log: TransportEvent[];
  /** The seq of every `event` frame as it came off the wire, before the transport looks at it: where a server's repeats would show. */
  frames: number[];
}

/** A transport to `hubUrl` with `token`, retrying a reconnect every 50 ms `retries` times (long enough to outlast a restart), connected. */
export async function recordingClient(hubUrl: string, token: () => string, retries = 100): Promise<RecordingClient> {
  const frames: number[] = [];
  // The real client, with one more handler on each connection it builds: the raw frames.
  class Recording extends signalR.HubConnectionBuilder {
    override build() {
      const connection = super.build();
      connection.on('event', (envelope: { seq: number }) => frames.push(envelope.seq));
      return connection;
    }
  }
  const t = new SignalRTransport({
    hubUrl,
    accessTokenFactory: token,
    signalR: { ...signalR, HubConnectionBuilder: Recording },
    logLevel: signalR.LogLevel.None,
    reconnectDelays: [0, ...Array<number>(retries).fill(50)],
  });
  const client = { t, log: [] as TransportEvent[], frames };
  t.subscribe((e) => client.log.push(e));
  await t.connect();
  return client;
}
