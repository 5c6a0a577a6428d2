import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/message/message.js';
import type { ImMessage } from '../../src/components/message/message.js';
import type { Message } from '../../src/model/types.js';
import type { PendingMessage } from '../../src/state/store.js';
import { ImError } from '../../src/model/errors.js';
import { loadSanitizer } from '../../src/components/message/formatted.js';
import { allByRole, byRole, deepActive, focused, nodesByRole, text, until } from './helpers.js';

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
    const trigger = await byRole(el, 'button', 'More options for message from Kari Nordmann, 10:42, “Hello”');
    expect(trigger.getAttribute('aria-haspopup')).to.equal('menu');
  });

  it('shows files with name and size, downloadable, and previews images', async () => {
    const el = await render({
      text: '',
      attachments: [
        { id: 'a1', name: 'report.pdf', size: 123_456, type: 'application/pdf' },
        { id: 'a2', name: 'photo.png', size: 2_000, type: 'image/png' },
      ],
    });
    const links = await nodesByRole<HTMLAnchorElement>(el, 'link');
    expect(links.map((l) => l.name)).to.deep.equal(['Download report.pdf, 121 kB', 'Download picture photo.png, 2 kB'], 'what a screen reader reads');
    const files = links.map((l) => l.element);
    // What is seen (hidden from the tree, which has the sentence above).
    expect(files.map((a) => text(a.querySelector('.file-name')))).to.deep.equal(['report.pdf', 'photo.png']);
    expect(text(files[0].querySelector('.file-size'))).to.contain('121 kB');
    expect(files[0].getAttribute('href')).to.equal('/files/a1');
    expect(files[0].hasAttribute('download')).to.equal(true);
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
    // Found at once, not through the accessibility tree: the preview's first try fails in the meantime.
    const link = $(el, 'a.file')!;
    expect(link.getAttribute('href')).to.equal('/files/a1?access_token=t1');
    token = 2;
    link.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    expect(link.getAttribute('href')).to.equal('/files/a1?access_token=t2', 'the link as copied');
    token = 3;
    const img = $(el, 'img.preview') as HTMLImageElement;
    await until(() => img.complete, 'the first preview failed');
    await until(() => img.getAttribute('src') === '/files/a1?access_token=t3', 'the preview asked again');
    expect(await byRole(el, 'link', 'Download picture photo.png, 2 kB')).to.equal(link);
  });

  it('says "edited", and what happened to a deleted or removed message, without its options', async () => {
    expect(text($(await render({ editedAt: base.createdAt + 1000 }), '.edited'))).to.equal('(edited)');
    const deleted = await render({ status: 'deleted', text: '' });
    expect(text($(deleted, '.gone'))).to.equal('This message was deleted');
    expect(await allByRole(deleted, 'button')).to.deep.equal([], 'no options');
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
    const [quote] = await nodesByRole(el, 'button', /^Reply to Ola Nordmann\b/);
    expect([quote.name, quote.description]).to.deep.equal(['Reply to Ola Nordmann Is it on Wednesday?', 'Show the original message']);
    expect(text($(el, '.quote-label'))).to.equal('Reply to Ola Nordmann');
    setTimeout(() => quote.element.click());
    const event = await oneEvent(el, 'im-quote-open');
    expect(event.detail).to.deep.equal({ messageId: 'm0', conversationId: 'c1', seq: 3 });
  });

  it('shows the sender’s photo, or their initials when it fails to load', async () => {
    const withPhoto = await render({ sender: { ...kari, avatarUrl: '/docs/panel.png' } });
    await until(() => !!($(withPhoto, '[part="avatar"] img') as HTMLImageElement | null)?.complete, 'the photo loaded');
    expect(($(withPhoto, '[part="avatar"] img') as HTMLImageElement).naturalWidth).to.be.greaterThan(0);
    expect(text($(withPhoto, '[part="avatar"]'))).to.equal('');
    const broken = await render({ sender: { ...kari, avatarUrl: '/no-such-picture.png' } });
    await until(() => text($(broken, '[part="avatar"]')) === 'KN', 'the initials instead');
    expect($(broken, '[part="avatar"] img') === null).to.equal(true);
  });

  it('shows a pending message as sending, and a failed one with Retry and Discard', async () => {
    const pending: PendingMessage = { clientId: 'k1', conversationId: 'c1', text: 'On its way', attachments: [], createdAt: Date.now(), status: 'pending' };
    const el = await fixture<ImMessage>(html`<im-message mine .author=${{ name: 'Ola Nordmann' }} .pending=${pending}></im-message>`);
    expect(text($(el, '.status'))).to.equal('Sending…');
    // The writer's own initials, not a "Y" for "You".
    expect(text($(el, '[part="avatar"]'))).to.equal('ON');
    el.pending = { ...pending, status: 'failed', error: new ImError('conversation-closed', 'This conversation is closed.') };
    await el.updateComplete;
    expect(text($(el, '.status.failed'))).to.contain('Not sent. This conversation is closed.');
    await expect(el).to.be.accessible();
    const retry = await byRole(el, 'button', 'Try again');
    const discard = await byRole(el, 'button', 'Discard');
    setTimeout(() => retry.click());
    expect((await oneEvent(el, 'im-message-retry')).detail).to.deep.equal({ clientId: 'k1' });
    setTimeout(() => discard.click());
    expect((await oneEvent(el, 'im-message-discard')).detail).to.deep.equal({ clientId: 'k1' });
  });
  describe('read status', () => {
    const status = (seen: number, of: number) => ({ conversationId: 'c1', messageId: 'm1', seq: 7, seen, of });
    const mine = (readStatus: ReturnType<typeof status>, oneToOne: boolean) =>
      fixture<ImMessage>(
        html`<div>
          <im-message feed mine role="article" tabindex="0" ?one-to-one=${oneToOne} .message=${{ ...base, text: 'See you at three' }} .actions=${['reply', 'edit']} .readStatus=${readStatus}></im-message>
        </div>`,
      ).then((wrapper) => wrapper.querySelector('im-message')!);

    it('says "Seen" under a message of one-to-one the other person has seen, last in its description, as text with nothing to press', async () => {
      const el = await mine(status(1, 1), true);
      expect(text($(el, '[part="seen"]'))).to.equal('Seen');
      expect($(el, '[part="seen"] button')).to.equal(null);
      el.focus();
      expect(await focused()).to.deep.include({ role: 'article', description: 'See you at three. Seen' });
      await expect(el).to.be.accessible();
    });

    it('elsewhere "Seen by 2 of 3", a button that asks for who; reached by Enter in the feed; in Norwegian "Sett av 2 av 3"', async () => {
      const el = await mine(status(2, 3), false);
      el.focus();
      expect((await focused())?.description).to.equal('See you at three. Seen by 2 of 3');
      await sendKeys({ press: 'Enter' });
      expect(await focused()).to.include({ role: 'button', name: 'Seen by 2 of 3' });
      const button = $(el, '[part="seen"] button')!;
      expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
      const asked = oneEvent(el, 'im-seen-by-open');
      await sendKeys({ press: 'Enter' });
      expect((await asked).detail.message.id).to.equal('m1');
      await expect(el).to.be.accessible();

      el.parentElement!.lang = 'nb';
      await until(() => text($(el, '[part="seen"]')) === 'Sett av 2 av 3', 'Norwegian');
    });

    it('follows the status as it changes, without a live region, and shows none on a deleted message', async () => {
      const el = await mine(status(1, 3), false);
      el.readStatus = status(3, 3);
      await el.updateComplete;
      expect(text($(el, '[part="seen"]'))).to.equal('Seen by 3 of 3');
      expect(el.shadowRoot!.querySelector('[aria-live], [role="status"]')).to.equal(null, 'a change is not announced');
      el.message = { ...base, text: '', status: 'deleted' };
      await el.updateComplete;
      expect($(el, '[part="seen"]')).to.equal(null);
    });
  });

  it('shows a file name without bidirectional controls, so "photo<RLO>gnp.txt" can’t pass for "phototxt.png"', async () => {
    const el = await render({ text: '', attachments: [{ id: 'a9', name: 'photo\u202Egnp.txt', size: 13, type: 'text/plain' }] });
    expect(text($(el, '.file-name'))).to.equal('photognp.txt');
    expect((await byRole(el, 'link', 'Download photognp.txt, 13 bytes')).getAttribute('download')).to.equal('photognp.txt');
    // Nor in the name of its options button, which quotes the file for a message without text.
    expect(await allByRole(el, 'button', /“photognp\.txt”$/)).to.have.length(1);
  });
});

