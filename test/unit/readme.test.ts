import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderExamples, shownFiles } from '../../scripts/readme-examples.js';

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssProperties?: { name: string }[];
}

const readme = readFileSync('README.md', 'utf8');
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as { modules: { declarations?: Declaration[] }[] };
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
const messenger = elements.find((d) => d.tagName === 'im-messenger')!;
const mentions = (name: string) => readme.includes(`\`${name}\``);

describe('README.md, for host page authors', () => {
  it("documents every attribute and event of <im-messenger> that custom-elements.json lists", () => {
    const missing = [...(messenger.attributes ?? []), ...(messenger.events ?? [])].map((x) => x.name).filter((name) => !mentions(name));
    assert.deepEqual(missing, [], 'add them to Configuration or Events');
  });

  it('lists every CSS custom property the elements document', () => {
    const names = new Set(elements.flatMap((d) => d.cssProperties ?? []).map((p) => p.name));
    assert.deepEqual([...names].filter((name) => !mentions(name)), [], 'add them to Theming');
  });

  it("lists every environment variable the server reads", () => {
    const source = ['server/main.ts', 'server/auth.ts'].map((path) => readFileSync(path, 'utf8')).join('\n');
    const names = new Set([...source.matchAll(/process\.env\.(\w+)/g)].map((m) => m[1]));
    assert.ok(names.size >= 5);
    assert.deepEqual([...names].filter((name) => !mentions(name)), [], 'add them to The server');
  });

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(((?:docs|test|src|server|stories)\/[^)#\s]+)\)/g)].map((m) => m[1]);
    assert.ok(links.includes('docs/panel.png') && links.includes('docs/hub-contract.md'));
    assert.deepEqual(links.filter((path) => !existsSync(path)), []);
  });

  it('shows the React, Vue and Angular examples as their files in examples/ are', () => {
    for (const file of ['examples/react/src/Messages.tsx', 'examples/vue/src/Messages.vue', 'examples/angular/src/app/messages.ts']) {
      assert.ok(shownFiles(readme).includes(file), `the README shows ${file}`);
    }
    // On failure: run `npm run docs` and commit the README.
    assert.equal(renderExamples(readme), readme, "README.md's framework snippets differ from examples/: run `npm run docs`");
  });
});
