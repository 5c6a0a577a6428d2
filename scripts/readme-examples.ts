/**
 * Writes the README's framework snippets from the examples' files, so what a reader copies
 * is what scripts/examples.mjs builds and test/e2e/frameworks.test.ts drives. A snippet is
 * marked with the file it shows:
 *
 *     <!-- example:examples/react/src/Messages.tsx (npm run docs) -->
 *     ```tsx
 *     …the file…
 *     ```
 *     <!-- /example -->
 *
 * A JSON file's part is named by its keys after `#` (`examples/angular/angular.json#projects.angular…`).
 *
 * `npm run docs` rewrites the README; test/unit/readme.test.ts fails when the committed
 * README differs from what this makes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));

const marked = /(<!-- example:(\S+) \(npm run docs\) -->)[\s\S]*?(<!-- \/example -->)/g;
const languages: Record<string, string> = { '.tsx': 'tsx', '.ts': 'ts', '.vue': 'vue' };

/** The files the README shows, in order. */
export const shownFiles = (readme: string) => [...readme.matchAll(marked)].map((m) => m[2]);

/** A file as it is now, or the part of a JSON file its keys name; and its fence's language. */
function snippet(path: string): { text: string; language: string } {
  const [file, keys] = path.split('#');
  const text = readFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), 'utf8');
  if (!keys) return { text: text.trimEnd(), language: languages[extname(file)] ?? '' };
  const part = keys.split('.').reduce((value: Record<string, unknown>, key) => value[key] as Record<string, unknown>, JSON.parse(text));
  return { text: JSON.stringify(part, null, 2), language: 'json' };
}

/** The README with every marked snippet replaced by what it shows as it is now. */
export function renderExamples(readme: string): string {
  return readme.replace(marked, (_, begin: string, path: string, end: string) => {
    const { text, language } = snippet(path);
    return `${begin}\n\`\`\`${language}\n${text}\n\`\`\`\n${end}`;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const before = readFileSync(readmePath, 'utf8');
  const after = renderExamples(before);
  if (after !== before) writeFileSync(readmePath, after);
  console.log(after === before ? `${readmePath} is up to date.` : `Wrote ${readmePath}.`);
}
