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
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { sendError } from '../server/http.js';
import { defaultAttachmentPolicy } from '../src/model/attachments.js';
import { commandNames, commandSchemas, type Field } from '../src/model/commands.js';
import { ImError, type ErrorCode } from '../src/model/errors.js';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
export const docPath = root('docs/hub-contract.md');

/** What each code means and when it comes; typed by `ErrorCode`, so a new code fails the type-check until it is described here. */
const errorMeanings: Record<ErrorCode, string> = {
  invalid: 'The arguments break a rule of their shape (`details.field` names the first bad one), or the request makes no sense (an empty message, a client id reused for another message).',
  unauthenticated: 'No token, or a token that is malformed, forged or expired; or the user no longer exists. The client asks its token factory again.',
  forbidden: 'The user may not do this here (not a participant, not a moderator, an origin not allowed).',
  'not-found': 'No such conversation, message, user, attachment or hub method, or one the user has no access to (the two answer alike, so ids reveal nothing).',
  'conversation-closed': 'The conversation was closed by a moderator or its creator: history stays, nobody can send.',
  'conversation-deleted': 'The course conversation was deleted: its history is read-only; `startCourseConversation` starts a new one.',
  'read-only': 'Mass messages and weekly course updates (system conversations) are read-only.',
  'too-many-recipients': 'More than 300 unique people. `details.reason` says which rule, `details.max` is 300, `details.uniqueCount` is the count when only the backend could see it.',
  'messaging-disabled': 'Messaging is turned off for the recipients: `details.kind` is `one-to-one`, `group` or `course`; `details.people` lists them (`Person[]`). Or for the sender themselves: `details.self` is `true`.',
  'no-course-conversation': 'A student sent to a course over 300 people that has no course conversation (never started, or deleted): only the course\'s teachers and administrators start one. `details.courseId`.',
  'not-a-contact': 'The school\'s communication rules do not let the sender start a conversation with these people (students: the teachers of their courses and the students of their class, by default). `details.people` lists them (`Person[]`).',
  'file-too-large': 'A file is over the size limit. `details.name`, `details.maxBytes`.',
  'file-type-not-allowed': 'A file type outside the allow-list ("Sorry, you can\'t send NAME"). `details.name`.',
  'rate-limited': 'The user did this too often in a short time: new messages (`details.limit` per `details.windowMs`, default 60 a minute) or abuse reports (20 an hour). `details.retryAfterMs` says when it will be taken again. Also an upload past the quota of files attached and not sent (`details.what` is `uploads`, default 200 MB). Limits are per user, configurable by the host.',
  unavailable: 'Not connected, or the server could not be reached. Made by the client for a dropped connection; a server may use it while it is shutting down.',
  internal: 'Anything unexpected. The server logs it and sends only `{ code: "internal", message: "Internal error" }`.',
};

// ---- Reading the TypeScript contract

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
function docOf(node: ts.Node): string {
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

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const typeText = (node: ts.TypeNode) => oneLine(node.getText());
const nameOf = (member: ts.TypeElement) => (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : '?');

interface Prop {
  name: string;
  type: ts.TypeNode;
  optional: boolean;
  doc: string;
}

function propsOf(members: ts.NodeArray<ts.TypeElement>): Prop[] {
  return members.filter(ts.isPropertySignature).map((member) => ({
    name: nameOf(member),
    type: member.type!,
    optional: Boolean(member.questionToken),
    doc: docOf(member),
  }));
}

/** The members of a union written one per line, each with the comment before it. */
function unionMembers(alias: ts.TypeAliasDeclaration): { node: ts.TypeNode; doc: string }[] {
  const union = alias.type;
  if (!ts.isUnionTypeNode(union)) throw new Error(`${alias.name.text} is not a union`);
  const text = alias.getSourceFile().text;
  return union.types.map((node, i) => ({
    node,
    doc: commentIn(text.slice(i === 0 ? union.pos : union.types[i - 1].end, node.getStart())),
  }));
}

/** The string value of a `type: 'x'` discriminator in a type literal. */
function discriminator(node: ts.TypeNode): string | undefined {
  if (!ts.isTypeLiteralNode(node)) return undefined;
  const type = node.members.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && nameOf(m) === 'type');
  return type?.type && ts.isLiteralTypeNode(type.type) && ts.isStringLiteral(type.type.literal) ? type.type.literal.text : undefined;
}

