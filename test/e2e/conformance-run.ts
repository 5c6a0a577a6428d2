/** The conformance suite's bin (from dist/), run as a backend team runs it, against a demo server's hub. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoFixture } from '../../scripts/conformance-fixture.js';
import type { Fixture } from '../../src/conformance/fixture.js';

/** Runs the bin against `hubUrl` with a fresh fixture of the demo school at `origin` (as `edit` changes it); its exit status and lines. */
export async function conformance(hubUrl: string, origin: string, extra: string[] = [], edit = (fixture: Fixture) => fixture) {
  assert.ok(existsSync('dist/conformance/cli.js'), 'dist/ is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'im-conformance-fixture-'));
  const fixture = join(dir, 'fixture.json');
  writeFileSync(fixture, JSON.stringify(edit(await demoFixture(origin))));
  // Not spawnSync: the hub under test may be served by this very process.
  const run = await new Promise<{ status: number | null; stdout: string }>((done) => {
    const child = execFile(process.execPath, ['dist/conformance/cli.js', '--hub', hubUrl, '--fixture', fixture, ...extra], { encoding: 'utf8', timeout: 120_000 }, (_error, stdout) =>
      done({ status: child.exitCode, stdout }),
    );
  });
  rmSync(dir, { recursive: true, force: true });
  const lines = run.stdout.split('\n');
  return {
    status: run.status,
    stdout: run.stdout,
    passed: lines.filter((l) => l.startsWith('  pass  ')).map((l) => l.slice(8)),
    failed: lines.filter((l) => l.startsWith('  FAIL  ')).map((l) => l.slice(8)),
    notTried: lines.filter((l) => l.startsWith('  --  ')).map((l) => l.slice(8)),
  };
}
