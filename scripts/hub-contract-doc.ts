/**
 * Writes the generated parts of docs/hub-contract.md from the TypeScript
 * contract, so the document cannot drift from the code: the method tables from
 * `commandSchemas` and the `CommandArgs`/`CommandResults` types, the events from
 * `ImEvent`, the shared shapes from model/types.ts, the error codes with the
 * HTTP statuses the server really answers, the attachment policy, and the C#
 * sketch for an ASP.NET Core hub. Prose outside the markers is hand-written.
 *
 * `npm run docs` rewrites the file; test/unit/hub-contract.test.ts fails when
 * the committed file differs from what this makes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { csharpSection } from './hub-contract/csharp.js';
import { errorsSection, eventsSection, methodsSection, policySection, typesSection } from './hub-contract/markdown.js';
import { checkContract, root } from './hub-contract/read.js';

export const docPath = root('docs/hub-contract.md');

// ---- The document

/** Each generated section by its marker name. */
export function generatedSections(): Record<string, string> {
  checkContract();
  return {
    methods: methodsSection(),
    events: eventsSection(),
    types: typesSection(),
    errors: errorsSection(),
    'attachment-policy': policySection(),
    csharp: csharpSection(),
  };
}

const begin = (name: string) => `<!-- generated:${name} (npm run docs) -->`;
const end = (name: string) => `<!-- /generated:${name} -->`;

/** The document with every marked section replaced by what the contract says now. */
export function render(document: string, sections = generatedSections()): string {
  let out = document;
  for (const [name, body] of Object.entries(sections)) {
    const start = out.indexOf(begin(name));
    const stop = out.indexOf(end(name));
    if (start === -1 || stop < start) throw new Error(`${docPath} lacks the markers ${begin(name)} … ${end(name)}`);
    out = `${out.slice(0, start + begin(name).length)}\n\n${body}\n\n${out.slice(stop)}`;
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const before = readFileSync(docPath, 'utf8');
  const after = render(before);
  if (after !== before) writeFileSync(docPath, after);
  console.log(after === before ? `${docPath} is up to date.` : `Wrote ${docPath}.`);
}
