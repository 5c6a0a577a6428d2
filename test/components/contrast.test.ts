import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/components/composer/composer.js';
import type { ImComposer } from '../../src/components/composer/composer.js';
import '../../src/components/message/message.js';
import type { ImMessage } from '../../src/components/message/message.js';
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.js';
import { demoSchool } from '../../stories/support.js';
import { deepActive, until } from './helpers.js';

// WCAG 1.4.11: focus rings and the edges of fields at least 3:1 against what they are
// drawn on, in light and dark. Computed from the rendered styles, so a colour change
// that breaks it fails here.

type Rgba = [number, number, number, number];

/** A computed colour: `rgb(…)`/`rgba(…)` or `color(srgb …)` (what color-mix() computes to). */
function parse(color: string): Rgba {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)$/.exec(color);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
  const rgb = /^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
  throw new Error(`cannot read the colour ${color}`);
}

const over = ([r, g, b, a]: Rgba, [br, bg, bb]: Rgba): Rgba => [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a), 1];

function luminance([r, g, b]: Rgba) {
  const channel = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(front: string, back: Rgba) {
  const [a, b] = [luminance(over(parse(front), back)), luminance(back)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** The colour a node is drawn on: its own background over its ancestors' (across shadow roots). */
function backdrop(node: Element): Rgba {
  const layers: Rgba[] = [];
  for (let at: Element | null = node; at; at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host ?? null)) {
    const color = parse(getComputedStyle(at).backgroundColor);
    if (color[3] > 0) layers.push(color);
    if (color[3] === 1 || at.localName === 'dialog' || at.getAttribute('popover') !== null) break;
  }
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), parse(getComputedStyle(document.body).backgroundColor).map((v, i) => (i === 3 ? 1 : v)) as Rgba);
}

const ring = (node: Element) => getComputedStyle(node).outlineColor;

