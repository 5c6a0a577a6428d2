// `npm test`: every check, the quick ones first. Stops at the first failing step and exits
// non-zero. Chromium's component tests and Firefox's and WebKit's run side by side: the other
// two engines test one page at a time and mostly wait, so beside Chromium's they cost little
// more time than Chromium's alone. Everything else runs alone: with more at once on two cores,
// tests that wait for timers and renders ran out of time.
import { spawn } from 'node:child_process';
import { findChromium, findFirefox, findWebKit, howToGetChromium, howToGetFirefox, howToGetWebKit } from './browser.mjs';

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

/** [name, command, args, environment]; a stage is one step, or lanes (lists of steps) run side by side. */
const stages = [
  ['type-check', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
  ['type-check model/ and backend/ without DOM or Node', 'tsc', ['-p', 'tsconfig.pure.json', '--noEmit']],
  ['lint', 'eslint', ['.']],
  ['unit tests', 'npm', ['run', '--silent', 'test:unit']],
  [
    [['component tests in Chromium', 'npm', ['run', '--silent', 'test:components']]],
    // Both at once, one page each (scripts/wtr-browsers.mjs); on a port of their own, as the runner beside picks its port from 8000 up.
    engines.length ? [[`component tests in ${engines.join(' and ')}`, 'npm', ['run', '--silent', 'test:components', '--', '--port', '8800'], inEngines]] : [],
  ],
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

/** How long each step took, printed at the end: where CI's minutes go. */
const took = [];

/** Runs a step; its output is printed whole when it ends, so lanes side by side don't interleave. Resolves to whether it passed. */
function run([name, command, args, environment = {}], alone) {
  const bin = command === 'npm' || command === 'node' ? command : `node_modules/.bin/${command}`;
  const started = performance.now();
  if (alone) console.log(`\n▶ ${name}`);
  const child = spawn(bin, args, { stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...environment } });
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (status) => {
      const seconds = Math.round((performance.now() - started) / 1000);
      took.push(`${seconds} s  ${name}`);
      if (!alone) process.stdout.write(`\n▶ ${name} (${seconds} s, beside other lanes)\n${Buffer.concat(output).toString()}`);
      if (status !== 0) console.error(`\n✖ ${name} failed`);
      resolve(status === 0);
    });
  });
}

/** Runs a lane's steps one after the other, stopping at a failure. */
async function lane(steps) {
  for (const step of steps) if (!(await run(step, false))) return false;
  return true;
}

for (const stage of stages) {
  const passed = Array.isArray(stage[0]) ? (await Promise.all(stage.map(lane))).every(Boolean) : await run(stage, true);
  if (!passed) process.exit(1);
}
console.log(`\n${took.join('\n')}`);
