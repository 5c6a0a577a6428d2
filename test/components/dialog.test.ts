import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { StoryObj } from '@storybook/web-components-vite';
import '../../src/components/dialog/dialog.js';
import { askInDialog, type DialogAnswer } from '../../src/components/dialog/dialog.js';
import { AskForAReason, ConfirmDelete } from '../../stories/dialog.stories.js';
import { allByRole, byRole, deepActive, findByRole, focused, nodesByRole, text, until } from './helpers.js';

/** A story's button, in a box of its own (its dialog opens in the button's parent). */
async function story(s: StoryObj) {
  const wrapper = await fixture<HTMLElement>(html`<div>${s.render!({}, {} as never)}</div>`);
  return { wrapper, button: await byRole<HTMLButtonElement>(wrapper, 'button') };
}

/** Opens a story's dialog from the keyboard, as a reader does, and returns it once it has taken focus. */
async function openStory(s: StoryObj, heading: string) {
  const { wrapper, button } = await story(s);
  button.focus();
  await sendKeys({ press: 'Enter' });
  const dialog = await findByRole<HTMLDialogElement>(wrapper, 'dialog', heading);
  await until(() => deepActive() !== button, 'focus moved into the dialog');
  return { wrapper, button, dialog };
}

/** What the reader hears as focus lands: "button Cancel", "textbox What is wrong?", or "outside the page". */
async function heard() {
  if (!document.hasFocus()) return 'outside the page';
  const node = await focused();
  return `${node?.role} ${node?.name}`;
}

/** Asks from a focused "Ask" button in `root`, and waits until the question has taken focus. */
async function ask(root: Element | ShadowRoot, options: Parameters<typeof askInDialog>[1]) {
  const opener = root.querySelector('button')!;
  opener.focus();
  const answer = askInDialog(root, options);
  const dialog = await findByRole<HTMLDialogElement>(root, 'dialog', options.heading);
  await until(() => deepActive() !== opener, 'focus moved into the dialog');
  return { answer, dialog, opener };
}

const outside = 'outside the page';

/** Where focus is, then where it lands at each of `presses` of `key`. */
async function tabRound(key: 'Tab' | 'Shift+Tab', presses: number) {
  const stops = [await heard()];
  for (let i = 0; i < presses; i++) {
    await sendKeys({ press: key });
    stops.push(await heard());
  }
  return stops;
}

/**
 * The stops but where focus went out to the browser's own controls right after `edge` (the
 * last control going forward, the first going back), as it may from a modal <dialog>, as from
 * a page's last control: Chromium's choice, not ours; the next key brings it back in.
 * Anywhere else a stop outside stays, and fails the test.
 */
const inPage = (stops: string[], edge: string) => stops.filter((stop, i) => !(stop === outside && stops[i - 1] === edge));

/** `count` stops round `controls`, from the one named `from`. */
const round = (controls: string[], count: number, from: string) =>
  Array.from({ length: count }, (_, i) => controls[(controls.indexOf(from) + i) % controls.length]);

const forward = {
  heading: 'Share message',
  choice: {
    label: 'Share to',
    options: [
      { value: 'c-group', label: 'Maths study group' },
      { value: 'c-maths', label: 'Mathematics 9B' },
    ],
  },
  field: { label: 'Add a comment' },
  confirmLabel: 'Share',
};

