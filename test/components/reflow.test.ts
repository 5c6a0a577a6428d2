import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.js';
import { demoSchool } from '../../stories/support.js';
import { deepActive, until } from './helpers.js';

// WCAG 1.4.10 Reflow: at 320 CSS pixels wide (1280 px at 400 % zoom) nothing scrolls
// sideways, in any view of the panel, however long a name or a word is.

/** Every element in the open views that is wider than it may scroll: the dialogs and whatever scrolls inside them. */
function sideways(root: ShadowRoot | Document, found: string[] = []): string[] {
  for (const node of root.querySelectorAll('*')) {
    const style = getComputedStyle(node);
    const scrolls = node.localName === 'dialog' || /auto|scroll/.test(style.overflowX) || node === document.documentElement;
    if (scrolls && node.scrollWidth > node.clientWidth + 1) found.push(`${node.localName}.${node.className} ${node.scrollWidth} > ${node.clientWidth}`);
    if (node.shadowRoot) sideways(node.shadowRoot, found);
  }
  return found;
}

describe('reflow at 320 CSS pixels', () => {
  before(() => setViewport({ width: 320, height: 640 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('the list, a conversation with a long name and long words, its settings and the new-message form do not scroll sideways', async () => {
    const school = await demoSchool({ start: false });
    const longName = 'The exceptionally long name of the Year 9 mathematics revision group';
    await school.actAs('emma')('renameConversation', { conversationId: school.ids.group, name: longName });
    await school.actAs('emma')('sendMessage', { conversationId: school.ids.group, clientId: 'long', text: `Supercalifragilisticexpialidocious${'x'.repeat(60)} https://example.org/${'a'.repeat(80)}` });
    const el = await fixture<ImMessenger>(html`<im-messenger .transport=${school.transport}></im-messenger>`);
    await until(() => el.messengerStore?.state.listState === 'loaded', 'store started');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.getAttribute('part') === 'item', 'panel open on the list');
    const panel = () => el.shadowRoot!.querySelector('im-panel')!;
    expect(sideways(document), 'the list').to.deep.equal([]);
    // The check itself sees a row that is too wide.
    const wide = Object.assign(document.createElement('div'), { style: 'inline-size: 400px; block-size: 1px' });
    panel().shadowRoot!.querySelector('dialog')!.append(wide);
    expect(sideways(document)).to.have.length.above(0);
    wide.remove();

    const list = panel().shadowRoot!.querySelector('im-conversation-list')!;
    list.shadowRoot!.querySelector<HTMLElement>(`[data-id="${school.ids.group}"]`)!.click();
    const view = () => el.shadowRoot!.querySelector('im-conversation-view');
    await until(() => view()?.shadowRoot?.activeElement?.localName === 'h2', 'conversation open');
    await new Promise((r) => setTimeout(r, 100));
    expect(sideways(document), 'the conversation').to.deep.equal([]);

    view()!.shadowRoot!.querySelector<HTMLElement>('.settings')!.click();
    await until(() => !!el.shadowRoot!.querySelector('im-settings-sheet')?.shadowRoot?.querySelector('dialog[open]'), 'settings open');
    expect(sideways(document), 'the settings').to.deep.equal([]);
    await sendKeys({ press: 'Escape' });
    await until(() => !el.shadowRoot!.querySelector('im-settings-sheet'), 'settings closed');

    view()!.shadowRoot!.querySelector<HTMLElement>('.back')!.click();
    await until(() => !view(), 'back on the list');
    panel().shadowRoot!.querySelector<HTMLElement>('[part="new-message"]')!.click();
    await until(() => !!el.shadowRoot!.querySelector('im-new-conversation'), 'new message');
    await new Promise((r) => setTimeout(r, 100));
    expect(sideways(document), 'the new-message form').to.deep.equal([]);
  });
});

describe('right-to-left pages', () => {
  it('user-written text and names keep their own direction ("Yes, please show every step.", not ".Yes, please show every step")', async () => {
    const school = await demoSchool({ as: 'kari' });
    await import('../../src/components/conversation-view/conversation-view.js');
    await import('../../src/components/conversation-list/conversation-list.js');
    const page = await fixture<HTMLElement>(html`<div dir="rtl" style="block-size: 600px; display: flex; flex-direction: column">
      <im-conversation-list .store=${school.store}></im-conversation-list>
      <im-conversation-view .store=${school.store} conversation-id=${school.ids.maths}></im-conversation-view>
    </div>`);
    const view = page.querySelector('im-conversation-view')!;
    const list = page.querySelector('im-conversation-list')!;
    const emmas = () => [...view.shadowRoot!.querySelectorAll<HTMLElement>('article')].find((m) => m.getAttribute('aria-label')?.startsWith('Emma Hansen,') && m.querySelector('.text'));
    await until(() => !!emmas(), 'the message');
    const message = emmas()!;
    expect(getComputedStyle(message).direction).to.equal('rtl', 'the page is right-to-left');
    expect(getComputedStyle(message.querySelector('.text')!).direction).to.equal('ltr');
    expect(getComputedStyle(message.querySelector('.sender')!).direction).to.equal('ltr');
    expect(getComputedStyle(view.shadowRoot!.querySelector('h2')!).direction).to.equal('ltr');
    const item = list.shadowRoot!.querySelector(`[data-id="${school.ids.maths}"]`)!;
    expect(getComputedStyle(item.querySelector('.preview')!).direction).to.equal('ltr');
    expect(getComputedStyle(item.querySelector('.name > [dir="auto"]')!).direction).to.equal('ltr');
  });
});
