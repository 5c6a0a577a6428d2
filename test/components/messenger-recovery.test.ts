// The panel coming back after outages, with the real SignalR client against the real
// server (a server of this file's own, taken down and brought back): what the reader
// sees (the bubble's count, the status line, the list) and what the other person gets.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.js';
import { SignalRTransport } from '../../src/transport/signalr-transport.js';
import { text, until } from './helpers.js';

const server = { server: 'recovery' };
const hub = (command: string, payload: Record<string, unknown> = {}) => executeServerCommand(command, { ...server, ...payload });

let urls: { url: string; hubUrl: string };
before(async () => {
  urls = (await hub('im-hub-server')) as typeof urls;
});
// A test that fails while the server is down leaves it up for the next: one failure, not every one after it.
afterEach(() => hub('im-hub-up'));

/** The real transport for `userId`, its token from the demo endpoint (which fails while the server is down); it gives up after a few quick tries. */
function transportFor(userId: string) {
  return new SignalRTransport({
    hubUrl: urls.hubUrl,
    accessTokenFactory: async () => {
      const res = await fetch(`${urls.url}/api/demo/token`, { method: 'POST', body: JSON.stringify({ userId }) });
      return ((await res.json()) as { token: string }).token;
    },
    reconnectDelays: [0, 100, 100],
    logLevel: 6, // None: the failed attempts are the point
  });
}

/** Ola's panel on the real server, connected, and her one-to-one with Kari. */
async function olaConnected() {
  const el = await fixture<ImMessenger>(html`<im-messenger .transport=${transportFor('u-ola')}></im-messenger>`);
  await until(() => el.messengerStore?.state.listState === 'loaded', 'connected');
  const store = el.messengerStore!;
  const conversationId = store.state.order.map((id) => store.state.conversations.get(id)!).find((c) => c.kind === 'one-to-one' && c.peer?.id === 'u-kari')!.id;
  return { el, store, conversationId };
}

const bubbleName = (el: ImMessenger) => el.shadowRoot!.querySelector('im-chat-bubble')!.shadowRoot!.querySelector('button')!.getAttribute('aria-label');
const statusLine = (el: ImMessenger) => text(el.shadowRoot!.querySelector('im-panel')?.shadowRoot?.querySelector('.connection'));