describe('im-dialog', () => {
  it('is a modal dialog named by its question and described by its text, with the page behind out of reach, and is accessible', async () => {
    const { wrapper, dialog } = await openStory(ConfirmDelete, 'Delete message?');
    expect(dialog.matches(':modal')).to.equal(true);
    const [node] = await nodesByRole(wrapper, 'dialog');
    expect(node.description).to.equal('The message will be deleted for everyone in the conversation.');
    expect(await allByRole(wrapper, 'button', 'Delete a message')).to.deep.equal([], 'the button behind is inert');
    await expect(wrapper.querySelector('im-dialog')).to.be.accessible();
    await sendKeys({ press: 'Escape' });

    const reason = await openStory(AskForAReason, 'Report abuse');
    await expect(reason.wrapper.querySelector('im-dialog')).to.be.accessible();
  });

  it('starts on the first field, on Cancel when the action destroys something, else on its confirming button', async () => {
    const cases: [Parameters<typeof askInDialog>[1], string][] = [
      [{ heading: 'Delete message?', confirmLabel: 'Delete', danger: true }, 'button Cancel'],
      [{ heading: 'Report abuse', field: { label: 'What is wrong?', required: true }, confirmLabel: 'Send report' }, 'textbox What is wrong?'],
      [forward, 'combobox Share to'],
      [{ heading: 'Close the conversation?', confirmLabel: 'Close conversation' }, 'button Close conversation'],
    ];
    for (const [options, lands] of cases) {
      const root = await fixture<HTMLElement>(html`<div><button>Ask</button></div>`);
      await ask(root, options);
      expect(await heard(), options.heading).to.equal(lands);
      await sendKeys({ press: 'Escape' });
    }
  });

  it('keeps Tab and Shift+Tab in the dialog, round its controls, never in the page behind', async () => {
    const root = await fixture<HTMLElement>(html`<div><button>Ask</button></div>`);
    const { answer } = await ask(root, forward);
    const controls = ['combobox Share to', 'textbox Add a comment', 'button Cancel', 'button Share'];
    const forth = inPage(await tabRound('Tab', 10), 'button Share');
    expect(forth).to.deep.equal(round(controls, forth.length, 'combobox Share to'));
    expect(forth.length).to.be.greaterThan(controls.length, 'round and back to the first');
    const back = inPage(await tabRound('Shift+Tab', 10), 'combobox Share to');
    expect(back).to.deep.equal(round(controls.toReversed(), back.length, back[0]));
    expect(back.length).to.be.greaterThan(controls.length);
    await sendKeys({ press: 'Escape' });
    expect(await answer).to.equal(undefined);
  });

  it('cancels with Escape: no answer, the dialog gone, and focus back where it was, inside a shadow root too', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<button>Report</button>';
    const opener = shadow.querySelector('button')!;
    const { answer, dialog } = await ask(shadow, {
      heading: 'Report abuse',
      field: { label: 'What is wrong?', required: true },
      confirmLabel: 'Send report',
    });
    await sendKeys({ type: 'Spam' });
    await sendKeys({ press: 'Escape' });
    expect(await answer).to.equal(undefined);
    expect(dialog.isConnected).to.equal(false, 'askInDialog removes it');
    expect(await allByRole(host, 'dialog')).to.deep.equal([]);
    expect(deepActive()).to.equal(opener);
    expect(await heard()).to.equal('button Report');
  });

  it('closes only itself on Escape, not the dialog it was asked from (the panel)', async () => {
    const outer = await fixture<HTMLDialogElement>(html`<dialog aria-label="Messages">${ConfirmDelete.render!({}, {} as never)}</dialog>`);
    let cancelled = 0;
    outer.addEventListener('cancel', () => cancelled++);
    outer.showModal();
    // Asked from a key press, as from the message's menu: a dialog opened by the page on its
    // own would be closed with the one below it by the same Escape (the browser's close watchers).
    const opener = await byRole(outer, 'button', 'Delete a message');
    opener.focus();
    await sendKeys({ press: 'Enter' });
    await findByRole(outer, 'dialog', 'Delete message?');
    await sendKeys({ press: 'Escape' });
    await until(() => !outer.querySelector('im-dialog'), 'the question gone');
    expect(outer.open).to.equal(true);
    expect(cancelled).to.equal(0);
    expect(await heard()).to.equal('button Delete a message');
    outer.close();
  });

  it('confirms with the text as typed, without surrounding spaces, starting from the text given', async () => {
    const root = await fixture<HTMLElement>(html`<div><button>Rename</button></div>`);
    const { answer, opener } = await ask(root, {
      heading: 'Rename conversation',
      field: { label: 'Name', required: true, value: 'Maths study group' },
      confirmLabel: 'Rename',
    });
    const field = await byRole<HTMLTextAreaElement>(root, 'textbox', 'Name');
    expect(field.value).to.equal('Maths study group');
    field.select();
    await sendKeys({ type: '  Maths crew  ' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(await heard()).to.equal('button Rename');
    await sendKeys({ press: 'Enter' });
    expect(await answer).to.deep.equal({ value: 'Maths crew', choice: '' } satisfies DialogAnswer);
    expect(deepActive()).to.equal(opener);
  });

  it('refuses to confirm a required field left empty or blank, saying so at the field, and takes it once filled', async () => {
    const root = await fixture<HTMLElement>(html`<div><button>Report</button></div>`);
    const { answer } = await ask(root, { heading: 'Report abuse', field: { label: 'What is wrong?', required: true }, confirmLabel: 'Send report' });
    const field = await byRole<HTMLTextAreaElement>(root, 'textbox', 'What is wrong?');
    const send = await byRole<HTMLButtonElement>(root, 'button', 'Send report');
    expect(field.required).to.equal(true, 'announced as required');
    const stops = inPage(await tabRound('Tab', 5), 'button Cancel');
    expect(stops).to.deep.equal(round(['textbox What is wrong?', 'button Cancel', 'button Send report'], stops.length, 'textbox What is wrong?'), 'every control is reached');
    send.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => field.getAttribute('aria-invalid') === 'true', 'the field marked');
    expect(await heard()).to.equal('textbox What is wrong?', 'focus back in the field');
    const [described] = await nodesByRole(root, 'textbox', 'What is wrong?');
    expect(described.description).to.equal('What is wrong?: write something here first.');
    await sendKeys({ type: '   ' });
    send.click();
    await until(() => document.activeElement !== send && field.getAttribute('aria-invalid') === 'true', 'spaces are not a reason');
    field.focus();
    await sendKeys({ type: 'Mean messages' });
    expect(field.getAttribute('aria-invalid')).to.equal(null, 'the complaint goes once there is text');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(await heard()).to.equal('button Send report');
    await sendKeys({ press: 'Enter' });
    expect(await answer).to.deep.equal({ value: 'Mean messages', choice: '' });
  });

  it('says why a required field left empty cannot be sent', async () => {
    const root = await fixture<HTMLElement>(html`<div><button>Report</button></div>`);
    await ask(root, { heading: 'Report abuse', field: { label: 'What is wrong?', required: true }, confirmLabel: 'Send report' });
    (await byRole<HTMLButtonElement>(root, 'button', 'Send report')).click();
    await until(() => !!root.querySelector('im-dialog')?.shadowRoot?.querySelector('#field-error'), 'the complaint');
    const [field] = await nodesByRole(root, 'textbox', 'What is wrong?');
    const [send] = await nodesByRole(root, 'button', 'Send report');
    const dialog = await byRole(root, 'dialog', 'Report abuse');
    const said = [field.description, send.description, text(dialog)].join(' ');
    expect(said).to.match(/required|write|empty|fill/i);
  });

  it('answers with the choice made and the comment', async () => {
    const root = await fixture<HTMLElement>(html`<div><button>Share</button></div>`);
    const { answer, opener } = await ask(root, forward);
    const choice = await byRole<HTMLSelectElement>(root, 'combobox', 'Share to');
    expect([...choice.options].map((o) => o.label)).to.deep.equal(['Maths study group', 'Mathematics 9B']);
    await sendKeys({ press: 'ArrowDown' });
    expect(choice.value).to.equal('c-maths');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Look at this' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(await heard()).to.equal('button Share');
    await sendKeys({ press: 'Enter' });
    expect(await answer).to.deep.equal({ value: 'Look at this', choice: 'c-maths' });
    expect(deepActive()).to.equal(opener);
  });

  it('answers with the first choice when none other is made, and without a comment', async () => {
    const root = await fixture<HTMLElement>(html`<div><button>Share</button></div>`);
    const { answer } = await ask(root, forward);
    (await byRole(root, 'button', 'Share')).click();
    expect(await answer).to.deep.equal({ value: '', choice: 'c-group' });
  });

  it('shows a destructive action in red, white on red, and Cancel leaves it undone with focus back on the button', async () => {
    const { wrapper, button } = await openStory(ConfirmDelete, 'Delete message?');
    const remove = await byRole(wrapper, 'button', 'Delete');
    expect(getComputedStyle(remove).backgroundColor).to.equal('rgb(192, 28, 40)');
    expect(getComputedStyle(remove).color).to.equal('rgb(255, 255, 255)');
    expect(await heard()).to.equal('button Cancel');
    await sendKeys({ press: 'Enter' });
    await until(() => !wrapper.querySelector('im-dialog'), 'the dialog gone');
    expect(deepActive()).to.equal(button);

    const plain = await fixture<HTMLElement>(html`<div><button>Close</button></div>`);
    await ask(plain, { heading: 'Close the conversation?', confirmLabel: 'Close conversation' });
    const close = await byRole(plain, 'button', 'Close conversation');
    expect(getComputedStyle(close).backgroundColor).to.not.equal('rgb(192, 28, 40)', 'red only for what destroys');
    await sendKeys({ press: 'Escape' });
  });
});
