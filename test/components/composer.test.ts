import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/components/composer/composer.js';
import type { ImComposer } from '../../src/components/composer/composer.js';
import { demoSchool } from '../../stories/support.js';
import { text, until } from './helpers.js';

async function composer(latency = 0) {
  const school = await demoSchool({ latency });
  const el = await fixture<ImComposer>(
    html`<im-composer .store=${school.store} conversation-id=${school.ids.group} recipient-name="Maths study group"></im-composer>`,
  );
  return { ...school, el };
}

const $ = <T extends HTMLElement = HTMLElement>(el: ImComposer, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const file = (name: string, size: number, type = 'application/pdf') => new File([new Uint8Array(size)], name, { type });

describe('im-composer', () => {
  it('is accessible empty, with files, with errors and replying', async () => {
    const { el, store, ids } = await composer();
    const field = $<HTMLTextAreaElement>(el, 'textarea');
    expect(field.getAttribute('aria-label')).to.equal('Write message to Maths study group…');
    expect(field.getAttribute('enterkeyhint')).to.equal('send');
    await expect(el).to.be.accessible();
    el.addFiles([file('notes.pdf', 1000), file('game.exe', 10, 'application/x-msdownload')]);
    await until(() => !!$(el, '.file .size'), 'uploaded');
    await expect(el).to.be.accessible();
    await store.openConversation(ids.group);
    el.replyTo = store.state.windows.get(ids.group)!.messages[0];
    await el.updateComplete;
    expect(text($(el, '.mode'))).to.match(/^Replying to .+: .+/);
    await expect(el).to.be.accessible();
  });

  it("refuses a file type outside the allow-list before uploading, with the spec's words", async () => {
    const { el, transport } = await composer();
    let uploads = 0;
    const real = transport.uploadAttachment.bind(transport);
    transport.uploadAttachment = (...args) => (uploads++, real(...args));
    el.addFiles([file('game.exe', 10, 'application/x-msdownload'), file('film.mp4', 20 * 1024 * 1024 + 1, 'video/mp4')]);
    await el.updateComplete;
    const alert = $(el, '[role="alert"]');
    expect([...alert.querySelectorAll('p')].map((p) => text(p))).to.deep.equal([
      'Sorry, you can’t send game.exe',
      'film.mp4 is larger than 20 MB. Sorry, you can’t send it.',
    ]);
    expect(uploads).to.equal(0);
  });

  it('keeps refusals readable on a light page when the system is dark, and the other way round', async () => {
    const { el } = await composer();
    el.addFiles([file('game.exe', 10, 'application/x-msdownload')]);
    await el.updateComplete;
    const refusal = () => getComputedStyle($(el, '[role="alert"] p')).color;
    try {
      // The page is light (no color-scheme), as Canvas is: the red is the one made for white.
      await emulateMedia({ colorScheme: 'dark' });
      expect(refusal()).to.equal('rgb(192, 28, 40)');
      await expect(el).to.be.accessible();
      // A dark page: the lighter red, on the dark Canvas (painted, so axe sees it).
      document.documentElement.style.colorScheme = 'dark';
      document.body.style.background = 'Canvas';
      expect(refusal()).to.equal('rgb(255, 123, 114)');
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.style.colorScheme = '';
      document.body.style.background = '';
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('shows upload progress, can cancel an upload, and sends a file without text', async () => {
    const { el } = await composer(400);
    el.addFiles([file('slow.pdf', 5000), file('keep.pdf', 5000)]);
    await el.updateComplete;
    const bars = el.shadowRoot!.querySelectorAll('progress');
    expect(bars.length).to.equal(2);
    expect(bars[0].getAttribute('aria-label')).to.equal('Uploading slow.pdf');
    const send = $<HTMLButtonElement>(el, '[part="send"]');
    expect(send.disabled).to.equal(true, 'not while uploading');
    $(el, '.file button[aria-label="Cancel upload of slow.pdf"]').click();
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('.file .name')].map((n) => text(n))).to.deep.equal(['keep.pdf']);
    await until(() => !send.disabled, 'uploaded');
    setTimeout(() => send.click());
    const event = await oneEvent(el, 'im-message-send');
    expect(event.detail.text).to.equal('');
    expect(event.detail.attachments.map((a: { name: string }) => a.name)).to.deep.equal(['keep.pdf']);
  });

  it('keeps a draft per conversation', async () => {
    const { el, ids } = await composer();
    $(el, 'textarea').focus();
    await sendKeys({ type: 'Half a thought' });
    el.conversationId = ids.maths;
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, 'textarea').value).to.equal('');
    el.conversationId = ids.group;
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, 'textarea').value).to.equal('Half a thought');
  });

  it('leaves reply mode with Escape', async () => {
    const { el, store, ids } = await composer();
    await store.openConversation(ids.group);
    el.replyTo = store.state.windows.get(ids.group)!.messages[0];
    await el.updateComplete;
    $(el, 'textarea').focus();
    setTimeout(() => sendKeys({ press: 'Escape' }));
    const event = await oneEvent(el, 'im-composer-cancel');
    expect(event.detail).to.deep.equal({ mode: 'reply' });
  });
});