describe('im-message, a platform message’s formatted text', () => {
  const allowed = ['p', 'br', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'a'];
  const weekly = {
    text: 'This week: equations.\n\n• Read pages 60–64.\n\nPractice tests are online.',
    html: '<p>This week: <strong>equations</strong>.</p><ul><li>Read pages 60–64.</li></ul><p><a href="https://example.org/practice">Practice tests</a> are online.</p>',
  };
  const formatted = async (el: ImMessage) => {
    await until(() => !!$(el, '.formatted'), 'the sanitizer loaded and the formatted text shown');
    return $(el, '.formatted')!;
  };
  const pwned = () => (window as { imPwned?: unknown }).imPwned;

  it('shows paragraphs, emphasis, lists and links, and is read by its plain text', async () => {
    const el = await fixture<ImMessage>(html`<im-message feed role="article" tabindex="0" .message=${{ ...base, ...weekly }}></im-message>`);
    const box = await formatted(el);
    expect([...box.children].map((c) => c.localName)).to.deep.equal(['p', 'ul', 'p']);
    expect(text(box.querySelector('p strong'))).to.equal('equations');
    expect([...box.querySelectorAll('ul > li')].map(text)).to.deep.equal(['Read pages 60–64.']);
    const link = await byRole<HTMLAnchorElement>(box, 'link', 'Practice tests');
    expect([link.getAttribute('href'), link.target, link.rel]).to.deep.equal(['https://example.org/practice', '_blank', 'noopener noreferrer']);
    expect(link.tabIndex).to.equal(-1, 'out of the tab order until the reader enters the message, as its other links');
    expect(getComputedStyle(box).whiteSpace).to.equal('normal', 'source line breaks are not shown');
    expect($(el, '.text')).to.equal(null, 'not the plain text too');
    await expect(el).to.be.accessible();
    el.focus();
    const read = await focused();
    expect(read?.description).to.contain('This week: equations.').and.not.contain('<');
  });

  it('runs nothing and keeps nothing but the allowed subset of hostile HTML', async () => {
    delete (window as { imPwned?: unknown }).imPwned;
    const hostile = [
      '<script>window.imPwned = "script"</script>',
      '<img src="x" onerror="window.imPwned = \'img\'">',
      '<iframe src="javascript:parent.imPwned = \'iframe\'"></iframe><iframe srcdoc="<script>parent.imPwned = 1</script>"></iframe>',
      '<style>* { display: none }</style><p style="color: red">styled</p>',
      '<svg onload="window.imPwned = \'svg\'"><script>window.imPwned = "svg script"</script></svg>',
      '<math><mi><a href="javascript:window.imPwned = 1">math</a></mi></math>',
      '<p onclick="window.imPwned = 1" onmouseover="window.imPwned = 1">handlers</p>',
      '<form action="javascript:window.imPwned = 1"><input autofocus onfocus="window.imPwned = \'input\'"><button>Go</button></form>',
      '<details open ontoggle="window.imPwned = \'details\'">x</details>',
      '<noscript><p title="</noscript><img src=x onerror=window.imPwned=\'mxss\'>"></noscript>',
      '<a href="javascript:window.imPwned = 1">js</a>',
      '<a href=" JaVaScRiPt:window.imPwned = 1">js spaced</a>',
      '<a href="java&#9;script:window.imPwned = 1">js tab</a>',
      '<a href="data:text/html,<script>alert(1)</script>">data</a>',
      '<a href="vbscript:msgbox(1)">vb</a><a href="tel:+4712345678">tel</a>',
      '<a href="https://example.org/" onclick="window.imPwned = 1" style="color: red" target="_self" rel="opener" data-x="1" aria-hidden="true">ok</a>',
      '<a href="http://example.org/">http</a><a href="mailto:office@example.org">mail</a>',
    ];
    // One message each: what one payload does to the parse must not hide another.
    const els = [];
    for (const payload of hostile) els.push(await render({ text: 'Hostile', html: payload }));
    const boxes = await Promise.all(els.map(formatted));
    // Give an event handler, a frame or a failed image the time to fire.
    await new Promise((r) => setTimeout(r, 200));
    expect(pwned()).to.equal(undefined);
    const elements = boxes.flatMap((box) => [...box.querySelectorAll('*')]);
    expect(elements.filter((e) => !allowed.includes(e.localName)).map((e) => e.localName)).to.deep.equal([]);
    // Nor anywhere else in the message's body (its ⋯ button outside it has an icon of its own).
    for (const el of els) expect(el.shadowRoot!.querySelector('.body :is(script, style, iframe, img, svg, math, form, input, details, noscript)') === null).to.equal(true);
    const attributes = elements.flatMap((e) => e.getAttributeNames().filter((name) => !(e.localName === 'a' && ['href', 'target', 'rel', 'tabindex'].includes(name))));
    expect(attributes).to.deep.equal([], 'no handlers, styles, data or aria attributes');
    const links = elements.filter((e): e is HTMLAnchorElement => e instanceof HTMLAnchorElement);
    expect(links.filter((a) => a.hasAttribute('href')).map((a) => a.protocol)).to.deep.equal(['https:', 'http:', 'mailto:']);
    for (const a of links) expect([a.target, a.rel]).to.deep.equal(['_blank', 'noopener noreferrer']);
    expect(boxes.map(text)).to.include.members(['styled', 'handlers', 'ok']);
  });

  it('shows a user’s text that looks like HTML as text', async () => {
    delete (window as { imPwned?: unknown }).imPwned;
    await loadSanitizer();
    const typed = '<b>bold</b> <img src=x onerror="window.imPwned = 1"> <a href="https://example.org">x</a>';
    const el = await render({ text: typed });
    await new Promise((r) => setTimeout(r, 100));
    expect($(el, '.text')!.textContent).to.equal(typed);
    expect(el.shadowRoot!.querySelector('.formatted, b, img')).to.equal(null);
    expect(pwned()).to.equal(undefined);
  });

  it('shows nothing of a removed message’s formatted text', async () => {
    await loadSanitizer();
    const el = await render({ ...weekly, text: '', status: 'removed', removedBy: 'Per Hansen' });
    await el.updateComplete;
    expect($(el, '.formatted')).to.equal(null);
    expect(text($(el, '.gone'))).to.equal('This message was removed by Per Hansen');
    expect(el.shadowRoot!.textContent).not.to.contain('equations');
  });

  describe('reactions', () => {
    const reacted = { reactions: [{ emoji: '👍', count: 3, mine: true }, { emoji: '😂', count: 1 }] };
    const who = async (_: Message, emoji: string) => (emoji === '👍' ? ['Emma Hansen', 'You', 'Noah Johansen'] : ['Emma Hansen']);

    async function withReactions(message: Partial<Message> = reacted, actions = ['react', 'reply']) {
      const el = await fixture<ImMessage>(html`<im-message .message=${{ ...base, ...message }} .actions=${actions} .whoReacted=${who}></im-message>`);
      return el;
    }

    it('shows each reaction as a button named by its emoji, its count and whether it is the reader’s, in English and Norwegian', async () => {
      const el = await withReactions();
      const group = await byRole(el, 'group', 'Reactions');
      const buttons = await nodesByRole(group, 'button');
      expect(buttons.map((b) => [b.name, b.description])).to.deep.equal([
        ['👍 3, including you, on the message from Kari Nordmann, 10:42, “Hello”', 'Show who reacted'],
        ['😂 1, on the message from Kari Nordmann, 10:42, “Hello”', 'Show who reacted'],
      ]);
      expect(buttons.map((b) => text(b.element))).to.deep.equal(['👍3', '😂1'], 'what shows is in the name');
      expect(buttons[0].element.getAttribute('aria-haspopup')).to.equal('dialog');
      await expect(el).to.be.accessible();
      el.lang = 'nb';
      await until(() => buttons[0].element.getAttribute('aria-label') === '👍 3, medregnet deg, på meldingen fra Kari Nordmann, 10:42, «Hello»', 'Norwegian');
      expect(await nodesByRole(el, 'group', 'Reaksjoner')).to.have.length(1);
    });

    it('shows no reactions on a deleted message, and none when there are none', async () => {
      expect(await allByRole(await withReactions({ ...reacted, status: 'deleted', text: '' }), 'group', 'Reactions')).to.deep.equal([]);
      expect(await allByRole(await withReactions({}), 'group', 'Reactions')).to.deep.equal([]);
    });

    it('says who reacted in a dialog that takes focus; Escape returns to the button, and the reader’s own toggle reacts', async () => {
      const el = await withReactions();
      const button = await byRole(el, 'button', /^👍 3, including you, on the message from Kari/);
      button.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => deepActive()?.getAttribute('role') === 'dialog', 'the list open');
      const said = await focused();
      expect(said).to.include({ role: 'dialog', name: 'Reacted with 👍' });
      expect(said?.description).to.match(/^Emma Hansen, You,? and Noah Johansen$/);
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(el.shadowRoot!.querySelector('.who')!.matches(':popover-open')).to.equal(true);
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Escape' });
      await until(() => deepActive()?.getAttribute('role') !== 'dialog', 'closed');
      expect(await focused()).to.include({ role: 'button', name: '👍 3, including you, on the message from Kari Nordmann, 10:42, “Hello”' });
      expect(button.getAttribute('aria-expanded')).to.equal('false');

      await sendKeys({ press: 'Enter' });
      await until(() => deepActive()?.getAttribute('role') === 'dialog', 'open again');
      await sendKeys({ press: 'Tab' });
      expect(await focused()).to.include({ role: 'button', name: 'Remove your 👍' });
      const event = oneEvent(el, 'im-message-react');
      await sendKeys({ press: 'Enter' });
      expect((await event).detail).to.deep.include({ emoji: '👍', added: false });
      expect(await focused()).to.include({ role: 'button', name: '👍 3, including you, on the message from Kari Nordmann, 10:42, “Hello”' }, 'back on the button');
    });

    it('offers to react from the list of who reacted when the reader has not, and not at all where they may not react', async () => {
      const el = await withReactions();
      (await byRole(el, 'button', /^😂 1,/)).click();
      await until(() => deepActive()?.getAttribute('role') === 'dialog', 'open');
      expect((await allByRole(el, 'button', 'React with 😂')).length).to.equal(1);
      const readOnly = await withReactions(reacted, ['forward']);
      (await byRole(readOnly, 'button', /^😂 1,/)).click();
      await until(() => deepActive()?.getAttribute('role') === 'dialog', 'open');
      expect(await allByRole(readOnly, 'button', /React with|Remove your/)).to.deep.equal([]);
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await until(() => !readOnly.shadowRoot!.querySelector('.who')!.matches(':popover-open'), 'a click outside closes it');
    });

    it('ends the ⋯ menu with the row of reactions, each a toggle that is on for the reader’s own; arrows move along it', async () => {
      const el = await withReactions();
      const trigger = await byRole(el, 'button', /^More options/);
      trigger.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => !!deepActive()?.getAttribute('role')?.startsWith('menuitem'), 'menu open');
      expect(await focused()).to.include({ role: 'menuitem', name: 'Reply' }, 'the menu still opens on its first option');
      const row = await byRole(await byRole(el, 'menu'), 'group', 'Reactions');
      const items = await allByRole(row, 'menuitemcheckbox');
      expect(items.map((i) => [text(i), i.getAttribute('aria-checked')])).to.deep.equal([
        ['👍', 'true'],
        ['❤️', 'false'],
        ['😂', 'false'],
        ['😮', 'false'],
        ['✅', 'false'],
      ]);
      await sendKeys({ press: 'ArrowDown' });
      expect(await focused()).to.include({ role: 'menuitemcheckbox', name: 'React with 👍' });
      await sendKeys({ press: 'ArrowRight' });
      expect(await focused()).to.include({ role: 'menuitemcheckbox', name: 'React with ❤️' });
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ press: 'ArrowLeft' });
      expect(await focused()).to.include({ role: 'menuitem', name: 'Reply' }, 'Left from the first of the row goes back');
      await sendKeys({ press: 'End' });
      expect(await focused()).to.include({ role: 'menuitemcheckbox', name: 'React with ✅' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowUp' });
      expect(await focused()).to.include({ role: 'menuitemcheckbox', name: 'React with ❤️' });
      const event = oneEvent(el, 'im-message-react');
      await sendKeys({ press: 'Enter' });
      expect((await event).detail).to.deep.include({ emoji: '❤️', added: true });
      const back = await focused();
      expect([back?.role, back?.name]).to.deep.equal(['button', trigger.getAttribute('aria-label')], 'back on the ⋯ button');
      trigger.focus();
      await sendKeys({ press: 'ArrowUp' });
      await until(() => deepActive()?.getAttribute('aria-label') === 'React with ✅', 'opened on the last');
      const off = oneEvent(el, 'im-message-react');
      await sendKeys({ press: 'Home' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Space' });
      expect((await off).detail).to.deep.include({ emoji: '👍', added: false }, 'the reader’s own is taken back');
    });

    it('offers no reactions in the menu where the reader may not react', async () => {
      const el = await withReactions({}, ['reply', 'forward']);
      (await byRole(el, 'button', /^More options/)).click();
      await until(() => deepActive()?.getAttribute('role') === 'menuitem', 'menu open');
      expect(await allByRole(el, 'menuitemcheckbox')).to.deep.equal([]);
    });
  });
});