for (const scheme of ['light', 'dark'] as const) {
  describe(`contrast, ${scheme}`, () => {
    before(() => {
      document.documentElement.style.colorScheme = scheme;
      document.body.style.background = 'Canvas';
    });
    after(() => {
      document.documentElement.style.colorScheme = '';
      document.body.style.background = '';
    });

    it('focus rings and field edges are 3:1 or more on every surface they are drawn on', async () => {
      const school = await demoSchool({ start: false });
      // Every message of the group has a reaction of the reader's and one of someone else's.
      for (const { id } of (await school.actAs('ola')('getMessages', { conversationId: school.ids.group, limit: 200 })).messages) {
        await school.actAs('ola')('addReaction', { messageId: id, emoji: '👍' });
        await school.actAs('emma')('addReaction', { messageId: id, emoji: '❤️' });
      }
      const el = await fixture<ImMessenger>(html`<im-messenger .transport=${school.transport}></im-messenger>`);
      await until(() => el.messengerStore?.state.listState === 'loaded', 'store started');
      const seen: string[] = [];
      const check = (what: string, color: string, on: Element) => {
        const ratio = contrast(color, backdrop(on));
        seen.push(`${what} ${ratio.toFixed(2)}`);
        expect(ratio, `${what}: ${color} on ${getComputedStyle(on).backgroundColor}`).to.be.at.least(3);
      };

      await sendKeys({ press: 'Tab' });
      const bubble = deepActive()!;
      check('bubble ring', ring(bubble), bubble);
      await sendKeys({ press: 'Enter' });
      await until(() => deepActive()?.getAttribute('part') === 'item', 'panel open on the list');
      const panel = el.shadowRoot!.querySelector('im-panel')!.shadowRoot!;
      const item = deepActive()!;
      check('list item ring', ring(item), item);
      const search = panel.querySelector('.search-field')!;
      check('search field edge', getComputedStyle(search).borderTopColor, search);

      await sendKeys({ press: 'Enter' });
      const view = () => el.shadowRoot!.querySelector('im-conversation-view');
      await until(() => view()?.shadowRoot?.activeElement?.localName === 'h2', 'conversation open');
      const composer = view()!.shadowRoot!.querySelector('im-composer')!;
      const field = composer.shadowRoot!.querySelector('textarea')!;
      check('message field edge', getComputedStyle(field).borderTopColor, field);
      await sendKeys({ press: 'Tab' });
      await until(() => deepActive()?.localName === 'im-message', 'on a message');
      const message = deepActive()!;
      check('message ring', ring(message), message);
      const reaction = (mine: boolean) => [...message.shadowRoot!.querySelectorAll('[part="reaction"]')].find((r) => r.classList.contains('mine') === mine)!;
      check('reaction edge', getComputedStyle(reaction(false)).borderTopColor, reaction(false));
      check('the reader’s own reaction edge', getComputedStyle(reaction(true)).borderTopColor, reaction(true));
      await sendKeys({ press: 'Shift+F10' });
      await until(() => deepActive()?.getAttribute('role') === 'menuitem', 'menu open');
      const menuitem = deepActive()!;
      check('menu item ring', ring(menuitem), menuitem);
      check('menu item ring on the menu', ring(menuitem), menuitem.parentElement!);
      // Out of the menu, out of the message, out of the feed to the heading.
      await sendKeys({ press: 'Escape' });
      await sendKeys({ press: 'Escape' });
      await sendKeys({ press: 'Control+Home' });
      await sendKeys({ press: 'Shift+Tab' });
      await sendKeys({ press: 'Shift+Tab' });
      expect(deepActive()?.getAttribute('aria-label')).to.equal('Back to conversations');
      await sendKeys({ press: 'Enter' });
      await until(() => deepActive()?.getAttribute('part') === 'item', 'back on the conversation');
      check('list item ring, back', ring(deepActive()!), deepActive()!);
      expect(seen.length).to.equal(10);
    });

    it('a message’s read status: its text 4.5:1 or more, its button’s focus ring 3:1 or more', async () => {
      const el = await seenByMessage();
      const line = el.shadowRoot!.querySelector('[part="seen"]')!;
      expect(contrast(getComputedStyle(line).color, backdrop(line)), 'the status text').to.be.at.least(4.5);
      await sendKeys({ press: 'Enter' });
      const button = line.querySelector('button')!;
      await until(() => el.shadowRoot!.activeElement === button, 'on the button');
      expect(contrast(ring(button), backdrop(button)), 'its ring').to.be.at.least(3);
    });

    it('the emoji picker: its fields’ edges, the chosen tab’s mark and focus rings 3:1 or more, its message 4.5:1 or more', async () => {
      const picker = await emojiPicker();
      const edge = (node: Element) => contrast(getComputedStyle(node).borderTopColor, backdrop(node));
      const search = picker.querySelector('.search-field')!;
      expect(edge(search), 'the search field’s edge').to.be.at.least(3);
      expect(contrast(ring(search), backdrop(search)), 'its ring').to.be.at.least(3);
      const tone = picker.querySelector('select')!;
      expect(edge(tone), 'the skin tone’s edge').to.be.at.least(3);
      await sendKeys({ press: 'Tab' });
      const tab = deepActive()!;
      expect(tab.getAttribute('aria-selected')).to.equal('true');
      expect(contrast(ring(tab), backdrop(tab)), 'a tab’s ring').to.be.at.least(3);
      expect(contrast(getComputedStyle(tab).borderBottomColor, backdrop(tab)), 'the chosen tab’s mark').to.be.at.least(3);
      await until(() => !!picker.querySelector('[role="option"]'), 'the emoji shown');
      await sendKeys({ press: 'Tab' });
      const option = deepActive()!;
      expect(option.getAttribute('role')).to.equal('option');
      expect(contrast(ring(option), backdrop(option)), 'an emoji’s ring').to.be.at.least(3);
      search.querySelector('input')!.focus();
      await sendKeys({ type: 'zzzq' });
      await until(() => picker.querySelector('.message')?.textContent === 'No emoji found', 'nothing found');
      const message = picker.querySelector('.message')!;
      expect(contrast(getComputedStyle(message).color, backdrop(message)), 'the message').to.be.at.least(4.5);
    });

    it('the notification settings: hints 4.5:1 or more, the checkboxes’ focus ring 3:1 or more', async () => {
      const school = await demoSchool({ start: false });
      const el = await fixture<ImMessenger>(html`<im-messenger .transport=${school.transport} open></im-messenger>`);
      await until(() => !!el.shadowRoot!.querySelector('im-panel')?.shadowRoot?.querySelector('[part="notifications"]'), 'panel open');
      const panel = el.shadowRoot!.querySelector('im-panel')!.shadowRoot!;
      panel.querySelector<HTMLElement>('[part="notifications"]')!.click();
      const settings = panel.querySelector('im-notification-settings')!;
      await until(() => !settings.hidden && !!settings.shadowRoot?.querySelector('input:not([disabled])'), 'settings shown');
      for (const hint of settings.shadowRoot!.querySelectorAll('.hint')) {
        expect(contrast(getComputedStyle(hint).color, backdrop(hint)), hint.textContent!).to.be.at.least(4.5);
      }
      const checkbox = settings.shadowRoot!.querySelector<HTMLInputElement>('input[name="desktop"]')!;
      checkbox.focus();
      await sendKeys({ press: 'Shift+Tab' });
      await sendKeys({ press: 'Tab' });
      await until(() => settings.shadowRoot!.activeElement === checkbox, 'on the checkbox');
      expect(contrast(ring(checkbox), backdrop(checkbox)), 'its ring').to.be.at.least(3);
    });
  });
}

/** One of the reader's messages that two of three have seen, focused in a feed, on the page's surface. */
async function seenByMessage() {
  const message = { id: 'm1', conversationId: 'c1', seq: 3, sender: { id: 'u-emma', name: 'Emma Hansen', title: '', role: 'student' as const }, createdAt: Date.now(), text: 'Library at three?', attachments: [], status: 'normal' as const };
  const el = await fixture<ImMessage>(
    html`<im-message feed mine role="article" tabindex="0" .message=${message} .readStatus=${{ conversationId: 'c1', messageId: 'm1', seq: 3, seen: 2, of: 3 }}></im-message>`,
  );
  el.focus();
  return el;
}

