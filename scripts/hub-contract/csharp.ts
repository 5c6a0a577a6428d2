/** The C# sketch of the hub for ASP.NET Core: its interfaces and the records and constants they use. */
import ts from 'typescript';
import { commandNames } from '../../src/model/commands.js';
import { commandArgs, commandResults, commands, discriminator, docOf, errors, events, nameOf, propsOf, types, unionMembers, type Prop } from './read.js';

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
      const nullable = ts.isUnionTypeNode(result.type) && result.type.types.some(isNullish) ? '?' : '';
      const returns = result.type.kind === ts.SyntaxKind.LiteralType && result.type.getText() === 'null' ? 'Task' : `Task<${this.type(result.type, `${pascal(name)}Result`)}${nullable}>`;
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

export function csharpSection(): string {
  return ['```csharp', new CSharp().render(), '```'].join('\n');
}
