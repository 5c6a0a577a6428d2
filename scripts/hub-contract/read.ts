/**
 * Reading the TypeScript contract: the model sources parsed once, the JSDoc,
 * properties and union members the documents are made from, and the check that
 * the command types agree with the runtime shapes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { commandNames, commandSchemas, type Field } from '../../src/model/commands.js';

export const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

interface Source {
  file: ts.SourceFile;
  interfaces: Map<string, ts.InterfaceDeclaration>;
  aliases: Map<string, ts.TypeAliasDeclaration>;
}

function load(path: string): Source {
  const file = ts.createSourceFile(path, readFileSync(root(path), 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeAliasDeclaration>();
  for (const statement of file.statements) {
    if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
    if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement);
  }
  return { file, interfaces, aliases };
}

/** The JSDoc text of a declaration, on one line. */
export function docOf(node: ts.Node): string {
  const texts = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '');
  return oneLine(texts.join(' '));
}

/** The `/** … *\/` comment written in `text` (between union members, where TypeScript attaches no JSDoc). */
function commentIn(text: string): string {
  const all = [...text.matchAll(/\/\*\*([\s\S]*?)\*\//g)];
  const last = all.at(-1)?.[1];
  return last ? oneLine(last.replace(/^\s*\*\s?/gm, '')) : '';
}

export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
export const typeText = (node: ts.TypeNode) => oneLine(node.getText());
export const nameOf = (member: ts.TypeElement) => (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : '?');

export interface Prop {
  name: string;
  type: ts.TypeNode;
  optional: boolean;
  doc: string;
}

export function propsOf(members: ts.NodeArray<ts.TypeElement>): Prop[] {
  return members.filter(ts.isPropertySignature).map((member) => ({
    name: nameOf(member),
    type: member.type!,
    optional: Boolean(member.questionToken),
    doc: docOf(member),
  }));
}

/** The members of a union written one per line, each with the comment before it. */
export function unionMembers(alias: ts.TypeAliasDeclaration): { node: ts.TypeNode; doc: string }[] {
  const union = alias.type;
  if (!ts.isUnionTypeNode(union)) throw new Error(`${alias.name.text} is not a union`);
  const text = alias.getSourceFile().text;
  return union.types.map((node, i) => ({
    node,
    doc: commentIn(text.slice(i === 0 ? union.pos : union.types[i - 1].end, node.getStart())),
  }));
}

/** The string value of a `type: 'x'` discriminator in a type literal. */
export function discriminator(node: ts.TypeNode): string | undefined {
  if (!ts.isTypeLiteralNode(node)) return undefined;
  const type = node.members.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && nameOf(m) === 'type');
  return type?.type && ts.isLiteralTypeNode(type.type) && ts.isStringLiteral(type.type.literal) ? type.type.literal.text : undefined;
}

export const commands = load('src/model/commands.ts');
export const events = load('src/model/events.ts');
export const types = load('src/model/types.ts');
export const errors = load('src/model/errors.ts');

export function commandArgs(): Map<string, { doc: string; props: Prop[]; empty: boolean }> {
  const decl = commands.interfaces.get('CommandArgs')!;
  const out = new Map<string, { doc: string; props: Prop[]; empty: boolean }>();
  for (const member of decl.members.filter(ts.isPropertySignature)) {
    const type = member.type!;
    out.set(nameOf(member), {
      doc: docOf(member),
      props: ts.isTypeLiteralNode(type) ? propsOf(type.members) : [],
      empty: !ts.isTypeLiteralNode(type),
    });
  }
  return out;
}

export function commandResults(): Map<string, { doc: string; type: ts.TypeNode }> {
  const decl = commands.interfaces.get('CommandResults')!;
  return new Map(decl.members.filter(ts.isPropertySignature).map((m) => [nameOf(m), { doc: docOf(m), type: m.type! }]));
}

/**
 * The contract checked against itself before anything is written: every
 * command has argument and result types, and each field's optionality in
 * TypeScript is the runtime shape's.
 */
export function checkContract() {
  const args = commandArgs();
  const results = commandResults();
  const names = [...commandNames].sort();
  assertSame([...args.keys()].sort(), names, 'CommandArgs and commandSchemas name different commands');
  assertSame([...results.keys()].sort(), names, 'CommandResults and commandSchemas name different commands');
  for (const name of commandNames) {
    const schema: Record<string, Field> = commandSchemas[name];
    const { props } = args.get(name)!;
    assertSame(props.map((p) => p.name).sort(), Object.keys(schema).sort(), `${name}: the type's fields and the schema's differ`);
    for (const prop of props) {
      if (prop.optional !== Boolean(schema[prop.name].optional)) throw new Error(`${name}.${prop.name}: optional in one of the type and the schema only`);
    }
  }
}

function assertSame(a: string[], b: string[], message: string) {
  if (a.join() !== b.join()) throw new Error(`${message}: ${a.join(', ')} vs ${b.join(', ')}`);
}
