import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/composer/composer.js';
import type { ImComposer } from '../../src/components/composer/composer.js';
import { demoSchool } from '../../stories/support.js';
import { byRole, deepActive, focused, until } from './helpers.js';

// The composer's emoji picker (issue 18). A file of its own: each test file has a page of
// its own, so the first test sees a page where nothing of the picker has loaded yet.

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

/** Types a search in the open picker and chooses its first result by keyboard. */
async function choose(search: string) {
  await sendKeys({ type: search });
  const picker = () => document.querySelector('im-composer')!.shadowRoot!.querySelector('emoji-picker')!.shadowRoot!;
  await until(() => !!picker().querySelector('#search-results [role="option"]'), 'search results', 15000);
  // The results settle as the search catches up with the typing: the first is chosen once it is active.
  await new Promise((r) => setTimeout(r, 300));
  await sendKeys({ press: 'ArrowDown' });
  await until(() => !!picker().querySelector('input')!.getAttribute('aria-activedescendant'), 'a result active');
  await sendKeys({ press: 'Enter' });
}

describe('im-composer emoji picker', () => {
  it('loads its code and data only when opened, from our own files, and puts the emoji chosen by keyboard where the caret was', async () => {
    const { el, store, ids } = await composer();
    expect(customElements.get('emoji-picker'), 'no picker code before it is opened').to.equal(undefined);
    expect(fetched(/emoji-picker|emoji\/\w+\.json/)).to.deep.equal([]);
    const textarea = field(el);
    textarea.focus();
    await sendKeys({ type: 'See you soon' });
    textarea.setSelectionRange(8, 8);

    const button = await byRole(el, 'button', 'Insert emoji');
    expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.localName === 'input', 'focus in the picker’s search', 10000);
    expect(await focused()).to.include({ role: 'combobox', name: 'Search emoji' });
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(popup(el).matches(':popover-open')).to.equal(true);
    expect(popup(el).getAttribute('aria-label')).to.equal('Emoji');
    const picker = popup(el).querySelector('emoji-picker')!.shadowRoot!;
    expect(picker.querySelector('style'), 'no <style> a strict policy would refuse').to.equal(null);
    expect(getComputedStyle(picker.querySelector('input')!).borderTopLeftRadius).to.equal('8px', 'its styles apply, as a constructed sheet');

    await choose('thumbs up');
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
  });

  it('closes on Escape with focus back on its button, leaving reply mode alone; on Tab out where focus went', async () => {
    const { el, store, ids } = await composer();
    await store.openConversation(ids.group);
    el.replyTo = store.state.windows.get(ids.group)!.messages[0];
    await el.updateComplete;
    const button = await byRole(el, 'button', 'Insert emoji');
    button.focus();
    await sendKeys({ press: 'Space' });
    await until(() => deepActive()?.localName === 'input', 'focus in the picker');
    await sendKeys({ press: 'Escape' });
    await until(() => deepActive() === button, 'back on the button');
    expect(await focused()).to.include({ role: 'button', name: 'Insert emoji' });
    expect(popup(el).matches(':popover-open')).to.equal(false);
    expect(el.replyTo, 'still replying').to.not.equal(undefined);

    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.localName === 'input', 'open again');
    await expect(el).to.be.accessible();
    field(el).focus();
    await until(() => !popup(el).matches(':popover-open'), 'closed when focus left it');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
  });

  it('speaks Norwegian and searches Norwegian names in Norwegian', async () => {
    const { el } = await composer('nb');
    const textarea = field(el);
    const button = await byRole(el, 'button', 'Sett inn emoji');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.localName === 'input', 'focus in the picker');
    expect(await focused()).to.include({ role: 'combobox', name: 'Søk etter emoji' });
    await choose('tommel opp');
    await until(() => deepActive() === textarea, 'focus back in the field');
    expect(textarea.value).to.match(/^👍\uFE0F?$/, 'the Norwegian data writes it with its emoji form');
    expect(fetched(/emoji\/nb\.json/).length).to.be.greaterThan(0);
  });
});
