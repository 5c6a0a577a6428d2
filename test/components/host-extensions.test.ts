import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/chat-bubble/chat-bubble.js';
import type { ImChatBubble } from '../../src/components/chat-bubble/chat-bubble.js';
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.js';
import { define } from '../../src/components/shared/define.js';
import { en, type Messages } from '../../src/l10n/en.js';
import { registerTranslation } from '../../src/index.js';
import { demoSchool } from '../../stories/support.js';
import { until } from './helpers.js';

// What the architecture issue "Hosts can extend it" asks: a language of the host's own,
// the inner parts themed through im-messenger, and a warning when two copies meet.

/** A whole table, typed by the English one: what a host writes (here only the strings the tests read). */
const sv: Messages = {
  ...en,
  locale: 'sv',
  openMessages: (unread) => (unread === 0 ? 'Meddelanden' : `Meddelanden, ${unread} olästa`),
  messagesTitle: 'Meddelanden',
  newMessage: 'Nytt meddelande',
};

const bubbleButton = (el: ImChatBubble) => el.shadowRoot!.querySelector('button')!;
const panel = (el: ImMessenger) => el.shadowRoot!.querySelector('im-panel');
const list = (el: ImMessenger) => panel(el)?.shadowRoot?.querySelector('im-conversation-list');
const firstItem = (el: ImMessenger) => list(el)?.shadowRoot?.querySelector<HTMLElement>('[part="item"]');

async function openMessenger(lang: string) {
  const school = await demoSchool({ start: false });
  const host = await fixture<HTMLDivElement>(html`<div lang=${lang}><im-messenger .transport=${school.transport}></im-messenger></div>`);
  const el = host.querySelector('im-messenger')!;
  await until(() => el.messengerStore?.state.listState === 'loaded', 'store started');
  el.open = true;
  await until(() => !!firstItem(el), 'list shown');
  return el;
}

describe('a language the host registers', () => {
  // First: until `sv` is registered, Swedish falls back to English.
  it('is shown under its lang, and elements already on the page switch to it when it is registered', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="sv"><im-chat-bubble unread="3"></im-chat-bubble></div>`);
    const bubble = host.querySelector('im-chat-bubble')!;
    await bubble.updateComplete;
    expect(bubbleButton(bubble).getAttribute('aria-label')).to.equal('Messages, 3 unread');

    registerTranslation('sv', sv);
    await bubble.updateComplete;
    expect(bubbleButton(bubble).getAttribute('aria-label')).to.equal('Meddelanden, 3 olästa');

    const later = await fixture<ImChatBubble>(html`<im-chat-bubble lang="sv-SE" unread="1"></im-chat-bubble>`);
    expect(bubbleButton(later).getAttribute('aria-label')).to.equal('Meddelanden, 1 olästa');
  });

  it('speaks it across the panel, dates formatted in it by Intl', async () => {
    registerTranslation('sv', sv);
    const el = await openMessenger('sv');
    const root = panel(el)!.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.equal('Meddelanden');
    expect(root.querySelector('[part="new-message"]')!.textContent!.trim()).to.equal('Nytt meddelande');
    const time = firstItem(el)!.querySelector('time')!;
    const expected = new Intl.DateTimeFormat('sv', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(time.dateTime));
    expect(time.title).to.equal(expected);
  });

  it('leaves other languages as they were: English for an unknown one, Bokmål for Norwegian', async () => {
    registerTranslation('sv', sv);
    const host = await fixture<HTMLDivElement>(html`<div>
      <im-chat-bubble lang="da" unread="2"></im-chat-bubble>
      <im-chat-bubble lang="nn" unread="2"></im-chat-bubble>
    </div>`);
    const [da, nn] = host.querySelectorAll('im-chat-bubble');
    await Promise.all([da.updateComplete, nn.updateComplete]);
    expect(bubbleButton(da).getAttribute('aria-label')).to.equal('Messages, 2 unread');
    expect(bubbleButton(nn).getAttribute('aria-label')).to.equal('Meldinger, 2 uleste');
  });
});

describe('im-messenger::part(…) from the host page', () => {
  let sheet: HTMLStyleElement;
  beforeEach(() => {
    sheet = document.createElement('style');
    // bubble-badge before badge: were the bubble's badge exported as `badge` too, the later rule would win.
    sheet.textContent = `
      im-messenger::part(item) { outline-color: rgb(1, 2, 3); }
      im-messenger::part(bubble-badge) { color: rgb(7, 8, 9); }
      im-messenger::part(badge) { color: rgb(4, 5, 6); }
      im-messenger::part(new-message) { outline-color: rgb(10, 11, 12); }
    `;
    document.head.append(sheet);
  });
  afterEach(() => sheet.remove());

  it('reaches the conversation list’s items and badges inside the open panel', async () => {
    const el = await openMessenger('en');
    expect(getComputedStyle(firstItem(el)!).outlineColor).to.equal('rgb(1, 2, 3)');
    const badge = list(el)!.shadowRoot!.querySelector('[part="badge"]')!;
    expect(getComputedStyle(badge).color).to.equal('rgb(4, 5, 6)');
    const newMessage = panel(el)!.shadowRoot!.querySelector('[part="new-message"]')!;
    expect(getComputedStyle(newMessage).outlineColor).to.equal('rgb(10, 11, 12)');
  });

  it('reaches the bubble’s badge as bubble-badge, not as the list’s badge', async () => {
    const el = await openMessenger('en');
    const badge = el.shadowRoot!.querySelector('im-chat-bubble')!.shadowRoot!.querySelector('[part="badge"]')!;
    expect(getComputedStyle(badge).color).to.equal('rgb(7, 8, 9)');
  });
});

describe('define', () => {
  let warnings: unknown[][];
  const warn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
  });

  it('registers a tag once, silently when the same class comes again', () => {
    class First extends HTMLElement {}
    define('im-define-same', First);
    define('im-define-same', First);
    expect(customElements.get('im-define-same')).to.equal(First);
    expect(warnings).to.deep.equal([]);
  });

  it('warns once per tag when another copy of the library brings another class, and keeps the first', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    class Third extends HTMLElement {}
    define('im-define-other', First);
    define('im-define-other', Second);
    define('im-define-other', Third);
    expect(customElements.get('im-define-other')).to.equal(First);
    expect(warnings.length).to.equal(1);
    expect(String(warnings[0][0])).to.contain('<im-define-other> is already defined by another copy');
  });
});