describe('im-messenger coming back (real client, real server)', () => {
  it('a page loaded while the server is down connects when it is back: badge, list and status right, the host told once', async () => {
    await hub('im-hub-stop');
    const errors: string[] = [];
    const el = await fixture<ImMessenger>(html`<im-messenger .transport=${transportFor('u-ola')} @im-error=${(e: CustomEvent<{ error: { code: string } }>) => errors.push(e.detail.error.code)}></im-messenger>`);
    await until(() => errors.length === 1, 'the host told of the failure');
    el.open = true;
    await until(() => statusLine(el) !== '', 'the status shown');
    expect(statusLine(el)).to.equal('Offline. We keep trying; messages you send will go out when the connection is back.');
    expect(bubbleName(el)).to.equal('Messages');
    await new Promise((r) => setTimeout(r, 1500));
    expect(errors, 'once per outage, not per attempt').to.deep.equal(['unavailable']);

    await hub('im-hub-start');
    await until(() => /^Messages, \d+ unread$/.test(bubbleName(el) ?? ''), 'the count on the bubble', 15_000);
    await until(() => statusLine(el) === '', 'the status cleared');
    const list = el.shadowRoot!.querySelector('im-panel')!.shadowRoot!.querySelector('im-conversation-list')!;
    await until(() => list.shadowRoot!.querySelectorAll('[part="item"]').length > 0, 'the list');
    el.remove();
  });

  it('after the client gives up, it comes back when the server does (at once when the browser is back online), and sends what was written meanwhile once', async () => {
    const { el, store, conversationId } = await olaConnected();

    await hub('im-hub-stop');
    await until(() => store.state.connection === 'disconnected', 'the client gave up');
    const words = `Written while the server was down ${Date.now()}`;
    void store.send(conversationId, { text: words });
    expect(store.state.outbox.map((p) => p.status)).to.deep.equal(['pending']);

    await hub('im-hub-start');
    window.dispatchEvent(new Event('online'));
    await until(() => store.state.connection === 'connected' && store.state.outbox.length === 0, 'back, and sent', 8_000);
    const stored = (await hub('im-hub-messages', { userId: 'u-kari', conversationId })) as string[];
    expect(stored.filter((t) => t === words)).to.have.length(1);
    el.remove();
  });

  it('a reload while the server is down keeps what was written: shown again, and sent once when the server is back', async () => {
    const { el: first, store, conversationId } = await olaConnected();
    await hub('im-hub-stop');
    await until(() => store.state.connection !== 'connected', 'the connection lost');
    const words = `Written before the reload ${Date.now()}`;
    void store.send(conversationId, { text: words });
    store.setDraft(conversationId, 'And a thought not yet sent');
    await store.saveNow();
    first.remove();

    const second = await fixture<ImMessenger>(html`<im-messenger .transport=${transportFor('u-ola')}></im-messenger>`);
    await until(() => second.messengerStore?.state.outbox.length === 1, 'shown again after the reload');
    const again = second.messengerStore!;
    expect(again.state.outbox[0]).to.include({ text: words, status: 'pending' });
    expect(again.state.drafts.get(conversationId)).to.equal('And a thought not yet sent');
    await hub('im-hub-start');
    await until(() => again.state.connection === 'connected' && again.state.outbox.length === 0, 'sent once the server is back', 15_000);
    const stored = (await hub('im-hub-messages', { userId: 'u-kari', conversationId })) as string[];
    expect(stored.filter((t) => t === words)).to.have.length(1);
    second.remove();
  });

  it('when the server no longer has all it missed (reset), it reloads the badge, the list and the open history once connected, with no error shown', async () => {
    const { el, store, conversationId } = await olaConnected();
    await store.openConversation(conversationId);
    await hub('im-hub-stop');
    // 60 messages while Ola is away: more than this server's log keeps (50).
    await hub('im-hub-start', { missed: { userId: 'u-kari', conversationId, count: 60, text: 'While you were away' } });
    await until(() => store.state.windows.get(conversationId)?.messages.some((m) => m.text === 'While you were away 60') ?? false, 'the open history reloaded', 15_000);
    await until(() => store.state.conversations.get(conversationId)?.lastMessage?.text === 'While you were away 60', 'the list reloaded');
    const unread = store.state.conversations.get(conversationId)!.unreadCount;
    expect(unread).to.be.at.least(60);
    await until(() => /^Messages, \d+ unread$/.test(bubbleName(el) ?? '') && store.state.unread >= 60, 'the badge reloaded');
    expect(store.state.listState).to.equal('loaded');
    expect(store.state.connection).to.equal('connected');
    el.remove();
  });

  it('messages written offline go out in the order written, one written as the connection returns behind them, and a reload with the server back but not yet reached loses none', async () => {
    const { el: first, store, conversationId } = await olaConnected();
    const tag = Date.now();
    await hub('im-hub-stop');
    await until(() => store.state.connection !== 'connected', 'the connection lost');
    for (const letter of ['A', 'B', 'C']) void store.send(conversationId, { text: `${letter} ${tag}` });
    await store.saveNow();
    first.remove();

    // The reload happens as the server comes back, before this page has reached it.
    await hub('im-hub-start');
    const second = await fixture<ImMessenger>(html`<im-messenger .transport=${transportFor('u-ola')}></im-messenger>`);
    await until(() => second.messengerStore?.state.outbox.length === 3, 'the three shown again');
    const again = second.messengerStore!;
    await until(() => again.state.connection === 'connected', 'connected', 15_000);
    void again.send(conversationId, { text: `D ${tag}` });
    await until(() => again.state.outbox.length === 0, 'all sent');
    const stored = ((await hub('im-hub-messages', { userId: 'u-kari', conversationId })) as string[]).filter((t) => t.endsWith(` ${tag}`));
    expect(stored).to.deep.equal([`A ${tag}`, `B ${tag}`, `C ${tag}`, `D ${tag}`]);
    second.remove();
  });
});
