import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../../server/app.js';

describe('demo server', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp();
  });
  after(() => app.close());

  it('listens on 127.0.0.1 only', () => {
    assert.match(app.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the demo page that loads the panel with one script tag', async () => {
    const res = await fetch(`${app.url}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const page = await res.text();
    assert.match(page, /<script type="module" src="\/dist\/im-messenger\.bundle\.js"><\/script>/);
    assert.match(page, /<im-messenger/);
  });

  it('never serves files outside its folders', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/dist/../../package.json', '/%E0%A4%A']) {
      const res = await fetch(`${app.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /"devDependencies"/);
    }
  });
});

describe('starting on a data folder it cannot write', () => {
  it('refuses at start, saying which folder and why, instead of failing every send later', async () => {
    // /proc can't take a file, even for root (chmod would not stop root).
    await assert.rejects(startApp({ port: 0, dataDir: '/proc' }), (error: Error) => {
      assert.match(error.message, /^The data folder \/proc can't be written \(E[A-Z]+\): the server would fail every message\./);
      return true;
    });
  });

  it('the server command says so and exits with a failure', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, IM_DATA_DIR: '/proc', PORT: '0' }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /The data folder \/proc can't be written/);
  });
});
