// The framework examples (examples/react, examples/vue, examples/angular) as a host
// project gets them: the package packed (`npm pack`, as published), each example
// installed from its own lock file with that tarball (`npm ci`, nothing from the root's
// node_modules), type-checked and built by its own toolchain (`npm run build`, with
// source maps, which test/e2e/frameworks.test.ts reads to see what each first chunk holds).
// test/e2e/frameworks.test.ts then serves each build and drives it in Chromium.
//
//   node scripts/examples.mjs          after `npm run build`: pack, install, type-check, build
//   node scripts/examples.mjs --lock   the same, but `npm install`: rewrites the lock files
//                                      (after changing an example's or the package's dependencies)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = join(root, 'examples');
/** Where every example's package.json takes the package from (`file:../im-panel.tgz`). */
const tarball = join(examples, 'im-panel.tgz');
/** Each example, and how its build script is told to write source maps. */
const exampleBuilds = { react: ['--sourcemap'], vue: ['--sourcemap'], angular: ['--source-map'] };

const quiet = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
const env = { ...process.env, npm_config_update_notifier: 'false', NG_CLI_ANALYTICS: 'false', FORCE_COLOR: '0' };

/** Runs `npm …` in `cwd`; resolves with its output, rejects with it on failure. */
function npm(args, cwd) {
  return new Promise((done, fail) => {
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => (code === 0 ? done(output) : fail(new Error(`npm ${args.join(' ')} in ${cwd} failed:\n${output}`))));
  });
}

function pack() {
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const destination = mkdtempSync(join(tmpdir(), 'im-examples-'));
  // Without scripts: `prepare` (patch-package, which ran at install) would print into the JSON.
  const { status, stdout, stderr } = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: root, env, encoding: 'utf8' });
  if (status !== 0) throw new Error(`npm pack failed:\n${stderr}`);
  const [{ filename }] = JSON.parse(stdout);
  renameSync(join(destination, filename), tarball);
  rmSync(destination, { recursive: true, force: true });
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies;
}

/**
 * A lock records the tarball's dependencies as they were when it was written, and `npm ci`
 * installs those without looking: a dependency the package changed since would go unnoticed.
 */
function checkLock(name, dependencies) {
  const lock = JSON.parse(readFileSync(join(examples, name, 'package-lock.json'), 'utf8'));
  const locked = lock.packages['node_modules/im-panel']?.dependencies ?? {};
  const same = (a, b) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([name, version]) => b[name] === version);
  if (!same(locked, dependencies)) {
    throw new Error(`examples/${name}/package-lock.json has other dependencies of im-panel than package.json: run \`node scripts/examples.mjs --lock\``);
  }
}

/**
 * npm records the tarball's checksum, then takes a tarball of that checksum from its cache
 * instead of reading the file: each build of the package is new, so the lock keeps none.
 */
function forgetChecksum(name) {
  const path = join(examples, name, 'package-lock.json');
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  delete lock.packages['node_modules/im-panel'].integrity;
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
}

async function example(name, dependencies, relock) {
  const dir = join(examples, name);
  const started = performance.now();
  if (relock) {
    // Named, so npm reads the tarball's dependencies again instead of the lock's.
    await npm(['install', ...quiet, '../im-panel.tgz'], dir);
    forgetChecksum(name);
  } else {
    checkLock(name, dependencies);
    await npm(['ci', ...quiet], dir);
  }
  const installed = performance.now();
  await npm(['run', 'build', '--', ...exampleBuilds[name]], dir);
  const seconds = (from, to) => ((to - from) / 1000).toFixed(1);
  console.log(`examples/${name}: installed in ${seconds(started, installed)} s, type-checked and built in ${seconds(installed, performance.now())} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const relock = process.argv.includes('--lock');
  const dependencies = pack();
  // Side by side: one installs while another builds. Measured in turns on a two-core machine
  // shared with other work, the three took 87-95 s so, against 133-170 s one after another.
  const results = await Promise.allSettled(Object.keys(exampleBuilds).map((name) => example(name, dependencies, relock)));
  const failed = results.filter((result) => result.status === 'rejected');
  for (const { reason } of failed) console.error(reason.message);
  if (failed.length) process.exit(1);
}
