// The conformance suite as a backend team runs it: the package's bin (`im-panel-conformance`,
// from dist/) against a running hub, with a fixture of test people and tokens. Our own
// server (SQLite) passes every check; a server that breaks a rule fails the checks of that
// rule, by name, and only those. The cluster behind nginx runs it in cluster.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { anyoneReachesAnyone } from '../../src/backend/contacts.js';
import { unlimited } from '../../src/backend/limits.js';
import { startApp, type RunningApp } from '../../server/app.js';
import { conformance } from './conformance-run.js';

const dir = mkdtempSync(join(tmpdir(), 'im-conformance-'));

describe('the conformance suite (npx im-panel-conformance)', () => {
  const apps: RunningApp[] = [];
  after(async () => {
    for (const app of apps) await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes every check against our server, and says so', async () => {
    const app = await startApp({ demo: true });
    apps.push(app);
    const run = await conformance(app.hubUrl, app.url);
    assert.deepEqual(run.failed, [], run.stdout);
    assert.deepEqual(run.notTried, [], 'the demo fixture has everything the checks need');
    assert.ok(run.passed.length >= 32, `${run.passed.length} checks ran`);
    assert.ok(run.passed.includes('every method of the contract answered at least once in this run'));
    assert.match(run.stdout, /\d+ passed, 0 failed: the hub answers the contract\./);
    assert.equal(run.status, 0);
  });

  it('fails, naming the rule, against a hub that lets students write to anyone', async () => {
    const app = await startApp({ demo: true, contacts: anyoneReachesAnyone });
    apps.push(app);
    const run = await conformance(app.hubUrl, app.url);
    assert.equal(run.status, 1);
    assert.deepEqual(run.failed, [
      'read, mark read or unread, view participants, "Your relationship": participants may; anyone else gets not-found',
      'start a conversation: with contacts (not-a-contact otherwise, naming them)',
      'rename, add participants: participants of open groups; people added must be contacts',
    ]);
    assert.match(run.stdout, /a student writing to a student of another class was answered, but must be refused/);
  });

  it('says what it could not try without the fixture’s optional person, and still passes', async () => {
    const app = await startApp({ demo: true });
    apps.push(app);
    const run = await conformance(app.hubUrl, app.url, ['--only', 'messaging off'], ({ people: { messagingOff: _, ...people }, ...fixture }) => ({ ...fixture, people }));
    assert.deepEqual(run.notTried, ['messaging off: such a person starts nothing (messaging-disabled, details.self), and is left out of what others start']);
    assert.match(run.stdout, /not tried: the fixture names no person whose messaging is off \(people\.messagingOff\)/);
    assert.match(run.stdout, /\d+ passed, 0 failed, 1 not tried \(the fixture lacks what they need\): the hub answers the contract\./);
    assert.equal(run.status, 0);
  });

  it('fails the limit check against a hub without limits', async () => {
    const app = await startApp({ demo: true, limits: unlimited });
    apps.push(app);
    const run = await conformance(app.hubUrl, app.url, ['--only', 'many new messages']);
    assert.deepEqual(run.failed, ['many new messages: past the limit a minute, a message is rate-limited with when to try again, and not stored']);
    assert.match(run.stdout, /61 messages in a row were all answered: the limit is 60 a minute/);
    assert.equal(run.status, 1);
  });

  it('refuses to run without a hub or with a broken fixture, saying what is missing', () => {
    const noHub = spawnSync(process.execPath, ['dist/conformance/cli.js', '--fixture', 'x.json'], { encoding: 'utf8' });
    assert.equal(noHub.status, 2);
    assert.match(noHub.stderr, /^--hub needs the hub’s http\(s\) URL\./);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ people: { student: { id: 'u-ola' } } }));
    const run = spawnSync(process.execPath, ['dist/conformance/cli.js', '--hub', 'http://127.0.0.1:1/hub', '--fixture', broken], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^The fixture needs people\.student\.token, a non-empty string\./);
  });
});
