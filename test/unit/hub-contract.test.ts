import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { docPath, generatedSections, render } from '../../scripts/hub-contract-doc.js';
import { commandNames, commandSchemas } from '../../src/model/commands.js';

describe('docs/hub-contract.md', () => {
  const committed = readFileSync(docPath, 'utf8');
  const sections = generatedSections();

  it('is what `npm run docs` makes of the TypeScript contract now', () => {
    // On failure: run `npm run docs` and commit the document.
    assert.equal(render(committed, sections), committed, 'docs/hub-contract.md is stale: run `npm run docs`');
  });

  it('documents every hub method with every field of its argument', () => {
    for (const name of commandNames) {
      const heading = committed.indexOf(`\n### ${name}\n`);
      assert.notEqual(heading, -1, `no section for ${name}`);
      const section = committed.slice(heading, committed.indexOf('\n### ', heading + 1));
      for (const field of Object.keys(commandSchemas[name])) assert.match(section, new RegExp(`\\| \`${field}\` \\|`), `${name}.${field}`);
    }
  });

  it('gives the ASP.NET team one C# hub method per command, each with one argument', () => {
    const hub = /public interface IImHub\n\{\n([\s\S]*?)\n\}/.exec(sections.csharp)?.[1] ?? '';
    const methods = [...hub.matchAll(/^ {4}Task(?:<.+>)? (\w+)\((\w+) args\);$/gm)].map((m) => m[1]);
    assert.deepEqual(
      methods,
      commandNames.map((n) => n[0].toUpperCase() + n.slice(1)),
    );
    assert.match(sections.csharp, /public interface IImClient\n\{\n[\s\S]*Task Event\(EventEnvelope envelope\);/);
  });

  it('refuses a contract whose types and runtime shapes disagree', () => {
    const schema = commandSchemas.markRead as Record<string, unknown>;
    schema.extra = { type: 'int', min: 0, max: 1 };
    try {
      assert.throws(() => generatedSections(), /markRead: the type's fields and the schema's differ/);
    } finally {
      delete schema.extra;
    }
  });
});
