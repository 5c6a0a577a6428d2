// `npm test`: every check, the quick ones first, one at a time. Stops at the first failing
// step and exits non-zero. (Steps side by side were tried: on two cores, tests that wait for
// timers and renders ran out of time, WebKit's beside Chromium's too.)
import { spawn } from 'node:child_process';
import { findChromium, findFirefox, findWebKit, howToGetChromium, howToGetFirefox, howToGetWebKit } from './browser.mjs';
import { WEBKIT_LOG } from './webkit.mjs';

if (!findChromium()) {
  console.error(howToGetChromium);
  process.exit(1);
}

// Firefox and WebKit run the component tests and the plain page too. One not installed is
// skipped on a laptop, with a line saying how to get it; in CI (CI=true) it is a failure.
const engines = [];
for (const [name, found, howToGet] of [
  ['firefox', findFirefox(), howToGetFirefox],
  ['webkit', findWebKit(), howToGetWebKit],
]) {
  if (found) engines.push(name);
  else if (process.env.CI === 'true') {
    console.error(`✖ ${howToGet}`);
    process.exit(1);
  } else console.log(`⚠ Skipping ${name}: ${howToGet}`);
}
const inEngines = { IM_BROWSERS: engines.join(',') };

/** [name, command, args, environment] */
const steps = [
  ['type-check', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
  ['type-check model/ and backend/ without DOM or Node', 'tsc', ['-p', 'tsconfig.pure.json', '--noEmit']],
  ['lint', 'eslint', ['.']],
  ['unit tests', 'npm', ['run', '--silent', 'test:unit']],
  ['component tests in Chromium', 'npm', ['run', '--silent', 'test:components']],
  // Both at once, one page each (scripts/wtr-browsers.mjs).
  ...(engines.length ? [[`component tests in ${engines.join(' and ')}`, 'npm', ['run', '--silent', 'test:components'], inEngines]] : []),
  // The server tests load the built bundle, as a host page would; the examples install the packed package.
  ['build', 'npm', ['run', '--silent', 'build']],
  // The README's React, Vue and Angular apps, each installed with the packed package and built by its own toolchain.
  ['framework examples: install, type-check, build', 'node', ['scripts/examples.mjs']],
  ['server tests', 'npm', ['run', '--silent', 'test:server']],
  // Every story in light, dark and right to left: no error, no axe violation, its play function, its screenshot.
  ['stories in Chromium', 'npm', ['run', '--silent', 'test:stories']],
  // A plain host page against the hub server (in Chromium, and in the engines above), the packed package installed in a fresh folder, the framework examples.
  ['end-to-end and package tests', 'npm', ['run', '--silent', 'test:e2e'], inEngines],
];

/**
 * What WebKitWebDriver answers once MiniBrowser has gone (crashed) under a run: the browser's
 * end, not a test's failure. Seen once in a CI run of the component tests, and not again in
 * the runs before and after it.
 */
const BROWSER_GONE = /WebDriverError: invalid session id/;

/** Runs a command, its output shown as it comes and kept (the last of it) to look at after. */
function run(bin, args, env) {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: ['inherit', 'pipe', 'pipe'], env });
    let output = '';
    const tee = (stream) => (chunk) => {
      stream.write(chunk);
      output = (output + chunk).slice(-100_000);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (status) => resolve({ status, output }));
  });
}

// How long each step took, printed at the end: where CI's minutes go.
const took = [];
for (const [name, command, args, environment = {}] of steps) {
  console.log(`\n▶ ${name}`);
  const bin = command === 'npm' || command === 'node' ? command : `node_modules/.bin/${command}`;
  const started = performance.now();
  const env = { ...process.env, ...environment };
  let { status, output } = await run(bin, args, env);
  // A browser that went away is run again, once, and said so; a test that failed is not.
  if (status !== 0 && BROWSER_GONE.test(output)) {
    console.log(`\n⚠ ${name}: the browser went away under the run (WebDriver: invalid session id; WebKit's own words are in ${WEBKIT_LOG}); running the step once more`);
    ({ status } = await run(bin, args, env));
  }
  took.push(`${Math.round((performance.now() - started) / 1000)} s  ${name}`);
  if (status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(status ?? 1);
  }
}
console.log(`\n${took.join('\n')}`);
