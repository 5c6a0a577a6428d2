import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/recipient-field/recipient-field.js';
import type { ImRecipientField } from '../../src/components/recipient-field/recipient-field.js';
import type { Recipient } from '../../src/model/types.js';
import { demoSchool, seedUsers } from '../../stories/support.js';
import { accessibleNames, deepActive, text, until } from './helpers.js';

async function field(as: keyof typeof seedUsers = 'kari') {
  const school = await demoSchool({ as });
  const el = await fixture<ImRecipientField>(html`<im-recipient-field .store=${school.store}></im-recipient-field>`);
  return { ...school, el };
}

const input = (el: ImRecipientField) => el.shadowRoot!.querySelector<HTMLInputElement>('[part="input"]')!;
const options = (el: ImRecipientField) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const chips = (el: ImRecipientField) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="chip"]')].map((c) => text(c.querySelector('.chip-name')));
const status = (el: ImRecipientField) => text(el.shadowRoot!.querySelector('[role="status"]'));
const expanded = (el: ImRecipientField) => input(el).getAttribute('aria-expanded') === 'true';
const activeOption = (el: ImRecipientField) => {
  const id = input(el).getAttribute('aria-activedescendant');
  return id ? el.shadowRoot!.getElementById(id) : null;
};

/** Types into the field and waits for the list of results. */
async function search(el: ImRecipientField, query: string) {
  input(el).focus();
  await sendKeys({ type: query });
  await until(() => expanded(el), `results for ${query}`);
  await el.updateComplete;
}

