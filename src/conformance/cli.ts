#!/usr/bin/env node
/// <reference types="node" />
/**
 * `npx im-panel-conformance --hub <url> --fixture <file>`: proves that a backend answers
 * the panel's hub contract, from outside, against a running hub. Prints a pass/fail line a
 * check and exits 1 if any failed (2 if it could not run at all).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseFixture } from './fixture.js';
import { runConformance, type Outcome } from './run.js';

const usage = `Usage: im-panel-conformance --hub <hub URL> --fixture <fixture.json> [--only <text>] [--json]

  --hub      the hub's URL, as the panel's hub-url (e.g. https://lms.example/hub)
  --fixture  the test people, their tokens and courses (format: docs/hub-contract.md,
             "Proving a backend: the conformance suite")
  --only     run only the checks whose name contains <text> (connecting always runs)
  --json     print the outcomes as JSON lines instead of text`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

let options: { hub?: string; fixture?: string; only?: string; json?: boolean; help?: boolean };
try {
  options = parseArgs({
    options: { hub: { type: 'string' }, fixture: { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}
if (!options.hub || !/^https?:\/\//.test(options.hub)) fail('--hub needs the hub’s http(s) URL.');
if (!options.fixture) fail('--fixture needs the fixture file.');
let fixtureText: string;
try {
  fixtureText = readFileSync(options.fixture, 'utf8');
} catch (error) {
  fail(`The fixture ${options.fixture} can't be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}
let fixture;
try {
  fixture = parseFixture(fixtureText);
} catch (error) {
  fail((error as Error).message);
}

let section = '';
const print = (outcome: Outcome) => {
  if (options.json) return console.log(JSON.stringify(outcome));
  if (outcome.section !== section) console.log(`\n${(section = outcome.section)}`);
  const label = { pass: 'pass', fail: 'FAIL', 'not tried': '--  ' }[outcome.result];
  console.log(`  ${label}  ${outcome.name}${outcome.reason ? `\n        ${outcome.result === 'not tried' ? 'not tried: ' : ''}${outcome.reason}` : ''}`);
};

if (!options.json) console.log(`Hub contract conformance: ${options.hub}`);
const outcomes = await runConformance({ hubUrl: options.hub, fixture, ...(options.only ? { only: options.only } : {}), report: print });
const count = (result: Outcome['result']) => outcomes.filter((o) => o.result === result).length;
const failed = count('fail');
const notTried = count('not tried') ? `, ${count('not tried')} not tried (the fixture lacks what they need)` : '';
if (!options.json) console.log(`\n${count('pass')} passed, ${failed} failed${notTried}${failed ? '' : ': the hub answers the contract'}.`);
process.exit(failed ? 1 : 0);
