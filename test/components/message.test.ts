import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/message/message.js';
import type { ImMessage } from '../../src/components/message/message.js';
import type { Message } from '../../src/model/types.js';
import type { PendingMessage } from '../../src/state/store.js';
import { ImError } from '../../src/model/errors.js';
import { accessibleNames, text, until } from './helpers.js';

const kari = { id: 'u-kari', name: 'Kari Nordmann', title: 'Teacher', role: 'teacher' as const };
const base: Message = {
  id: 'm1',
  conversationId: 'c1',
  seq: 7,
  sender: kari,
  createdAt: new Date(2026, 10, 23, 10, 42).getTime(),
  text: 'Hello\nclass',
  attachments: [],
  status: 'normal',
};

async function render(message: Partial<Message>, options: { mine?: boolean; actions?: string[] } = {}) {
  const el = await fixture<ImMessage>(
    html`<im-message
      .message=${{ ...base, ...message }}
      ?mine=${options.mine ?? false}
      .actions=${options.actions ?? ['reply', 'forward']}
      .attachmentUrl=${(a: { id: string }) => `/files/${a.id}`}
    ></im-message>`,
  );
  return el;
}

const $ = (el: ImMessage, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

describe('im-message', () => {
  it('is accessible with text, files, a quote and a share', async () => {
    const el = await render({
      attachments: [
        { id: 'a1', name: 'report.pdf', size: 123_456, type: 'application/pdf' },
        { id: 'a2', name: 'photo.png', size: 2_000, type: 'image/png' },
      ],
      replyTo: { messageId: 'm0', conversationId: 'c1', seq: 3, senderName: 'Ola Nordmann', text: 'Is it on Wednesday?', attachmentNames: [], createdAt: 0, gone: false },
    });
    await expect(el).to.be.accessible();
  });

  it('keeps line breaks, and names its options with sender and time', async () => {
    const el = await render({});
    expect($(el, '.text')!.textContent).to.equal('Hello\nclass');
    expect(getComputedStyle($(el, '.text')!).whiteSpace).to.equal('pre-wrap');
    const trigger = $(el, 'im-menu')!.shadowRoot!.querySelector('[part="trigger"]')!;
    expect(trigger.getAttribute('aria-label')).to.equal('More options for message from Kari Nordmann, 10:42, “Hello”');
  });

  it('shows files with name and size, downloadable, and previews images', async () => {
    const el = await render({
      text: '',
      attachments: [
        { id: 'a1', name: 'report.pdf', size: 123_456, type: 'application/pdf' },
        { id: 'a2', name: 'photo.png', size: 2_000, type: 'image/png' },
      ],
    });
    const files = [...el.shadowRoot!.querySelectorAll('a.file')];
    expect(files.map((a) => text(a.querySelector('.file-name')))).to.deep.equal(['report.pdf', 'photo.png']);
    expect(text(files[0].querySelector('.file-size'))).to.contain('121 kB');
    expect(files[0].getAttribute('href')).to.equal('/files/a1');
    expect(files[0].hasAttribute('download')).to.equal(true);
    expect(await accessibleNames('link')).to.deep.equal(['Download report.pdf, 121 kB', 'Download picture photo.png, 2 kB'], 'what a screen reader reads');
    const img = $(el, 'img.preview') as HTMLImageElement;
    expect(img.getAttribute('src')).to.equal('/files/a2');
    // The link after it names the picture; an alt text would say the file name twice.
    expect(img.getAttribute('alt')).to.equal('');
  });

  it('reads a file’s URL again when its link is followed or its preview fails (link tokens are short-lived)', async () => {
    let token = 1;
    const el = await fixture<ImMessage>(
      html`<im-message
        .message=${{ ...base, text: '', attachments: [{ id: 'a1', name: 'photo.png', size: 2_000, type: 'image/png' }] }}
        .attachmentUrl=${(a: { id: string }) => `/files/${a.id}?access_token=t${token}`}
      ></im-message>`,
    );
    const link = $(el, 'a.file')!;
    expect(link.getAttribute('href')).to.equal('/files/a1?access_token=t1');
    token = 2;
    link.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    expect(link.getAttribute('href')).to.equal('/files/a1?access_token=t2', 'the link as copied');
    token = 3;
    const img = $(el, 'img.preview') as HTMLImageElement;
    await until(() => img.complete, 'the first preview failed');
    await until(() => img.getAttribute('src') === '/files/a1?access_token=t3', 'the preview asked again');
  });

  it('says "edited", and what happened to a deleted or removed message, without its options', async () => {
    expect(text($(await render({ editedAt: base.createdAt + 1000 }), '.edited'))).to.equal('(edited)');
    const deleted = await render({ status: 'deleted', text: '' });
    expect(text($(deleted, '.gone'))).to.equal('This message was deleted');
    expect($(deleted, 'im-menu')).to.equal(null);
    const removed = await render({ status: 'removed', text: '', removedBy: 'Per Hansen' });
    expect(text($(removed, '.gone'))).to.equal('This message was removed by Per Hansen');
  });

  it('shows a shared message with its original sender', async () => {
    const el = await render({
      text: 'Look at this',
      forwarded: { messageId: 'x', conversationId: 'c2', seq: 0, senderName: 'Emma Hansen', text: 'The answers are online', attachmentNames: [], createdAt: 0, gone: false },
    });
    expect(text($(el, '.shared-label'))).to.equal('Shared message from Emma Hansen');
    expect(text($(el, '.shared .text'))).to.equal('The answers are online');
  });

  it('asks to jump to the quoted message', async () => {
    const el = await render({
      replyTo: { messageId: 'm0', conversationId: 'c1', seq: 3, senderName: 'Ola Nordmann', text: 'Is it on Wednesday?', attachmentNames: [], createdAt: 0, gone: false },
    });
    expect(text($(el, '.quote-label'))).to.equal('Reply to Ola Nordmann');
    setTimeout(() => $(el, '.quote')!.click());
    const event = await oneEvent(el, 'im-quote-open');
    expect(event.detail).to.deep.equal({ messageId: 'm0', conversationId: 'c1', seq: 3 });
  });

  it('shows a pending message as sending, and a failed one with Retry and Discard', async () => {
    const pending: PendingMessage = { clientId: 'k1', conversationId: 'c1', text: 'On its way', attachments: [], createdAt: Date.now(), status: 'pending' };
    const el = await fixture<ImMessage>(html`<im-message mine .author=${{ name: 'Ola Nordmann' }} .pending=${pending}></im-message>`);
    expect(text($(el, '.status'))).to.equal('Sending…');
    // The writer's own initials, not a "Y" for "You".
    expect($(el, 'im-avatar')!.getAttribute('name')).to.equal('Ola Nordmann');
    el.pending = { ...pending, status: 'failed', error: new ImError('conversation-closed', 'This conversation is closed.') };
    await el.updateComplete;
    expect(text($(el, '.status.failed'))).to.contain('Not sent. This conversation is closed.');
    await expect(el).to.be.accessible();
    setTimeout(() => $(el, '.status button')!.click());
    expect((await oneEvent(el, 'im-retry')).detail).to.deep.equal({ clientId: 'k1' });
    setTimeout(() => el.shadowRoot!.querySelectorAll<HTMLElement>('.status button')[1].click());
    expect((await oneEvent(el, 'im-discard')).detail).to.deep.equal({ clientId: 'k1' });
  });
  it('shows a file name without bidirectional controls, so "photo<RLO>gnp.txt" can’t pass for "phototxt.png"', async () => {
    const el = await render({ text: '', attachments: [{ id: 'a9', name: 'photo\u202Egnp.txt', size: 13, type: 'text/plain' }] });
    expect(text($(el, '.file-name'))).to.equal('photognp.txt');
    expect($(el, 'a.file')!.getAttribute('download')).to.equal('photognp.txt');
    expect(await accessibleNames('link')).to.include('Download photognp.txt, 13 bytes');
    // Nor in the name of its options button, which quotes the file for a message without text.
    expect((await accessibleNames('button')).filter((n) => n.endsWith('“photognp.txt”'))).to.have.length(1);
  });
});
