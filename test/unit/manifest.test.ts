import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

describe('custom-elements.json', () => {
  it('is what `npm run analyze` makes of the components now', () => {
    // The analyzer takes --outdir relative to the working directory.
    const dir = join('node_modules', '.cache', `cem-check-${process.pid}`);
    try {
      execFileSync('node_modules/.bin/cem', ['analyze', '--outdir', dir], { stdio: 'pipe' });
      // Compared by module path: the analyzer's order follows the file system's.
      const byPath = (manifest: { modules: { path: string }[] }) => ({ ...manifest, modules: [...manifest.modules].sort((a, b) => a.path.localeCompare(b.path)) });
      const fresh = byPath(JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8')));
      const committed = byPath(JSON.parse(readFileSync('custom-elements.json', 'utf8')));
      assert.deepEqual(committed, fresh, 'custom-elements.json is stale: run `npm run analyze` and commit it');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