/** A composer with its emoji picker opened by keyboard, focus in the picker's search: the picker's shadow root. */
async function emojiPicker() {
  const school = await demoSchool();
  const el = await fixture<ImComposer>(html`<im-composer .store=${school.store} conversation-id=${school.ids.group} recipient-name="Maths study group"></im-composer>`);
  el.shadowRoot!.querySelector<HTMLElement>('[aria-label="Insert emoji"]')!.focus();
  await sendKeys({ press: 'Enter' });
  await until(() => deepActive()?.localName === 'input', 'the picker open', 10000);
  return el.shadowRoot!.querySelector('im-emoji-picker')!.shadowRoot!;
}

describe('forced colours (Windows high contrast)', () => {
  before(() => emulateMedia({ forcedColors: 'active' }));
  after(() => emulateMedia({ forcedColors: 'none' }));

  it('badges keep their shape, buttons their edge, and focus stays visible', async () => {
    const school = await demoSchool({ start: false });
    // The reader has reacted to every message they may react to.
    for (const { id: conversationId } of (await school.actAs('ola')('listConversations', {})).items) {
      for (const { id } of (await school.actAs('ola')('getMessages', { conversationId, limit: 200 })).messages) {
        await school.actAs('ola')('addReaction', { messageId: id, emoji: '👍' }).catch(() => undefined);
      }
    }
    const el = await fixture<ImMessenger>(html`<im-messenger .transport=${school.transport}></im-messenger>`);
    await until(() => (el.messengerStore?.state.unread ?? 0) > 0, 'unread count');
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const edge = (node: Element) => {
      const style = getComputedStyle(node);
      return style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) > 0;
    };
    const bubble = el.shadowRoot!.querySelector('im-chat-bubble')!.shadowRoot!;
    expect(edge(bubble.querySelector('[part="badge"]')!), "the bubble's badge").to.equal(true);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.getAttribute('part') === 'item', 'panel open on the list');
    const panel = el.shadowRoot!.querySelector('im-panel')!.shadowRoot!;
    expect(edge(panel.querySelector('[part="new-message"]')!), 'New message').to.equal(true);
    const list = panel.querySelector('im-conversation-list')!.shadowRoot!;
    expect(edge(list.querySelector('[part="badge"]')!), "a conversation's unread badge").to.equal(true);
    const focusedItem = deepActive()!;
    expect(getComputedStyle(focusedItem).outlineStyle).to.not.equal('none');
    expect(parseFloat(getComputedStyle(focusedItem).outlineWidth)).to.be.at.least(2);
    await sendKeys({ press: 'Enter' });
    await until(() => !!el.shadowRoot!.querySelector('im-conversation-view')?.shadowRoot?.querySelector('im-message'), 'a conversation open');
    const view = el.shadowRoot!.querySelector('im-conversation-view')!.shadowRoot!;
    const mine = () => [...view.querySelectorAll('im-message')].map((m) => m.shadowRoot!.querySelector('.reaction.mine')).find(Boolean);
    await until(() => !!mine(), 'the reader’s reaction shown');
    expect(edge(mine()!), 'the reader’s own reaction keeps its ring').to.equal(true);
    expect(parseFloat(getComputedStyle(mine()!).borderTopWidth)).to.be.at.least(3, 'thicker than a button’s edge');
  });

  it('the emoji picker’s chosen tab stays marked (thicker than the other tabs’ edges), and focus on an emoji shows', async () => {
    const picker = await emojiPicker();
    const [chosen, other] = [picker.querySelector('[role="tab"][aria-selected="true"]')!, picker.querySelector('[role="tab"][aria-selected="false"]')!];
    expect(parseFloat(getComputedStyle(chosen).borderBottomWidth)).to.be.at.least(3);
    expect(parseFloat(getComputedStyle(other).borderBottomWidth)).to.be.below(3);
    await until(() => !!picker.querySelector('[role="option"]'), 'the emoji shown');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('role')).to.equal('option');
    expect(getComputedStyle(deepActive()!).outlineStyle).to.not.equal('none');
  });

  it('a message’s "Seen by" keeps the edge of a button, and its focus shows', async () => {
    const el = await seenByMessage();
    await sendKeys({ press: 'Enter' });
    const button = el.shadowRoot!.querySelector<HTMLElement>('[part="seen"] button')!;
    await until(() => el.shadowRoot!.activeElement === button, 'on the button');
    const style = getComputedStyle(button);
    expect([style.borderTopStyle, parseFloat(style.borderTopWidth) > 0]).to.deep.equal(['solid', true]);
    expect(style.outlineStyle).to.not.equal('none');
  });
});
