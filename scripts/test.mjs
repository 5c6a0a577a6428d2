// `npm test`: every check, in the order that fails fastest. Stops at the first
// failing step and exits non-zero.
import { spawnSync } from 'node:child_process';
import { findChromium, howToGetChromium } from './browser.mjs';

if (!findChromium()) {
  console.error(howToGetChromium);
  process.exit(1);
}

const steps = [
  ['type-check', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
  ['type-check model/ and backend/ without DOM or Node', 'tsc', ['-p', 'tsconfig.pure.json', '--noEmit']],
  ['lint', 'eslint', ['.']],
  ['unit tests', 'npm', ['run', '--silent', 'test:unit']],
  ['component tests in Chromium', 'npm', ['run', '--silent', 'test:components']],
  // The server tests load the built bundle, as a host page would.
  ['build', 'npm', ['run', '--silent', 'build']],
  // The README's React, Vue and Angular apps, each installed with the packed package and built by its own toolchain.
  ['framework examples: install, type-check, build', 'node', ['scripts/examples.mjs']],
  ['server tests', 'npm', ['run', '--silent', 'test:server']],
  // A plain host page against the hub server, the packed package installed in a fresh folder, the framework examples.
  ['end-to-end and package tests', 'npm', ['run', '--silent', 'test:e2e']],
];

// How long each step took, printed at the end: where CI's minutes go.
const took = [];
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const bin = command === 'npm' || command === 'node' ? command : `node_modules/.bin/${command}`;
  const started = performance.now();
  const { status } = spawnSync(bin, args, { stdio: 'inherit' });
  took.push(`${Math.round((performance.now() - started) / 1000)} s  ${name}`);
  if (status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(status ?? 1);
  }
}
console.log(`\n${took.join('\n')}`);