const commands = load('src/model/commands.ts');
const events = load('src/model/events.ts');
const types = load('src/model/types.ts');
const errors = load('src/model/errors.ts');

function commandArgs(): Map<string, { doc: string; props: Prop[]; empty: boolean }> {
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

function commandResults(): Map<string, { doc: string; type: ts.TypeNode }> {
  const decl = commands.interfaces.get('CommandResults')!;
  return new Map(decl.members.filter(ts.isPropertySignature).map((m) => [nameOf(m), { doc: docOf(m), type: m.type! }]));
}

/**
 * The contract checked against itself before anything is written: every
 * command has argument and result types, and each field's optionality in
 * TypeScript is the runtime shape's.
 */
function checkContract() {
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

// ---- Markdown

const code = (text: string) => `\`${text.replace(/\|/g, '\\|')}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|');
const anchor = (name: string) => name.toLowerCase();

function constraint(field: Field): string {
  const int = (n: number) => (n === Number.MAX_SAFE_INTEGER ? '2⁵³−1' : n.toLocaleString('en-US'));
  switch (field.type) {
    case 'string':
      return field.min ? `${field.min}–${int(field.max)} characters, not blank` : `at most ${int(field.max)} characters`;
    case 'int':
      return `whole number, ${int(field.min)}–${int(field.max)}`;
    case 'enum':
      return `one of ${field.values.map((v) => code(v)).join(', ')}`;
    case 'string[]':
      return `at most ${field.maxItems} ${field.values ? `of ${field.values.map((v) => code(v)).join(', ')}` : 'ids of 1–100 characters'}; repeats dropped`;
    case 'recipients':
      return `at most ${field.maxItems} of \`{ type: 'person' \\| 'course' \\| 'project', id }\` (id 1–100 characters); repeats dropped`;
  }
}

function methodsSection(): string {
  const args = commandArgs();
  const results = commandResults();
  const lines: string[] = [
    `${commandNames.length} methods. Each takes exactly one argument, an object (\`{}\` when it has no fields); unknown fields are ignored, \`null\` counts as absent.`,
    '',
    '| method | argument fields | result |',
    '|---|---|---|',
  ];
  for (const name of commandNames) {
    const { props } = args.get(name)!;
    const fields = props.length ? props.map((p) => `${p.name}${p.optional ? '?' : ''}`).join(', ') : '—';
    lines.push(`| [\`${name}\`](#${anchor(name)}) | ${fields} | ${code(typeText(results.get(name)!.type))} |`);
  }
  for (const name of commandNames) {
    const { doc, props } = args.get(name)!;
    const result = results.get(name)!;
    const schema: Record<string, Field> = commandSchemas[name];
    lines.push('', `### ${name}`, '');
    if (doc) lines.push(doc, '');
    if (props.length === 0) lines.push('Argument: `{}`.');
    else {
      lines.push('| field | type | required | rule |', '|---|---|---|---|');
      for (const prop of props) {
        lines.push(`| \`${prop.name}\` | ${code(typeText(prop.type))} | ${prop.optional ? 'no' : 'yes'} | ${constraint(schema[prop.name])} |`);
      }
    }
    lines.push('', `Result: ${code(typeText(result.type))}${result.doc ? ` — ${result.doc}` : ''}`);
  }
  return lines.join('\n');
}

function fieldsTable(props: Prop[], skip: string[] = []): string[] {
  const rows = props.filter((p) => !skip.includes(p.name));
  if (rows.length === 0) return [];
  return [
    '| field | type | |',
    '|---|---|---|',
    ...rows.map((p) => `| \`${p.name}${p.optional ? '?' : ''}\` | ${code(typeText(p.type))} | ${cell(p.doc)} |`),
  ];
}

