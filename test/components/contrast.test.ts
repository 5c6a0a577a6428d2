import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/conversation-list/conversation-list.js';
import '../../src/components/conversation-view/conversation-view.js';
import '../../src/components/messenger/messenger.js';
import type { ImMessenger } from '../../src/components/messenger/messenger.js';
import { demoSchool } from '../../stories/support.js';
import { deepActive, text, until } from './helpers.js';
import { emojiPicker } from './composer.harness.js';
import { seenByMessage } from './message.harness.js';

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
      await until(() => deepActive()?.localName === 'article', 'on a message');
      const message = deepActive()!;
      check('message ring', ring(message), message);
      const reaction = (mine: boolean) => [...message.querySelectorAll('[part="reaction"]')].find((r) => r.classList.contains('mine') === mine)!;
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

    it('the "Unread messages" line in a conversation: its text 4.5:1 or more', async () => {
      const school = await demoSchool();
      const wrapper = await fixture(html`<div style="display: flex; flex-direction: column; block-size: 30rem">
        <im-conversation-view .store=${school.store} conversation-id=${school.ids.group}></im-conversation-view>
      </div>`);
      const view = wrapper.querySelector('im-conversation-view')!;
      const marker = () => view.shadowRoot!.querySelector('.unread-marker');
      await until(() => !!marker(), 'the line shown');
      expect(text(marker())).to.equal('Unread messages');
      expect(contrast(getComputedStyle(marker()!).color, backdrop(marker()!))).to.be.at.least(4.5);
    });

    it('"Try again" where the list could not load: 4.5:1 or more', async () => {
      const school = await demoSchool({ start: false });
      school.transport.listConversations = async () => {
        throw new Error('The server did not answer.');
      };
      await school.store.start().catch(() => undefined);
      const list = await fixture(html`<im-conversation-list .store=${school.store}></im-conversation-list>`);
      const retry = () => [...list.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Try again');
      await until(() => !!retry(), 'Try again shown');
      expect(contrast(getComputedStyle(retry()!).color, backdrop(retry()!))).to.be.at.least(4.5);
    });
  });
}
