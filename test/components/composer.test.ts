import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/composer/composer.js';
import type { ImComposer } from '../../src/components/composer/composer.js';
import { demoSchool } from '../../stories/support.js';
import { allByRole, byRole, findByRole, nodesByRole, text } from './helpers.js';

async function composer() {
  const school = await demoSchool();
  const el = await fixture<ImComposer>(
    html`<im-composer .store=${school.store} conversation-id=${school.ids.group} recipient-name="Maths study group"></im-composer>`,
  );
  return { ...school, el };
}

const field = (el: ImComposer) => byRole<HTMLTextAreaElement>(el, 'textbox', 'Write message to Maths study group…');
const file = (name: string, size: number, type = 'application/pdf') => new File([new Uint8Array(size)], name, { type });

describe('im-composer', () => {
  it('is accessible empty, with files, with errors and replying', async () => {
    const { el, store, ids } = await composer();
    expect((await field(el)).getAttribute('enterkeyhint')).to.equal('send');
    await expect(el).to.be.accessible();
    el.addFiles([file('notes.pdf', 1000), file('game.exe', 10, 'application/x-msdownload')]);
    await findByRole(el, 'button', 'Remove notes.pdf');
    await expect(el).to.be.accessible();
    await store.openConversation(ids.group);
    el.replyTo = store.state.windows.get(ids.group)!.messages[0];
    await el.updateComplete;
    const [replying] = await nodesByRole(el, 'textbox', `Reply to ${el.replyTo.sender.name}`);
    expect(replying.description).to.match(/^Replying to .+: .+/);
    await expect(el).to.be.accessible();
  });

  it("refuses a file type outside the allow-list before uploading, with the spec's words", async () => {
    const { el, transport } = await composer();
    let uploads = 0;
    const real = transport.uploadAttachment.bind(transport);
    transport.uploadAttachment = (...args) => (uploads++, real(...args));
    el.addFiles([file('game.exe', 10, 'application/x-msdownload'), file('film.mp4', 20 * 1024 * 1024 + 1, 'video/mp4')]);
    await el.updateComplete;
    const alert = await byRole(el, 'alert');
    expect([...alert.querySelectorAll('p')].map((p) => text(p))).to.deep.equal([
      'Sorry, you can’t send game.exe',
      'film.mp4 is larger than 20 MB. Sorry, you can’t send it.',
    ]);
    expect(uploads).to.equal(0);
  });

  it('shows upload progress, can cancel an upload, and sends a file without text', async () => {
    const { el, transport } = await composer();
    // The uploads wait until the progress has been checked (the accessibility tree takes its time).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const upload = transport.uploadAttachment.bind(transport);
    transport.uploadAttachment = async (...args) => {
      await held;
      return upload(...args);
    };
    el.addFiles([file('slow.pdf', 5000), file('keep.pdf', 5000)]);
    await el.updateComplete;
    const [bars, buttons] = await Promise.all([nodesByRole(el, 'progressbar'), nodesByRole<HTMLButtonElement>(el, 'button')]);
    expect(bars.map((bar) => bar.name)).to.deep.equal(['Uploading slow.pdf', 'Uploading keep.pdf']);
    const button = (name: string) => buttons.find((b) => b.name === name)!.element;
    const send = button('Send');
    expect(send.disabled).to.equal(true, 'not while uploading');
    button('Cancel upload of slow.pdf').click();
    await el.updateComplete;
    const files = await allByRole(el, 'listitem');
    expect(files).to.have.length(1);
    expect(text(files[0])).to.match(/^keep\.pdf\b/);
    expect((await nodesByRole(el, 'button', /slow\.pdf/)).map((b) => b.name)).to.deep.equal([], 'nothing left of slow.pdf');
    release();
    await findByRole(el, 'button', 'Remove keep.pdf');
    expect(send.disabled).to.equal(false, 'uploaded');
    setTimeout(() => send.click());
    const event = await oneEvent(el, 'im-message-send');
    expect(event.detail.text).to.equal('');
    expect(event.detail.attachments.map((a: { name: string }) => a.name)).to.deep.equal(['keep.pdf']);
  });

  it('keeps a draft per conversation', async () => {
    const { el, ids } = await composer();
    const writing = await field(el);
    writing.focus();
    await sendKeys({ type: 'Half a thought' });
    el.conversationId = ids.maths;
    await el.updateComplete;
    expect(writing.value).to.equal('');
    el.conversationId = ids.group;
    await el.updateComplete;
    expect(writing.value).to.equal('Half a thought');
  });

  it('leaves reply mode with Escape', async () => {
    const { el, store, ids } = await composer();
    await store.openConversation(ids.group);
    el.replyTo = store.state.windows.get(ids.group)!.messages[0];
    await el.updateComplete;
    (await byRole(el, 'textbox', `Reply to ${el.replyTo.sender.name}`)).focus();
    setTimeout(() => sendKeys({ press: 'Escape' }));
    const event = await oneEvent(el, 'im-composer-cancel');
    expect(event.detail).to.deep.equal({ mode: 'reply' });
  });
});
