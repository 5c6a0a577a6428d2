// A reload (or a crashed tab) loses nothing the reader wrote: drafts and unsent messages
// are kept in IndexedDB, shown again at once, and sent once when the connection is there.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.js';
import { MemoryTransport } from '../../src/transport/memory-transport.js';
import { demoSchool, seedUsers } from '../../stories/support.js';
import { until } from './helpers.js';

async function page(transport: MemoryTransport) {
  return fixture<ImMessenger>(html`<im-messenger .transport=${transport}></im-messenger>`);
}

describe('im-messenger across a reload', () => {
  it('keeps a draft and a message written offline through a reload with the server down, and sends the message once when it is back', async () => {
    const school = await demoSchool({ start: false });
    const first = await page(school.transport);
    await until(() => first.messengerStore?.state.listState === 'loaded', 'loaded');
    const before = first.messengerStore!;
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave(), 'nothing unsent: leaving is not held up').to.equal(false);
    school.transport.goOffline();
    before.setDraft(school.ids.maths, 'Half a thought');
    void before.send(school.ids.oneToOne, { text: 'Written on the bus' });
    expect(before.state.outbox.map((p) => p.status)).to.deep.equal(['pending']);
    expect(leave(), 'leaving with a message unsent asks first').to.equal(true);
    await new Promise((r) => setTimeout(r, 300));
    first.remove();

    // The reload: the server is still down.
    const transport = new MemoryTransport({ backend: school.backend, userId: seedUsers.ola.id });
    transport.reachable = false;
    const second = await page(transport);
    await until(() => second.messengerStore?.state.outbox.length === 1, 'the unsent message shown again');
    const after = second.messengerStore!;
    expect(after.state.outbox[0]).to.include({ text: 'Written on the bus', status: 'pending', conversationId: school.ids.oneToOne });
    expect(after.state.drafts.get(school.ids.maths)).to.equal('Half a thought');
    expect(after.state.connection).to.equal('disconnected');

    transport.reachable = true;
    await until(() => after.state.connection === 'connected' && after.state.outbox.length === 0, 'sent when the server is back', 8_000);
    const { messages } = await school.backend.execute(seedUsers.kari.id, 'getMessages', { conversationId: school.ids.oneToOne, limit: 5 });
    expect(messages.filter((m) => m.text === 'Written on the bus')).to.have.length(1);
    expect(after.state.drafts.get(school.ids.maths)).to.equal('Half a thought');
    second.remove();
  });

  it('does not show one reader’s kept work to another who signs in', async () => {
    const school = await demoSchool({ start: false });
    const first = await page(school.transport);
    await until(() => first.messengerStore?.state.listState === 'loaded', 'loaded');
    first.messengerStore!.setDraft(school.ids.maths, 'Ola’s private draft');
    await first.messengerStore!.saveNow();
    first.remove();

    const kari = await page(new MemoryTransport({ backend: school.backend, userId: seedUsers.kari.id }));
    await until(() => kari.messengerStore?.state.listState === 'loaded', 'Kari loaded');
    expect(kari.messengerStore!.state.drafts.size).to.equal(0);
    // Kari's page stays a moment, as a page does: what her sign-in forgot is written (in order, before her own save).
    await kari.messengerStore!.saveNow();
    kari.remove();
    const again = await page(new MemoryTransport({ backend: school.backend, userId: seedUsers.ola.id }));
    await until(() => again.messengerStore?.state.listState === 'loaded', 'Ola again');
    expect(again.messengerStore!.state.drafts.size, 'forgotten once someone else signed in').to.equal(0);
    again.remove();
  });
});
