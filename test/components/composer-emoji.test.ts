import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/composer/composer.js';
import type { ImComposer } from '../../src/components/composer/composer.js';
import { demoSchool } from '../../stories/support.js';
import { allByRole, byRole, deepActive, findByRole, focused, nodesByRole, text, until } from './helpers.js';

// The composer's emoji picker (issue 18; our own since issue 19, as emoji-picker-element's
// UI breaks a strict Content-Security-Policy). A file of its own: each test file has a page
// of its own, so the first test sees a page where nothing of the picker has loaded yet. The
// emoji data stays in IndexedDB for the page, and with it the favourites and the skin tone.

async function composer(lang = 'en') {
  const school = await demoSchool();
  const el = await fixture<ImComposer>(
    html`<im-composer lang=${lang} .store=${school.store} conversation-id=${school.ids.group} recipient-name="Maths study group"></im-composer>`,
  );
  return { ...school, el };
}

/** What the page fetched whose address matches `pattern`. */
const fetched = (pattern: RegExp) => performance.getEntriesByType('resource').map((e) => e.name).filter((name) => pattern.test(name));
const field = (el: ImComposer) => el.shadowRoot!.querySelector('textarea')!;
const popup = (el: ImComposer) => el.shadowRoot!.querySelector<HTMLElement>('#emoji')!;
const picker = (el: ImComposer) => popup(el).querySelector('im-emoji-picker')!;
/** What the picker's polite live region says. */
const said = (el: ImComposer) => text(picker(el).shadowRoot!.querySelector('[role="status"]'));
const listbox = (el: ImComposer) => picker(el).shadowRoot!.querySelector<HTMLElement>('[role="listbox"]')!;
/** The names of the emoji shown, in order. */
const shown = async (el: ImComposer) => (await nodesByRole(listbox(el), 'option')).map((o) => o.name);

/**
 * Where the reader is: the focused node, or with focus in the search, the result it points at
 * (its active descendant, which a screen reader speaks as if focused).
 */
async function at() {
  const node = await focused();
  const input = deepActive() as HTMLInputElement;
  const active = node?.role === 'combobox' && input.getAttribute('aria-activedescendant');
  if (!active) return node;
  const option = (await nodesByRole(input.getRootNode(), 'option')).find((o) => o.element.id === active);
  return option && { role: 'option', name: option.name, description: option.description };
}

/** Opens the picker with `key` on its button, and waits for focus in its search. */
async function open(el: ImComposer, name = 'Insert emoji', key = 'Enter') {
  const button = await byRole(el, 'button', name);
  button.focus();
  await sendKeys({ press: key });
  await until(() => deepActive()?.localName === 'input', 'focus in the picker’s search', 10000);
  return button;
}

/** Types a search and waits until it is done (the emoji shown are no longer busy) and what it found is said. */
async function search(el: ImComposer, query: string) {
  await sendKeys({ type: query });
  const panel = picker(el).shadowRoot!.querySelector('#emoji-panel')!;
  // The same words as the search before are said again: the region is empty for a moment first.
  await until(() => panel.getAttribute('aria-busy') === 'false' && said(el) !== '', `results for ${query}`, 15000);
}

