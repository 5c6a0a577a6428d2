/** The Markdown sections: method tables, events, shared shapes, error codes and the attachment policy. */
import type { ServerResponse } from 'node:http';
import ts from 'typescript';
import { sendError } from '../../server/http.js';
import { defaultAttachmentPolicy } from '../../src/model/attachments.js';
import { commandNames, commandSchemas, type Field } from '../../src/model/commands.js';
import { ImError, type ErrorCode } from '../../src/model/errors.js';
import { commandArgs, commandResults, discriminator, docOf, errors, events, oneLine, propsOf, typeText, types, unionMembers, type Prop } from './read.js';

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
  'rate-limited': 'The user did this too often in a short time: new messages (`details.limit` per `details.windowMs`, default 60 a minute), reactions (60 a minute) or abuse reports (20 an hour). `details.retryAfterMs` says when it will be taken again. Also an upload past the quota of files attached and not sent (`details.what` is `uploads`, default 200 MB). Limits are per user, configurable by the host.',
  'too-many-pinned': 'The user has pinned as many conversations as they may (`details.limit`, default 15, configurable by the host): they unpin one first. The limit keeps every pinned conversation on the list\'s first page.',
  unavailable: 'Not connected, or the server could not be reached. Made by the client for a dropped connection; a server may use it while it is shutting down.',
  internal: 'Anything unexpected. The server logs it and sends only `{ code: "internal", message: "Internal error" }`.',
};

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
    case 'boolean':
      return '`true` or `false`';
    case 'string[]':
      return `at most ${field.maxItems} ${field.values ? `of ${field.values.map((v) => code(v)).join(', ')}` : 'ids of 1–100 characters'}; repeats dropped`;
    case 'recipients':
      return `at most ${field.maxItems} of \`{ type: 'person' \\| 'course' \\| 'project', id }\` (id 1–100 characters); repeats dropped`;
  }
}

export function methodsSection(): string {
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

export function eventsSection(): string {
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

export function typesSection(): string {
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

export function errorsSection(): string {
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

export function policySection(): string {
  const { maxBytes, maxFiles, allowedExtensions } = defaultAttachmentPolicy;
  return [
    `- At most ${maxBytes.toLocaleString('en-US')} bytes (${maxBytes / 1024 / 1024} MiB) per file, ${maxFiles} files per message.`,
    `- File name extensions allowed (without case): ${allowedExtensions.join(', ')}.`,
    '- Refused whatever the name: `text/html`, `application/xhtml+xml`, JavaScript types, `image/svg+xml` (it can carry script) and Windows executables.',
  ].join('\n');
}