function eventsSection(): string {
  const envelope = events.interfaces.get('EventEnvelope')!;
  const lines = ['The client method `event` receives one argument, an `EventEnvelope`:', '', ...fieldsTable(propsOf(envelope.members)), ''];
  lines.push('`ImEvent` is one of these, told apart by `type`:', '');
  for (const { node, doc } of unionMembers(events.aliases.get('ImEvent')!)) {
    const type = discriminator(node);
    if (!type || !ts.isTypeLiteralNode(node)) throw new Error(`an ImEvent variant without a type: ${node.getText()}`);
    lines.push(`#### ${type}`, '');
    if (doc) lines.push(doc, '');
    lines.push(...fieldsTable(propsOf(node.members), ['type']), '');
  }
  return lines.join('\n').trimEnd();
}

function typesSection(): string {
  const lines: string[] = [];
  const push = (name: string, node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration) => {
    lines.push(`#### ${name}`, '');
    const doc = docOf(node);
    if (doc) lines.push(doc, '');
    if (ts.isInterfaceDeclaration(node)) {
      const base = node.heritageClauses?.flatMap((h) => h.types.map((t) => t.getText()));
      if (base?.length) lines.push(`Every field of ${base.map((b) => `[${b}](#${anchor(b)})`).join(', ')}, and:`, '');
      lines.push(...fieldsTable(propsOf(node.members)), '');
    } else {
      lines.push('```ts', oneLine(node.getText()).replace(/^export /, ''), '```', '');
    }
  };
  for (const statement of types.file.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && !isIdAlias(statement)) push(statement.name.text, statement);
  }
  push('ErrorShape', errors.interfaces.get('ErrorShape')!);
  return lines.join('\n').trimEnd();
}

/** `type UserId = string` and its kin: said once in prose, not one heading each. */
const isIdAlias = (node: ts.Node) => ts.isTypeAliasDeclaration(node) && node.type.kind === ts.SyntaxKind.StringKeyword;

function errorsSection(): string {
  const lines = ['| code | HTTP status | meaning |', '|---|---|---|'];
  for (const code of Object.keys(errorMeanings) as ErrorCode[]) {
    lines.push(`| \`${code}\` | ${httpStatus(code)} | ${cell(errorMeanings[code])} |`);
  }
  return lines.join('\n');
}

/** The status our server's HTTP endpoints answer for a code, found by asking them. */
function httpStatus(code: ErrorCode): number {
  let status = 0;
  const res = {
    headersSent: false,
    writeHead(s: number) {
      status = s;
      return res;
    },
    end() {},
  };
  const log = console.error;
  console.error = () => {}; // `internal` is logged; not here
  try {
    sendError(res as unknown as ServerResponse, new ImError(code, 'x'));
  } finally {
    console.error = log;
  }
  return status;
}

function policySection(): string {
  const { maxBytes, maxFiles, allowedExtensions } = defaultAttachmentPolicy;
  return [
    `- At most ${maxBytes.toLocaleString('en-US')} bytes (${maxBytes / 1024 / 1024} MiB) per file, ${maxFiles} files per message.`,
    `- File name extensions allowed (without case): ${allowedExtensions.join(', ')}.`,
    '- Refused whatever the name: `text/html`, `application/xhtml+xml`, JavaScript types, `image/svg+xml` (it can carry script) and Windows executables.',
  ].join('\n');
}

// ---- C#

const pascal = (text: string) => text.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase());
/** Text for an XML doc comment, `code` as `<c>code</c>`. */
const xml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/`([^`]+)`/g, '<c>$1</c>');

/** Interfaces another one extends: their records can't be sealed. */
const bases = new Set(
  [types, events, errors].flatMap((s) => [...s.interfaces.values()].flatMap((i) => i.heritageClauses?.flatMap((h) => h.types.map((t) => t.getText())) ?? [])),
);

class CSharp {
  private readonly records = new Map<string, string>();
  private readonly constants = new Map<string, string>();

  /** The C# type for a TypeScript type; inline object types become records named `hint`. */
  type(node: ts.TypeNode, hint: string): string {
    if (node.kind === ts.SyntaxKind.StringKeyword) return 'string';
    if (node.kind === ts.SyntaxKind.NumberKeyword) return 'long';
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'bool';
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return 'string';
    if (ts.isParenthesizedTypeNode(node)) return this.type(node.type, hint);
    if (ts.isArrayTypeNode(node)) return `IReadOnlyList<${this.type(node.elementType, hint.endsWith('s') ? hint.slice(0, -1) : `${hint}Item`)}>`;
    if (ts.isTupleTypeNode(node)) return 'long[]';
    if (ts.isTypeLiteralNode(node)) return this.record(hint, propsOf(node.members), docOf(node));
    if (ts.isUnionTypeNode(node)) {
      const rest = node.types.filter((t) => !isNullish(t));
      if (rest.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) return 'string';
      if (rest.length === 1) return this.type(rest[0], hint);
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText();
      if (name === 'Record') {
        const value = node.typeArguments?.[1];
        return value?.kind === ts.SyntaxKind.NeverKeyword ? this.record('EmptyArgs', [], 'The argument of the methods that take no fields: <c>{}</c>.') : 'IReadOnlyDictionary<string, object?>';
      }
      return this.named(name);
    }
    throw new Error(`no C# mapping for ${node.getText()}`);
  }

  /** A named type of the contract: its record, generated on first use. */
  private named(name: string): string {
    if (this.records.has(name) || this.constants.has(name)) return this.constants.has(name) ? 'string' : name;
    if (name === 'RecipientRef') {
      this.records.set(name, '');
      const text = [
        '/// <summary>A recipient as a command names it: <c>type</c> is <c>person</c>, <c>course</c> or <c>project</c>.</summary>',
        'public sealed record RecipientRef',
        '{',
        '    public required string Type { get; init; }',
        '    public required string Id { get; init; }',
        '}',
      ].join('\n');
      this.records.set(name, text);
      return name;
    }
    const decl = [types, events, errors].map((s) => s.interfaces.get(name) ?? s.aliases.get(name)).find(Boolean);
    if (!decl) throw new Error(`no declaration for ${name}`);
    if (ts.isInterfaceDeclaration(decl)) {
      const base = decl.heritageClauses?.[0]?.types[0]?.getText();
      if (base) this.named(base);
      this.record(name, propsOf(decl.members), docOf(decl), base);
      return name;
    }
    const alias = decl.type;
    if (alias.kind === ts.SyntaxKind.StringKeyword) return 'string';
    if (ts.isUnionTypeNode(alias) && alias.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
      this.constantsOf(name, alias, docOf(decl));
      return 'string';
    }
    if (ts.isUnionTypeNode(alias) && alias.types.every((t) => discriminator(t))) {
      this.polymorphic(name, decl);
      return name;
    }
    throw new Error(`no C# mapping for the alias ${name}`);
  }

  private constantsOf(name: string, union: ts.UnionTypeNode, doc: string) {
    const values = union.types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text);
    const lines = [`/// <summary>The values of <c>${name}</c>${doc ? `: ${xml(doc)}` : '.'}</summary>`, `public static class ${this.constantsName(name)}`, '{'];
    for (const value of values) lines.push(`    public const string ${pascal(value)} = "${value}";`);
    lines.push('}');
    this.constants.set(name, lines.join('\n'));
  }

  /** A union told apart by `type`: an abstract record and one derived record per variant. */
  private polymorphic(name: string, decl: ts.TypeAliasDeclaration) {
    this.records.set(name, '');
    const variants = unionMembers(decl).map(({ node, doc }) => {
      const type = discriminator(node)!;
      return { type, doc, props: propsOf((node as ts.TypeLiteralNode).members).filter((p) => p.name !== 'type'), derived: pascal(type) + (name === 'ImEvent' ? 'Event' : name) };
    });
    const lines = [`/// <summary>${xml(docOf(decl) || name)} Told apart by <c>type</c>.</summary>`, '[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]'];
    for (const v of variants) lines.push(`[JsonDerivedType(typeof(${v.derived}), "${v.type}")]`);
    lines.push(`public abstract record ${name};`);
    this.records.set(name, lines.join('\n'));
    for (const v of variants) this.record(v.derived, v.props, v.doc, name, true);
  }

  private record(name: string, props: Prop[], doc: string, base?: string, sealed = false): string {
    if (this.records.has(name) && this.records.get(name) !== '') return name;
    this.records.set(name, ''); // reserves the place: the order follows first use
    const head = `public ${sealed || !bases.has(name) ? 'sealed ' : ''}record ${name}${base ? ` : ${base}` : ''}`;
    const lines = doc ? [`/// <summary>${xml(doc)}</summary>`] : [];
    if (props.length === 0) {
      lines.push(`${head};`);
    } else {
      lines.push(head, '{');
      for (const prop of props) {
        const type = this.type(prop.type, name.replace(/(Args|Result)$/, '') + pascal(prop.name));
        const summary = [xml(prop.doc), this.valuesNote(prop.type)].filter(Boolean).join(' ');
        if (summary) lines.push(`    /// <summary>${summary}</summary>`);
        lines.push(`    public ${prop.optional ? '' : 'required '}${type}${prop.optional ? '?' : ''} ${pascal(prop.name)} { get; init; }`);
      }
      lines.push('}');
    }
    this.records.set(name, lines.join('\n'));
    return name;
  }

  /** For a string that takes set values: which, or the class of their constants. */
  private valuesNote(node: ts.TypeNode): string {
    if (ts.isUnionTypeNode(node) && node.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
      return `One of ${node.types.map((t) => `<c>${t.getText().replace(/'/g, '"')}</c>`).join(', ')}.`;
    }
    if (ts.isTypeReferenceNode(node) && this.constants.has(node.typeName.getText())) {
      return `One of <see cref="${this.constantsName(node.typeName.getText())}"/>.`;
    }
    return '';
  }

  private constantsName(alias: string): string {
    return alias.endsWith('s') ? `${alias}es` : alias.endsWith('y') ? `${alias.slice(0, -1)}ies` : `${alias}s`;
  }

  hubInterfaces(): string {
    const args = commandArgs();
    const results = commandResults();
    const lines = [
      '/// <summary>The hub at <c>/hub</c>: one method per command, each taking one argument object. Errors: throw <c>HubException("ImError " + json)</c>.</summary>',
      'public interface IImHub',
      '{',
    ];
    for (const name of commandNames) {
      const { doc, props, empty } = args.get(name)!;
      const argType = empty ? this.type(commands.interfaces.get('CommandArgs')!.members.filter(ts.isPropertySignature).find((m) => nameOf(m) === name)!.type!, 'EmptyArgs') : this.record(`${pascal(name)}Args`, props, '');
      const result = results.get(name)!;
      const returns = result.type.kind === ts.SyntaxKind.LiteralType && result.type.getText() === 'null' ? 'Task' : `Task<${this.type(result.type, `${pascal(name)}Result`)}>`;
      const summary = [doc, result.doc ? `Result: ${result.doc}` : ''].filter(Boolean).join(' ');
      if (summary) lines.push(`    /// <summary>${xml(summary)}</summary>`);
      lines.push(`    ${returns} ${pascal(name)}(${argType} args);`);
    }
    lines.push(
      '}',
      '',
      '/// <summary>What the hub calls on its clients (a strongly typed <c>Hub&lt;IImClient&gt;</c>). The JavaScript client matches the name without case.</summary>',
      'public interface IImClient',
      '{',
      `    /// <summary>${xml(docOf(events.aliases.get('ImEvent')!))}</summary>`,
      `    Task Event(${this.named('EventEnvelope')} envelope);`,
      '}',
    );
    return lines.join('\n');
  }

  render(): string {
    const hub = this.hubInterfaces();
    this.named('ErrorShape');
    return [
      'using System.Collections.Generic;',
      'using System.Text.Json;',
      'using System.Text.Json.Serialization;',
      'using System.Threading.Tasks;',
      '',
      hub,
      '',
      ...[...this.records.values()].flatMap((r) => [r, '']),
      ...[...this.constants.values()].flatMap((c) => [c, '']),
    ]
      .join('\n')
      .trimEnd();
  }
}

const isNullish = (t: ts.TypeNode) => t.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword);

function csharpSection(): string {
  return ['```csharp', new CSharp().render(), '```'].join('\n');
}

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
