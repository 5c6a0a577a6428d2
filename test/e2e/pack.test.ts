// The published package, as a host project gets it: `npm pack`, installed into
// a fresh folder from the tarball (its dependencies from the registry, or npm's
// cache when it has them), then used the three ways the README shows: resolved
// through `exports`, type-checked as a TypeScript consumer, and loaded in
// Chromium with one script tag.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commandNames } from '../../src/model/commands.js';
import { launchChromium } from '../../scripts/chromium.js';
import { builtInitialSize, bundleSize } from '../../bench/lib/size.js';

const project = process.cwd();
const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { name: string; version: string };
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

describe('the npm package', { timeout: 120_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'im-pack-'));
  const host = join(work, 'host');
  const installed = join(host, 'node_modules', pkg.name);
  let files: string[] = [];

  before(() => {
    assert.ok(existsSync(join(project, 'dist/im-messenger.bundle.js')), 'dist/ is missing: run `npm run build` first');
    // Without scripts: `prepare` (patch-package, which ran at install) would print into the JSON.
    const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], project)) as { filename: string; files: { path: string }[] }[];
    files = packed.files.map((f) => f.path);
    execFileSync('mkdir', [host]);
    writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module' }));
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', join(work, packed.filename)], host);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds the build, the manifest, the types and the docs, and no sources, tests or source maps', () => {
    for (const path of ['package.json', 'README.md', 'CHANGELOG.md', 'custom-elements.json', 'docs/hub-contract.md', 'dist/im-messenger.bundle.js', 'dist/index.js', 'dist/index.d.ts']) {
      assert.ok(files.includes(path), `${path} is in the package`);
    }
    assert.ok(files.some((f) => f.startsWith('dist/chunks/')), 'the lazily loaded chunks are in the package');
    const unwanted = files.filter((f) => /^(src|test|server|stories|scripts|demo|node_modules)\//.test(f) || f.endsWith('.map'));
    assert.deepEqual(unwanted, []);
  });

  it('resolves every public entry through `exports` in the installed folder', () => {
    const entries = {
      [pkg.name]: 'dist/index.js',
      [`${pkg.name}/bundle`]: 'dist/im-messenger.bundle.js',
      [`${pkg.name}/package.json`]: 'package.json',
      [`${pkg.name}/custom-elements.json`]: 'custom-elements.json',
      [`${pkg.name}/transport/transport.js`]: 'dist/transport/transport.js',
      [`${pkg.name}/model/commands.js`]: 'dist/model/commands.js',
      [`${pkg.name}/components/messenger/messenger.js`]: 'dist/components/messenger/messenger.js',
    };
    const script = `for (const s of ${JSON.stringify(Object.keys(entries))}) console.log(new URL(import.meta.resolve(s)).pathname);`;
    const resolved = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: host, encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(resolved, Object.values(entries).map((path) => join(installed, path)));
    for (const path of resolved) assert.ok(existsSync(path), path);
    const manifest = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: { tagName?: string }[] }[] };
    assert.ok(manifest.modules.some((m) => m.declarations?.some((d) => d.tagName === 'im-messenger')));
  });

  it('stays lazy in a bundled app: its first chunk is about the badge’s, the panel and SignalR come later', async () => {
    // An app's whole use of it, built as a bundler builds it (the bench's rollup settings for the script tag).
    writeFileSync(
      join(host, 'app.js'),
      `import '${pkg.name}';\nconst messenger = document.createElement('im-messenger');\nmessenger.hubUrl = '/hub';\nmessenger.tokenFactory = () => 'token';\ndocument.body.append(messenger);\n`,
    );
    const app = await bundleSize('app', join(host, 'app.js'), join(work, 'app-build'));
    const badge = { initial: await builtInitialSize(join(project, 'dist/im-messenger.bundle.js')) };
    assert.ok(app.lazyFiles.length >= 2, `the panel and the SignalR client are chunks of their own: ${app.lazyFiles.join(', ')}`);
    assert.ok(
      app.initial.brotli <= badge.initial.brotli * 1.2,
      `the app's first chunks are ${app.initial.brotli} B brotli, the script tag's before first paint ${badge.initial.brotli} B: at most 1.2× that`,
    );
  });

  it('runs its pure modules in Node: the contract a backend implements', () => {
    const script = `const { commandNames } = await import('${pkg.name}/model/commands.js'); console.log(JSON.stringify(commandNames));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: host, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), commandNames);
  });

  it('installs the conformance suite as a bin that runs under npx', () => {
    const help = execFileSync('npx', ['--no-install', 'im-panel-conformance', '--help'], { cwd: host, encoding: 'utf8' });
    assert.match(help, /^Usage: im-panel-conformance --hub <hub URL> --fixture <fixture\.json>/);
  });

  it('type-checks a TypeScript host that imports it, with bundler and Node resolution', () => {
    writeFileSync(
      join(host, 'host.ts'),
      `import { ImMessenger, ImError, type Transport, type ImEvent } from '${pkg.name}';
import { commandNames } from '${pkg.name}/transport/transport.js';
const messenger: ImMessenger = document.createElement('im-messenger');
messenger.hubUrl = '/hub';
messenger.tokenFactory = async () => 'token';
messenger.addEventListener('im-unread-change', (event) => console.log(event.detail.unread.toFixed(0)));
messenger.addEventListener('im-error', (event) => console.log(event.detail.error.code));
const names: readonly string[] = commandNames;
export { messenger, names, ImError };
export type { Transport, ImEvent };
`,
    );
    const tsc = join(project, 'node_modules', '.bin', 'tsc');
    for (const [module, moduleResolution] of [['es2022', 'bundler'], ['nodenext', 'nodenext']]) {
      const compilerOptions = { strict: true, noEmit: true, skipLibCheck: true, target: 'es2022', lib: ['es2023', 'dom', 'dom.iterable'], types: [], module, moduleResolution };
      writeFileSync(join(host, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['host.ts'] }));
      try {
        execFileSync(tsc, ['-p', 'tsconfig.json'], { cwd: host, encoding: 'utf8' });
      } catch (error) {
        assert.fail(`tsc (${moduleResolution}) refused the host:\n${(error as { stdout?: string }).stdout ?? error}`);
      }
    }
  });

  describe('in Chromium, from the installed folder', () => {
    let server: Server;
    let url = '';

    before(async () => {
      writeFileSync(
        join(host, 'index.html'),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="/node_modules/${pkg.name}/dist/im-messenger.bundle.js"></script></head>
<body><im-messenger></im-messenger></body></html>`,
      );
      server = createServer((req, res) => {
        const path = resolve(host, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)}`);
        if (!path.startsWith(host + sep) || !existsSync(path)) return void res.writeHead(404).end();
        const type = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' }[extname(path)] ?? 'application/octet-stream';
        res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8` }).end(readFileSync(path));
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
    });

    after(() => new Promise((done) => server.close(done)));

    it('defines the elements from the script tag, shows the bubble and loads the panel on demand', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const failures: string[] = [];
        page.on('pageerror', (error) => failures.push(error.message));
        page.on('response', (res) => {
          if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) failures.push(`${res.status()} ${res.url()}`);
        });
        await page.goto(url);
        await page.waitForFunction(() => customElements.get('im-messenger') !== undefined, undefined, { timeout: 10_000 });
        await page.getByRole('button', { name: 'Messages', exact: true }).waitFor({ timeout: 10_000 });
        // Opening loads the panel's chunks, which must sit beside the bundle in the package.
        await page.locator('im-messenger').evaluate((el) => (el as HTMLElement & { show(): void }).show());
        await page.waitForFunction(() => customElements.get('im-panel') !== undefined, undefined, { timeout: 10_000 });
        assert.deepEqual(failures, []);
      } finally {
        await browser.close();
      }
    });
  });
});
