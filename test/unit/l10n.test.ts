import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../../src/l10n/en.js';
import { localeFor, messagesFor } from '../../src/l10n/locale.js';
import { nb } from '../../src/l10n/nb.js';

describe('localisation', () => {
  it('gives Bokmål to every written form of Norwegian and English to the rest', () => {
    assert.equal(localeFor('nb-NO'), 'nb');
    assert.equal(localeFor('no'), 'nb');
    assert.equal(localeFor('nn_NO'), 'nb');
    assert.equal(localeFor('en-GB'), 'en');
    assert.equal(localeFor('de'), 'en');
    assert.equal(localeFor(''), 'en');
    assert.equal(localeFor(undefined), 'en');
  });

  it('has every English entry translated, with the same kind of value', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      assert.equal(typeof nb[key], typeof en[key], `nb.${key}`);
      if (key !== 'locale') assert.notEqual(nb[key], en[key], `nb.${key} is still English`);
    }
    assert.equal(messagesFor('nb'), nb);
  });
});
