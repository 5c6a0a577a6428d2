/**
 * Runs the conformance checks against a hub, one after another, and reports each as it
 * ends: what was checked, passed or failed, and for a failure what the hub answered.
 */
import { AssertionError } from 'node:assert/strict';
import { ImError } from '../model/errors.js';
import { connectionChecks, coverageCheck, errorChecks, eventChecks, fileChecks, remainingMethods } from './checks/protocol.js';
import { limitCheck, ruleChecks } from './checks/rules.js';
import { tidyChecks } from './checks/tidy.js';
import { Context, NotTried } from './context.js';
import type { Fixture } from './fixture.js';

export interface Check {
  /** The contract's section it proves. */
  section: string;
  name: string;
  run(ctx: Context): Promise<void>;
}

export interface Outcome {
  section: string;
  name: string;
  result: 'pass' | 'fail' | 'not tried';
  /** Why it failed, or why it was not tried. */
  reason?: string;
  ms: number;
}


/** Every check, in the order they run: connecting first (the others need the people connected), coverage last. */
export const checks: Check[] = [...connectionChecks, ...errorChecks, ...ruleChecks, ...tidyChecks, ...eventChecks, ...fileChecks, remainingMethods, limitCheck, coverageCheck];

export interface RunOptions {
  hubUrl: string;
  fixture: Fixture;
  /** Only the checks whose name contains this. Connecting always runs. */
  only?: string;
  /** Hears each outcome as it comes. */
  report?(outcome: Outcome): void;
}

/** Runs the checks; resolves to every outcome. A check failing does not stop the others, but nothing runs if nobody can connect. */
export async function runConformance({ hubUrl, fixture, only, report = () => undefined }: RunOptions): Promise<Outcome[]> {
  const hub = hubUrl.replace(/\/+$/, '');
  const apiUrl = (fixture.api ?? new URL('/api', hub).href).replace(/\/+$/, '');
  const ctx = new Context(hub, apiUrl, fixture);
  const outcomes: Outcome[] = [];
  const chosen = checks.filter((c) => !only || c.section === 'Connecting' || c.name.includes(only));
  try {
    for (const check of chosen) {
      const started = Date.now();
      let outcome: Outcome;
      try {
        await check.run(ctx);
        outcome = { section: check.section, name: check.name, result: 'pass', ms: Date.now() - started };
      } catch (error) {
        const result = error instanceof NotTried ? 'not tried' : 'fail';
        outcome = { section: check.section, name: check.name, result, reason: reasonOf(error), ms: Date.now() - started };
      }
      outcomes.push(outcome);
      report(outcome);
      if (outcome.result === 'fail' && check.section === 'Connecting' && Object.keys(ctx.sessions).length < Object.keys(fixture.people).length) break;
    }
  } finally {
    await Promise.all(Object.values(ctx.sessions).map((s) => s.stop().catch(() => undefined)));
  }
  return outcomes;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof ImError && error.code === 'rate-limited') {
    const seconds = Math.ceil(Number(error.details?.retryAfterMs ?? 60_000) / 1000);
    return `${error.message} The hub's per-user limit (rate-limited) stopped the check: runs less than a minute apart share it. Run again in ${seconds} s, or raise the limit for the test people.`;
  }
  const firstLine = error.message.split('\n')[0];
  // An assertion with our own message says what was expected, not what came: add both.
  if (error instanceof AssertionError && !error.generatedMessage) return `${firstLine} (got ${brief(error.actual)}, expected ${brief(error.expected)})`;
  return firstLine;
}

function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
