// SignalRTransport in Chromium against the real server (started by
// scripts/wtr-hub-server.mjs on another origin, so CORS is real too). The
// transport loads @microsoft/signalr itself, as the bundle does.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { ImError } from '../../src/model/errors.js';
import { SignalRTransport } from '../../src/transport/signalr-transport.js';
import type { ConnectionState, TransportEvent } from '../../src/transport/transport.js';

let server: { url: string; hubUrl: string };
const transports: SignalRTransport[] = [];

/** A transport signed in through the demo endpoint, recording what it tells its listeners. */
async function signIn(userId: string) {
  const transport = new SignalRTransport({
    hubUrl: server.hubUrl,
    // A fresh token on every (re)connect, as the demo page does.
    accessTokenFactory: async () => {
      const res = await fetch(`${server.url}/api/demo/token`, { method: 'POST', body: JSON.stringify({ userId }) });
      return ((await res.json()) as { token: string }).token;
    },
    reconnectDelays: [0, ...Array<number>(50).fill(100)],
    logLevel: 6, // signalR.LogLevel.None: the restart test's failed attempts are expected
  });
  const log: TransportEvent[] = [];
  transport.subscribe((e) => log.push(e));
  transports.push(transport);
  await transport.connect();
  return { transport, log };
}

const states = (log: TransportEvent[]) => log.flatMap((e) => (e.type === 'connection' ? [e.state] : []));
const texts = (log: TransportEvent[]) =>
  log.flatMap((e) => (e.type === 'event' && e.event.type === 'message-created' ? [e.event.message.text] : []));

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

const file = (name: string, size: number, type = 'application/pdf') => new File([new Uint8Array(size)], name, { type });

describe('SignalRTransport in the browser, against the real server', () => {
  before(async () => {
    server = await executeServerCommand('im-hub-server');
  });

  after(async () => {
    await Promise.all(transports.map((t) => t.disconnect()));
  });

  it('lets two people chat live', async () => {
    const kari = await signIn('u-kari');
    const ola = await signIn('u-ola');
    expect(states(kari.log)).to.deep.equal(['connecting', 'connected']);

    const { conversation } = await kari.transport.startConversation({
      recipients: [{ type: 'person', id: 'u-ola' }],
      mode: 'group',
      text: 'Did you finish the lab report?',
      clientId: `wtr-${crypto.randomUUID()}`,
    });
    await waitUntil(() => texts(ola.log).includes('Did you finish the lab report?'), 'Ola to get the message');
    await ola.transport.sendMessage({ conversationId: conversation.id, clientId: `wtr-${crypto.randomUUID()}`, text: 'Almost!' });
    await waitUntil(() => texts(kari.log).includes('Almost!'), 'Kari to get the answer');
  });

  it('uploads with progress, cancels an upload mid-way, and reports refusals as ImErrors', async () => {
    const { transport } = await signIn('u-kari');
    const progress: [number, number][] = [];
    const notes = file('Notater – uke 4.pdf', 3 * 1024 * 1024);
    const attachment = await transport.uploadAttachment(notes, { onProgress: (sent, total) => progress.push([sent, total]) });
    expect(attachment).to.include({ name: 'Notater – uke 4.pdf', size: notes.size, type: 'application/pdf' });
    expect(progress.length).to.be.greaterThan(0);
    expect(progress.at(-1)).to.deep.equal([notes.size, notes.size]);
    const download = await fetch(transport.attachmentUrl(attachment));
    expect(download.status).to.equal(200);
    expect((await download.blob()).size).to.equal(notes.size);

    const controller = new AbortController();
    const big = file('video.mp4', 20 * 1024 * 1024, 'video/mp4');
    let abortedAt = -1;
    const cancelled = await rejection(
      transport.uploadAttachment(big, {
        signal: controller.signal,
        // On a fast loopback the whole body can go in one progress event: the reader
        // cancels before the server has answered, which must still cancel.
        onProgress: (sent) => {
          if (abortedAt < 0) {
            abortedAt = sent;
            controller.abort();
          }
        },
      }),
    );
    expect(cancelled).to.be.instanceOf(DOMException);
    expect((cancelled as DOMException).name).to.equal('AbortError');
    expect(abortedAt).to.be.within(0, big.size);

    const refused = await rejection(transport.uploadAttachment(file('setup.exe', 10, 'application/octet-stream')));
    expect(refused).to.be.instanceOf(ImError);
    expect(refused).to.include({ code: 'file-type-not-allowed', message: "Sorry, you can't send setup.exe" });
    const tooLarge = await rejection(transport.uploadAttachment(file('big.pdf', 20 * 1024 * 1024 + 1)));
    expect(tooLarge).to.include({ code: 'file-too-large' });
  });

  it('reconnects by itself when the server restarts, and catches up on what it missed', async () => {
    const kari = await signIn('u-kari');
    const ola = await signIn('u-ola');
    const { conversation } = await kari.transport.startConversation({
      recipients: [{ type: 'person', id: 'u-ola' }, { type: 'person', id: 'u-emma' }],
      mode: 'group',
      text: 'Before the restart',
      clientId: `wtr-${crypto.randomUUID()}`,
    });
    await waitUntil(() => texts(ola.log).includes('Before the restart'), 'the first message');

    await executeServerCommand('im-hub-restart', { send: { userId: 'u-kari', conversationId: conversation.id, text: 'While you were away' } });
    await waitUntil(() => ola.transport.connectionState === 'connected' && texts(ola.log).includes('While you were away'), 'reconnect and catch-up');
    const after: ConnectionState[] = states(ola.log).slice(-2);
    expect(after).to.deep.equal(['reconnecting', 'connected']);
    expect(texts(ola.log).filter((t) => t === 'While you were away')).to.have.length(1);
  });
});
