import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideRecipients, MAX_RECIPIENTS } from '../../src/model/recipients.js';
import type { Recipient } from '../../src/model/types.js';

const person = (id: string): Recipient => ({ type: 'person', id, name: `Person ${id}`, title: '' });
const people = (count: number, from = 0): Recipient[] => Array.from({ length: count }, (_, i) => person(`p${from + i}`));
const course = (id: string, participantCount: number): Recipient => ({ type: 'course', id, name: id, color: '#06c', participantCount });
const project = (id: string, participantCount: number): Recipient => ({ type: 'project', id, name: id, color: '#c60', participantCount });

const choose = { outcome: 'choose', showChoice: true };
const error = (reason: string, showChoice = false) => ({ outcome: 'error', showChoice, error: 'too-many-recipients', reason });

describe('recipients: the 300 rule', () => {
  it('has nothing to send to when nobody is chosen', () => {
    assert.deepEqual(decideRecipients([]), { outcome: 'none', showChoice: false });
  });

  it('treats one person as a one-to-one group, without the group/individual choice', () => {
    assert.deepEqual(decideRecipients([person('a')]), { outcome: 'one-to-one', showChoice: false });
  });

  it('offers the choice for two people and for exactly 300', () => {
    assert.deepEqual(decideRecipients(people(2)), choose);
    assert.deepEqual(decideRecipients(people(MAX_RECIPIENTS)), choose);
  });

  it('refuses 301 people before sending, without the choice', () => {
    assert.deepEqual(decideRecipients(people(301)), error('people-over-limit'));
  });

  it('refuses people over 300 even with courses chosen too', () => {
    assert.deepEqual(decideRecipients([...people(301), course('c1', 20)]), error('people-over-limit'));
    assert.deepEqual(decideRecipients([...people(301), course('big', 500)]), error('people-over-limit'));
  });

  it('counts a person chosen twice once', () => {
    assert.deepEqual(decideRecipients([person('a'), person('a')]), { outcome: 'one-to-one', showChoice: false });
    assert.deepEqual(decideRecipients([...people(300), person('p0'), person('p299')]), choose);
  });

  it('offers the choice for a course or project of at most 300, alone or with anything else', () => {
    assert.deepEqual(decideRecipients([course('c1', 300)]), choose);
    assert.deepEqual(decideRecipients([project('x', 12)]), choose);
    assert.deepEqual(decideRecipients([course('c1', 300), project('x', 300), ...people(250)]), choose);
  });

  it('sends to one course or project over 300 as its own conversation', () => {
    assert.deepEqual(decideRecipients([course('c1', 301)]), { outcome: 'course', showChoice: false, id: 'c1' });
    assert.deepEqual(decideRecipients([project('x', 5000)]), { outcome: 'project', showChoice: false, id: 'x' });
    assert.deepEqual(decideRecipients([course('c1', 301), course('c1', 301)]), { outcome: 'course', showChoice: false, id: 'c1' });
  });

  it('refuses a course or project over 300 together with anything else', () => {
    assert.deepEqual(decideRecipients([course('c1', 301), person('a')]), error('large-group-with-others'));
    assert.deepEqual(decideRecipients([course('c1', 301), course('c2', 10)]), error('large-group-with-others'));
    assert.deepEqual(decideRecipients([project('x', 400), course('c1', 400)]), error('large-group-with-others'));
  });

  it('keeps a course and a project with the same id apart', () => {
    assert.deepEqual(decideRecipients([course('same', 301), project('same', 301)]), error('large-group-with-others'));
  });

  it('takes the unique count only the backend knows: over 300 is refused after the choice was shown', () => {
    const chosen = [course('c1', 200), course('c2', 200)];
    assert.deepEqual(decideRecipients(chosen), choose);
    assert.deepEqual(decideRecipients(chosen, { uniqueCount: 300 }), choose);
    assert.deepEqual(decideRecipients(chosen, { uniqueCount: 301 }), error('unique-over-limit', true));
  });

  it('lets one large course alone through whatever the unique count', () => {
    assert.deepEqual(decideRecipients([course('c1', 900)], { uniqueCount: 900 }), { outcome: 'course', showChoice: false, id: 'c1' });
  });
});