describe('im-recipient-field', () => {
  it('is an accessible combobox: empty, with results open, and with chips', async () => {
    const { el } = await field();
    const box = input(el);
    expect(box.getAttribute('role')).to.equal('combobox');
    expect(box.getAttribute('aria-autocomplete')).to.equal('list');
    expect(box.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.getElementById(box.getAttribute('aria-controls')!)?.getAttribute('role')).to.equal('listbox');
    expect(text(el.shadowRoot!.querySelector('label'))).to.equal('Add recipients');
    await expect(el).to.be.accessible();
    await search(el, 'Berg');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(chips(el)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('offers people with their title, courses and projects with their size, and says who can’t receive messages', async () => {
    const { el } = await field('per');
    await search(el, 'Science');
    // As Chromium's accessibility tree names them: one string each, no stray space before the comma.
    expect(await accessibleNames('option')).to.deep.equal(['Science 9B, Course · 6 participants', 'Science fair, Project · 4 participants']);
    expect(status(el)).to.equal('2 results');

    input(el).select();
    await sendKeys({ type: 'Berg' });
    await until(() => options(el).length === 2 && text(options(el)[1]).startsWith('Lukas'), 'people named Berg');
    expect(await accessibleNames('option')).to.deep.equal(['Ingrid Berg, School administrator', 'Lukas Berg, Student, 9B · Can’t receive messages']);
    expect(!!options(el)[0].querySelector('im-avatar')).to.equal(true, 'an avatar');
  });

  it('moves the active option with the arrows, wrapping, and adds it with Enter', async () => {
    const { el } = await field();
    const changes: Recipient[][] = [];
    el.addEventListener('im-recipients-change', (e) => changes.push(e.detail.recipients));
    await search(el, 'Hansen');
    const names = () => options(el).map((o) => text(o.querySelector('.name')));
    const activeName = () => text(activeOption(el)?.querySelector('.name'));
    expect(names()).to.deep.equal(['Emma Hansen', 'Noah Johansen', 'Per Hansen']);
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false, 'no option is active until the reader moves');

    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(activeName()).to.equal('Emma Hansen');
    expect(activeOption(el)?.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(activeName()).to.equal('Per Hansen');
    expect(options(el)[0].getAttribute('aria-selected')).to.equal('false');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(activeName()).to.equal('Emma Hansen', 'wraps to the first');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(activeName()).to.equal('Per Hansen', 'wraps to the last');

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(chips(el)).to.deep.equal(['Per Hansen']);
    expect(changes.map((c) => c.map((r) => r.name))).to.deep.equal([['Per Hansen']]);
    expect(input(el).value).to.equal('');
    expect(expanded(el)).to.equal(false);
    expect(deepActive() === input(el)).to.equal(true, 'focus in the field');
    expect(status(el)).to.equal('Per Hansen added.');

    // Chosen recipients are not offered again.
    await search(el, 'Hansen');
    expect(names()).to.deep.equal(['Emma Hansen', 'Noah Johansen']);
  });

  it('closes the list with Escape and leaves the second Escape to the panel', async () => {
    const { el } = await field();
    const escapes: KeyboardEvent[] = [];
    el.parentElement!.addEventListener('keydown', (e) => e.key === 'Escape' && escapes.push(e));
    await search(el, 'Hansen');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(expanded(el)).to.equal(false);
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);
    expect(escapes).to.have.length(0, 'the first Escape is the field’s');
    expect(deepActive() === input(el)).to.equal(true, 'focus in the field');
    await sendKeys({ press: 'Escape' });
    expect(escapes).to.have.length(1, 'the second goes through');
    // The arrows bring the list back.
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(expanded(el)).to.equal(true);
  });

  it('removes the last chip with Backspace in the empty field, but not while there is text', async () => {
    const { el } = await field();
    await search(el, 'Emma');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await search(el, 'Noah');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(chips(el)).to.deep.equal(['Emma Hansen', 'Noah Johansen']);

    await sendKeys({ type: 'x' });
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(chips(el)).to.have.length(2, 'the first Backspace deletes the typed letter');
    setTimeout(() => void sendKeys({ press: 'Backspace' }));
    const { detail } = await oneEvent(el, 'im-recipients-change');
    expect(detail.recipients.map((r: Recipient) => r.name)).to.deep.equal(['Emma Hansen']);
    await el.updateComplete;
    expect(chips(el)).to.deep.equal(['Emma Hansen']);
    expect(status(el)).to.equal('Noah Johansen removed.');
    expect(deepActive() === input(el)).to.equal(true, 'focus in the field');
  });

  it('removes a chip with its button, keeping focus among the chips', async () => {
    const { el, transport } = await field();
    el.recipients = [
      ...(await transport.searchRecipients({ query: 'Emma' })),
      ...(await transport.searchRecipients({ query: 'Noah' })),
    ];
    await el.updateComplete;
    const buttons = () => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="chip"] button')];
    expect(buttons().map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Remove Emma Hansen', 'Remove Noah Johansen']);
    expect(buttons().map((b) => b.tabIndex)).to.deep.equal([0, -1], 'the chips are one tab stop');
    buttons()[0].focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(deepActive() === buttons()[1]).to.equal(true, 'focus on the second chip');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Enter' });
    await until(() => chips(el).length === 1, 'chip removed');
    expect(chips(el)).to.deep.equal(['Noah Johansen']);
    expect(deepActive() === buttons()[0]).to.equal(true, 'focus on the chip left');
    await sendKeys({ press: 'Enter' });
    await until(() => chips(el).length === 0, 'last chip removed');
    expect(deepActive() === input(el)).to.equal(true, 'focus in the field');
  });

  it('adds the first match with Enter when no option is highlighted, and takes a second name after it', async () => {
    const { el } = await field();
    await search(el, 'Whole');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(chips(el)).to.deep.equal(['Whole school']);
    expect(input(el).value).to.equal('');
    await search(el, 'Emma');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(chips(el)).to.deep.equal(['Whole school', 'Emma Hansen']);
  });

  it('adds an option clicked with the pointer', async () => {
    const { el } = await field();
    await search(el, 'Whole');
    options(el)[0].click();
    await el.updateComplete;
    expect(chips(el)).to.deep.equal(['Whole school']);
    expect(text(el.shadowRoot!.querySelector('.chip-count'))).to.equal('(349)');
  });

  it('says when nothing matches, and answers only the latest query when an older one is slow', async () => {
    const { el, transport } = await field();
    const real = transport.searchRecipients.bind(transport);
    transport.searchRecipients = async (args) => {
      if (args.query === 'Emm') await new Promise((r) => setTimeout(r, 600));
      return real(args);
    };
    input(el).focus();
    await sendKeys({ type: 'Emm' });
    await new Promise((r) => setTimeout(r, 300));
    input(el).select();
    await sendKeys({ type: 'qwertyuiop' });
    await until(() => status(el).startsWith('No people'), 'no results');
    await new Promise((r) => setTimeout(r, 700));
    expect(status(el)).to.equal('No people, courses or projects match “qwertyuiop”.');
    expect(options(el)).to.have.length(0);
    expect(expanded(el)).to.equal(false);
  });
});
