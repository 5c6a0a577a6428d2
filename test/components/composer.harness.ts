import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/composer/composer.js';
import type { ImComposer } from '../../src/components/composer/composer.js';
import { demoSchool } from '../../stories/support.js';
import { deepActive, until } from './helpers.js';

/** A composer with its emoji picker opened by keyboard, focus in the picker's search: the picker's shadow root. */
export async function emojiPicker() {
  const school = await demoSchool();
  const el = await fixture<ImComposer>(html`<im-composer .store=${school.store} conversation-id=${school.ids.group} recipient-name="Maths study group"></im-composer>`);
  el.shadowRoot!.querySelector<HTMLElement>('[aria-label="Insert emoji"]')!.focus();
  await sendKeys({ press: 'Enter' });
  await until(() => deepActive()?.localName === 'input', 'the picker open', 10000);
  return el.shadowRoot!.querySelector('im-emoji-picker')!.shadowRoot!;
}
