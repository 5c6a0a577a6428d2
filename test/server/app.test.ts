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

  it('serves the bundle and its chunks precompressed as the browser accepts, chunks cached for a year, the rest revalidated', async () => {
    const page = await (await fetch(`${app.url}/dist/im-messenger.bundle.js`, { headers: { 'Accept-Encoding': 'identity' } })).text();
    const chunk = /"\.\/chunks\/([^"]+\.js)"/.exec(page)?.[1];
    assert.ok(chunk, 'the bundle names a chunk');
    const get = (path: string, headers: Record<string, string>) => fetch(`${app.url}${path}`, { headers });

    const br = await get(`/dist/chunks/${chunk}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(br.headers.get('vary'), 'Accept-Encoding');
    const plain = await get(`/dist/chunks/${chunk}`, { 'Accept-Encoding': 'identity' });
    assert.equal(plain.headers.get('content-encoding'), null);
    const original = await plain.text();
    assert.equal(await br.text(), original, 'the same file, decoded');
    assert.ok(Number(br.headers.get('content-length')) < Buffer.byteLength(original) / 2, 'and much smaller on the wire');
    const gzip = await get(`/dist/chunks/${chunk}`, { 'Accept-Encoding': 'gzip;q=1, br;q=0' });
    assert.equal(gzip.headers.get('content-encoding'), 'gzip', 'br refused with q=0: gzip');

    const bundle = await get('/dist/im-messenger.bundle.js', { 'Accept-Encoding': 'br' });
    assert.equal(bundle.headers.get('cache-control'), 'no-cache', 'the entry keeps its name across builds: revalidated');
    const etag = bundle.headers.get('etag')!;
    await bundle.arrayBuffer();
    const again = await get('/dist/im-messenger.bundle.js', { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    assert.equal(again.status, 304);
    assert.equal((await get('/', { 'If-None-Match': etag })).status, 200, 'another file’s tag does not match');
  });

  it('serves the emoji picker’s chunk and its data from the build, only the panel naming the picker and only the picker naming the data', async () => {
    const get = (path: string, headers: Record<string, string> = { 'Accept-Encoding': 'identity' }) => fetch(`${app.url}${path}`, { headers });
    // The files the bundle's code names, one after another, as the browser would load them.
    const code = new Map<string, string>();
    for (let queue = ['im-messenger.bundle.js']; queue.length; ) {
      const file = queue.shift()!;
      if (code.has(file)) continue;
      code.set(file, await (await get(`/dist/${file}`)).text());
      for (const [, name] of code.get(file)!.matchAll(/"\.\/(?:chunks\/)?([\w-]+\.js)"/g)) queue.push(`chunks/${name}`);
    }
    const picker = [...code.keys()].find((file) => /^chunks\/emoji-picker-/.test(file));
    assert.ok(picker, 'the panel names the picker’s chunk');
    const others = [...code].filter(([file]) => file !== picker).map(([, text]) => text).join('\n');
    assert.doesNotMatch(others, /emoji-(en|nb)-[\w-]+\.json/, 'the data is the picker’s alone');
    const pickerCode = code.get(picker)!;
    for (const locale of ['en', 'nb']) {
      const file = new RegExp(`new URL\\("(emoji-${locale}-[^"]+\\.json)",import\\.meta\\.url\\)`).exec(pickerCode)?.[1];
      assert.ok(file, `the picker finds its ${locale} data beside itself`);
      const data = await get(`/dist/chunks/${file}`, { 'Accept-Encoding': 'br' });
      assert.equal(data.status, 200);
      assert.equal(data.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(data.headers.get('content-encoding'), 'br');
      assert.equal(data.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.ok(data.headers.get('etag'), 'an ETag, which the picker uses to see that nothing changed');
      const emoji = (await data.json()) as { emoji: string }[];
      assert.ok(emoji.some((e) => e.emoji.startsWith('👍')), `${locale}: the emoji`);
    }
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

describe('starting with a read-status setting it does not know', () => {
  it('the server command says which values IM_READ_STATUS takes, and exits with a failure before opening anything', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, IM_READ_STATUS: 'students', IM_DATA_DIR: '/proc', PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 1);
    assert.equal(run.stderr.trim(), 'IM_READ_STATUS must be one of on, off-for-students, off; it is "students".', 'one line, said before the data folder is tried');
  });
});