describe('im-composer emoji picker', () => {
  it('loads its code and data only when opened, from our own files, and puts the emoji chosen by keyboard where the caret was', async () => {
    const { el, store, ids } = await composer();
    expect(customElements.get('im-emoji-picker'), 'no picker code before it is opened').to.equal(undefined);
    expect(fetched(/emoji-picker|emoji\/\w+\.json/)).to.deep.equal([]);
    const textarea = field(el);
    textarea.focus();
    await sendKeys({ type: 'See you soon' });
    textarea.setSelectionRange(8, 8);

    const button = await open(el);
    expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(await focused()).to.include({ role: 'combobox', name: 'Search emoji' });
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(popup(el).matches(':popover-open')).to.equal(true);
    await byRole(el, 'dialog', 'Emoji');

    // Type, Down to the first result, Enter.
    await search(el, 'thumbs up');
    expect(said(el)).to.match(/^\d+ emoji found$/);
    const combobox = await byRole(picker(el), 'combobox', 'Search emoji');
    expect(combobox.getAttribute('aria-expanded')).to.equal('true');
    expect((await shown(el))[0]).to.equal('thumbs up');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => combobox.getAttribute('aria-activedescendant') === 'emoji-0', 'the first result active');
    expect(await at()).to.include({ role: 'option', name: 'thumbs up' });
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive() === textarea, 'focus back in the field');
    expect(await focused()).to.include({ role: 'textbox', name: 'Write message to Maths study group…' });
    expect(textarea.value).to.match(/^See you 👍\uFE0F?soon$/);
    const after = textarea.value.length - 'soon'.length;
    expect([textarea.selectionStart, textarea.selectionEnd]).to.deep.equal([after, after], 'the caret after the emoji');
    expect(store.state.drafts.get(ids.group)).to.equal(textarea.value, 'kept as the draft');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(popup(el).matches(':popover-open')).to.equal(false);

    const data = fetched(/emoji\/\w+\.json/);
    expect(data.map((url) => new URL(url).pathname)).to.include('/src/components/composer/emoji/en.json', 'its data beside its module');
    expect(performance.getEntriesByType('resource').filter((e) => new URL(e.name).origin !== location.origin).map((e) => e.name)).to.deep.equal([], 'nothing from another origin (no CDN)');
    expect(customElements.get('emoji-picker'), 'emoji-picker-element’s own picker is not loaded').to.equal(undefined);
  });

  it('closes on Escape with focus back on its button, leaving reply mode alone; on Tab out where focus went; opens with the search emptied', async () => {
    const { el, store, ids } = await composer();
    await store.openConversation(ids.group);
    el.replyTo = store.state.windows.get(ids.group)!.messages[0];
    await el.updateComplete;
    const button = await open(el, 'Insert emoji', 'Space');
    await search(el, 'cat');
    await sendKeys({ press: 'Escape' });
    await until(() => deepActive() === button, 'back on the button');
    expect(await focused()).to.include({ role: 'button', name: 'Insert emoji' });
    expect(popup(el).matches(':popover-open')).to.equal(false);
    expect(el.replyTo, 'still replying').to.not.equal(undefined);

    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.localName === 'input', 'open again');
    expect((deepActive() as HTMLInputElement).value, 'the search emptied').to.equal('');
    await findByRole(picker(el), 'listbox', 'Frequently used');
    // Out through the tabs, the emoji and the skin tone.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.include({ role: 'combobox', name: 'Skin tone' });
    await sendKeys({ press: 'Tab' });
    await until(() => !popup(el).matches(':popover-open'), 'closed when focus left it');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(await focused()).to.include({ role: 'button', name: 'Add files' });
  });

  it('is accessible open, with results and with none, and says "No emoji found"', async () => {
    const { el } = await composer();
    await open(el);
    await findByRole(picker(el), 'listbox', 'Frequently used');
    await expect(el).to.be.accessible();
    await search(el, 'zzzq');
    expect(said(el)).to.equal('No emoji found');
    expect(text(picker(el).shadowRoot!.querySelector('.message'))).to.equal('No emoji found', 'shown too');
    expect((await byRole(picker(el), 'combobox', 'Search emoji')).getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(await focused(), 'Down and Enter with nothing found do nothing').to.include({ role: 'combobox', name: 'Search emoji' });
    await expect(el).to.be.accessible();
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Backspace' });
    await search(el, 'heart');
    expect(said(el)).to.match(/^\d+ emoji found$/);
    await expect(el).to.be.accessible();
  });

  it('moves through categories and emoji by keyboard: one Tab stop each, arrows between them, Enter chooses', async () => {
    const { el } = await composer();
    const textarea = field(el);
    await open(el);
    const tabs = await allByRole(picker(el), 'tab');
    expect(await Promise.all(tabs.map((t) => t.getAttribute('aria-label')))).to.deep.equal([
      'Frequently used',
      'Smileys and emotions',
      'People and body',
      'Animals and nature',
      'Food and drink',
      'Travel and places',
      'Activities',
      'Objects',
      'Symbols',
      'Flags',
    ]);
    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.include({ role: 'tab', name: 'Frequently used' });
    expect(deepActive()!.getAttribute('aria-selected')).to.equal('true');
    // Opening the picker reads "Frequently used" afresh; a quick Tab can come before it has.
    await until(() => picker(el).shadowRoot!.querySelector('#emoji-panel')!.getAttribute('aria-busy') === 'false', 'its emoji read');
    expect(await shown(el), 'the reader’s choice of the first test, with the common ones').to.include.members(['thumbs up', 'red heart']);

    await sendKeys({ press: 'ArrowRight' });
    expect(await focused()).to.include({ role: 'tab', name: 'Smileys and emotions' });
    expect(deepActive()!.getAttribute('aria-selected'), 'selection follows focus').to.equal('true');
    await findByRole(picker(el), 'listbox', 'Smileys and emotions');
    await until(() => picker(el).shadowRoot!.querySelector('[role="option"]')?.getAttribute('aria-label') === 'grinning face', 'its emoji');
    await sendKeys({ press: 'End' });
    expect(await focused()).to.include({ role: 'tab', name: 'Flags' });
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(await focused()).to.include({ role: 'tab', name: 'Animals and nature' });
    await findByRole(picker(el), 'listbox', 'Animals and nature');
    await until(() => picker(el).shadowRoot!.querySelector('[role="option"]')?.getAttribute('aria-label') === 'monkey face', 'its emoji');

    await sendKeys({ press: 'Tab' });
    expect(await focused()).to.include({ role: 'option', name: 'monkey face' });
    const names = await shown(el);
    const columns = getComputedStyle(picker(el).shadowRoot!.querySelector('[role="listbox"]')!).gridTemplateColumns.split(' ').length;
    expect(columns).to.be.greaterThan(4);
    await sendKeys({ press: 'ArrowRight' });
    expect(await focused()).to.include({ role: 'option', name: names[1] });
    await sendKeys({ press: 'ArrowDown' });
    expect(await focused(), 'Down: the emoji below').to.include({ role: 'option', name: names[1 + columns] });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowUp' });
    expect(await focused(), 'Up: the emoji above').to.include({ role: 'option', name: names[0] });
    await sendKeys({ press: 'End' });
    expect(await focused()).to.include({ role: 'option', name: names.at(-1)! });
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive() === textarea, 'focus back in the field');
    expect(await focused()).to.include({ role: 'textbox', name: 'Write message to Maths study group…' });
    expect(textarea.value).to.equal('🐒', names[1]!);
    expect(popup(el).matches(':popover-open')).to.equal(false);
  });

  it('writes in the skin tone chosen, names the emoji with it, and keeps it', async () => {
    const { el } = await composer();
    const textarea = field(el);
    await open(el);
    await findByRole(picker(el), 'listbox', 'Frequently used');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    const tone = deepActive() as HTMLSelectElement;
    expect(await focused()).to.include({ role: 'combobox', name: 'Skin tone' });
    expect([...tone.options].map((o) => o.text)).to.deep.equal(['Default', 'Light', 'Medium-light', 'Medium', 'Medium-dark', 'Dark']);
    try {
      for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
      await until(() => tone.value === '3', 'Medium chosen');
      await sendKeys({ press: 'Shift+Tab' });
      await sendKeys({ press: 'Shift+Tab' });
      await sendKeys({ press: 'Shift+Tab' });
      expect(await focused()).to.include({ role: 'combobox', name: 'Search emoji' });
      await search(el, 'waving');
      expect((await shown(el))[0]).to.equal('waving hand, medium skin tone');
      await sendKeys({ press: 'ArrowDown' });
      expect(await at()).to.include({ role: 'option', name: 'waving hand, medium skin tone' });
      await sendKeys({ press: 'Enter' });
      await until(() => deepActive() === textarea, 'focus back in the field');
      expect(textarea.value).to.equal('👋🏽');

      // Kept: a new composer's picker opens in it.
      const again = await composer();
      await open(again.el);
      await findByRole(picker(again.el), 'listbox', 'Frequently used');
      await until(() => picker(again.el).shadowRoot!.querySelector('select')!.value === '3', 'the tone kept');
      expect(await shown(again.el)).to.include('waving hand, medium skin tone', 'and its frequently used in it');
    } finally {
      // The next tests start in the default tone.
      const select = picker(el).shadowRoot!.querySelector('select')!;
      select.value = '0';
      select.dispatchEvent(new Event('change'));
    }
  });

  it('speaks Norwegian and searches Norwegian names in Norwegian', async () => {
    const { el } = await composer('nb');
    const textarea = field(el);
    await open(el, 'Sett inn emoji');
    expect(await focused()).to.include({ role: 'combobox', name: 'Søk etter emoji' });
    await byRole(el, 'dialog', 'Emoji');
    await byRole(picker(el), 'tablist', 'Kategorier');
    await byRole(picker(el), 'tab', 'Ofte brukt');
    await search(el, 'zzzq');
    expect(said(el)).to.equal('Fant ingen emoji');
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Backspace' });
    await search(el, 'tommel opp');
    expect(said(el)).to.match(/^Fant \d+ emoji$/);
    expect((await shown(el))[0]).to.equal('tommel opp');
    await sendKeys({ press: 'ArrowDown' });
    expect(await at()).to.include({ role: 'option', name: 'tommel opp' });
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive() === textarea, 'focus back in the field');
    expect(textarea.value).to.match(/^👍\uFE0F?$/, 'the Norwegian data writes it with its emoji form');
    expect(fetched(/emoji\/nb\.json/).length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('a composer taken away while its picker loads (the panel closed) opens nothing and throws nothing', async () => {
    const { el } = await composer();
    const button = await byRole(el, 'button', 'Insert emoji');
    const thrown: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => {
      thrown.push(event.reason);
      event.preventDefault();
    };
    window.addEventListener('unhandledrejection', onRejection);
    try {
      button.click();
      el.remove();
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
    }
    expect(thrown.map(String)).to.deep.equal([]);
    expect(popup(el).matches(':popover-open')).to.equal(false);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
  });
});
