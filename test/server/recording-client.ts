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
  /**
   * The seq of every `event` frame as it came off the wire, before the transport looks at
   * it, a list per connection (a reconnect starts the next): where a server's repeats would
   * show. Across a reconnect an event may come again (the new instance counts from its own
   * start); the transport drops those, and the test looks within one connection.
   */
  frames: number[][];
}

/** A transport to `hubUrl` with `token`, retrying a reconnect every 50 ms `retries` times (long enough to outlast a restart), connected. */
export async function recordingClient(hubUrl: string, token: () => string, retries = 100): Promise<RecordingClient> {
  const frames: number[][] = [[]];
  // The real client, with one more handler on each connection it builds: the raw frames.
  class Recording extends signalR.HubConnectionBuilder {
    override build() {
      const connection = super.build();
      connection.on('event', (envelope: { seq: number }) => frames.at(-1)!.push(envelope.seq));
      connection.onreconnecting(() => frames.push([]));
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
