import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/reports/reports.js';
import type { ImReports } from '../../src/components/reports/reports.js';
import { ImError } from '../../src/model/errors.js';
import type { Message } from '../../src/model/types.js';
import { demoSchool, seedUsers } from '../../stories/support.js';
import { allByRole, byRole, deepActive, findAllByRole, findByRole, nodesByRole, text, until } from './helpers.js';

type School = Awaited<ReturnType<typeof demoSchool>>;

/** Ola reports the study group, then a message of Kari's in their one-to-one (where reporters are named). */
async function reportSome(s: School) {
  await s.actAs('ola')('reportAbuse', { conversationId: s.ids.group, reason: 'Mean messages' });
  const page = (await s.actAs('ola')('getMessages', { conversationId: s.ids.oneToOne })) as { messages: Message[] };
  const karis = page.messages.find((m) => m.sender.id === seedUsers.kari.id)!;
  await s.actAs('ola')('reportAbuse', { conversationId: s.ids.oneToOne, messageId: karis.id, reason: 'Not about school' });
}

async function reports(as: keyof typeof seedUsers, setup?: (s: School) => Promise<unknown>) {
  const school = await demoSchool({ as, start: false });
  await setup?.(school);
  await school.store.start();
  const el = await fixture<ImReports>(html`<im-reports .store=${school.store}></im-reports>`);
  return { ...school, el };
}

/** The reports, as the buttons of the list named "Reports", once there are `count`. */
const reportsShown = async (el: ImReports, count: number) => findAllByRole<HTMLButtonElement>(await findByRole(el, 'list', 'Reports'), 'button', undefined, count);

/** What a screen reader reads of each report. */
const read = async (el: ImReports) => (await nodesByRole(await byRole(el, 'list', 'Reports'), 'button')).map((b) => b.name);

describe('im-reports', () => {
  it('lists the reports an administrator reviews, newest first, naming the reporter only in a one-to-one, and is accessible', async () => {
    const { el, ids } = await reports('admin', reportSome);
    await reportsShown(el, 2);
    await byRole(el, 'heading', 'Reports');
    const [newest, older] = await read(el);
    expect(newest).to.match(/^(Kari|Ola) Nordmann · Conversation/);
    expect(newest).to.contain('A message was reported');
    expect(newest).to.contain('Reason: Not about school');
    expect(newest).to.contain('Reported by Ola Nordmann');
    expect(older).to.match(/^Maths study group · Group conversation/);
    expect(older).to.contain('The conversation was reported');
    expect(older).to.contain('Reason: Mean messages');
    expect(older).to.not.contain('Reported by');
    expect(el.store!.state.reports.map((r) => r.conversationId)).to.deep.equal([ids.oneToOne, ids.group]);
    await expect(el).to.be.accessible();
  });

  it("lists the reporter's teacher's reports too, but not one on the teacher's own message", async () => {
    const { el } = await reports('per', reportSome);
    await reportsShown(el, 2);
    const kari = await reports('kari', reportSome);
    await reportsShown(kari.el, 1);
    const [only] = await read(kari.el);
    expect(only).to.match(/^Maths study group/);
  });

  it('opens the reported conversation by click and by keyboard', async () => {
    const { el, ids } = await reports('admin', reportSome);
    const items = await reportsShown(el, 2);
    setTimeout(() => items[1].click());
    expect((await oneEvent(el, 'im-conversation-open')).detail).to.deep.equal({ conversationId: ids.group });

    items[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActive() === items[1]).to.equal(true, 'focus on the second report');
    expect(items.map((i) => i.tabIndex)).to.deep.equal([-1, 0], 'one tab stop');
    await sendKeys({ press: 'Home' });
    expect(deepActive() === items[0]).to.equal(true, 'focus on the first report');
    setTimeout(() => sendKeys({ press: 'Enter' }));
    expect((await oneEvent(el, 'im-conversation-open')).detail).to.deep.equal({ conversationId: ids.oneToOne });
  });

  it('goes back with its back button', async () => {
    const { el } = await reports('admin');
    const back = await findByRole(el, 'button', 'Back to conversations');
    setTimeout(() => back.click());
    await oneEvent(el, 'im-back');
  });

  it('says so when there are no reports, and is accessible', async () => {
    const { el } = await reports('admin');
    const [message] = await findAllByRole(el, 'paragraph');
    await until(() => text(message).startsWith('No reports'), 'empty state');
    expect(text(message)).to.equal('No reports. When someone reports abuse to you, it shows up here.');
    expect(message.getAttribute('aria-busy')).to.equal('false');
    expect(await allByRole(el, 'list')).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('adds a new report live', async () => {
    const { el, ids, actAs } = await reports('admin', reportSome);
    await reportsShown(el, 2);
    await actAs('noah')('reportAbuse', { conversationId: ids.maths, reason: 'Spam' });
    await reportsShown(el, 3);
    const [newest] = await read(el);
    expect(newest).to.match(/^Mathematics 9B · Course conversation/);
    expect(newest).to.contain('Reason: Spam');
  });

  it('shows nothing to a student, and does not ask for reports', async () => {
    const school = await demoSchool({ as: 'ola' });
    let asked = 0;
    const load = school.store.loadReports.bind(school.store);
    school.store.loadReports = () => {
      asked++;
      return load();
    };
    const el = await fixture<ImReports>(html`<im-reports .store=${school.store}></im-reports>`);
    await el.updateComplete;
    expect(el.shadowRoot!.children.length).to.equal(0);
    expect(text(el.shadowRoot as unknown as Element)).to.equal('');
    expect(asked).to.equal(0);
  });

  it('says when loading failed, and tries again', async () => {
    const school = await demoSchool({ as: 'admin', start: false });
    await reportSome(school);
    const list = school.transport.listReports;
    school.transport.listReports = async () => {
      throw new ImError('unavailable', 'offline');
    };
    await school.store.start();
    const el = await fixture<ImReports>(html`<im-reports .store=${school.store}></im-reports>`);
    const alert = await findByRole(el, 'alert');
    expect(text(alert)).to.equal('Couldn’t load the reports. No connection. Try again when it is back. Try again');
    await expect(el).to.be.accessible();
    school.transport.listReports = list;
    (await byRole(alert, 'button', 'Try again')).click();
    await reportsShown(el, 2);
    expect(await allByRole(el, 'alert')).to.deep.equal([]);
  });
});
