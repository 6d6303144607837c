// Implements: TL-013
/**
 * Symbol attribution: which definition a comment documents or sits inside, named as
 * `Container.member` (`PumpController.setRate`, `Pump.start`), `.` for every language.
 */
import type { Node } from 'web-tree-sitter';
import type { DefinitionRule, GrammarLanguage } from './languages';

/** Node types seen as comments by the language's query, precomputed for sibling walks. */
export interface SymbolContext {
  readonly spec: GrammarLanguage;
  readonly commentTypes: ReadonlySet<string>;
  readonly text: string;
}

/** Strips whitespace and type arguments, and writes scopes with `.` (`Foo<T>::bar` → `Foo.bar`). */
function normalizeName(raw: string): string {
  let name = raw.replace(/\s+/g, '');
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(/<[^<>]*>/g, '').replace(/\[[^[\]]*\]/g, '');
  }
  return name.replace(/::|\\/g, '.').replace(/^[*&.]+/, '');
}

/** The node naming a C-style declarator chain, and whether the chain declares a function. */
function followDeclarators(node: Node): { name: Node; isFunction: boolean } {
  let current = node;
  let isFunction = false;
  for (;;) {
    if (current.type === 'function_declarator') isFunction = true;
    const inner = current.childForFieldName('declarator');
    if (!inner) return { name: current, isFunction };
    current = inner;
  }
}

/** The unqualified name of `node` under `rule`, or undefined when it does not define a named thing. */
function ownName(node: Node, rule: DefinitionRule): string | undefined {
  if (rule.valueTypes) {
    const value = node.childForFieldName('value');
    if (!value || !rule.valueTypes.includes(value.type)) return undefined;
  }
  let nameNode = rule.nameChild
    ? node.namedChildren.find((child) => child !== null && rule.nameChild!.includes(child.type)) ?? null
    : node.childForFieldName(rule.nameField ?? 'name');
  if (!nameNode) return undefined;
  if (rule.declarator) {
    const followed = followDeclarators(nameNode);
    if (rule.functionOnly && !followed.isFunction) return undefined;
    nameNode = followed.name;
  }
  const name = normalizeName(nameNode.text);
  if (!name) return undefined;
  if (rule.receiver) {
    const holder = node.childForFieldName(rule.receiver.field);
    const type = holder?.descendantsOfType(rule.receiver.type)[0];
    if (type) return `${normalizeName(type.text)}.${name}`;
  }
  return name;
}

/** The qualified name of a definition node, or undefined when it is not one. */
export function definitionName(node: Node, spec: GrammarLanguage): string | undefined {
  const rule = spec.definitions[node.type];
  if (!rule) return undefined;
  const name = ownName(node, rule);
  if (name === undefined) return undefined;
  const scopes: string[] = [];
  for (let parent = node.parent; parent; parent = parent.parent) {
    const parentRule = spec.definitions[parent.type];
    if (!parentRule?.container) continue;
    const scope = ownName(parent, parentRule);
    if (scope !== undefined) scopes.push(scope);
  }
  return scopes.length === 0 ? name : `${scopes.reverse().join('.')}.${name}`;
}

/** The definition `node` is or wraps (`export_statement`, decorators, templates), if any. */
function unwrapDefinition(node: Node, context: SymbolContext): string | undefined {
  const { spec } = context;
  let current: Node | null = node;
  while (current) {
    if (spec.definitions[current.type]) return definitionName(current, spec);
    if (!spec.wrappers.includes(current.type)) return undefined;
    let inner: Node | null = current.firstNamedChild;
    while (inner && (context.commentTypes.has(inner.type) || spec.annotations.includes(inner.type))) {
      inner = inner.nextNamedSibling;
    }
    current = inner;
  }
  return undefined;
}

/** The innermost named definition strictly enclosing `node`. */
function enclosingDefinition(node: Node, spec: GrammarLanguage): string | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (!spec.definitions[parent.type]) continue;
    const name = definitionName(parent, spec);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** Last row a node occupies; a line comment that swallows its newline ends at column 0 of the next row. */
export function lastRow(node: Node): number {
  const end = node.endPosition;
  return end.column === 0 && end.row > node.startPosition.row ? end.row - 1 : end.row;
}

/** True when code precedes the comment on its line: a trailing comment. */
export function isTrailing(comment: Node, text: string): boolean {
  for (let i = comment.startIndex - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return false;
    if (code !== 32 && code !== 9) return true;
  }
  return false;
}

/**
 * The definition a run of comments documents: the next sibling after adjacent comments and
 * annotations, when it starts on the line right after them (a blank line breaks the link).
 */
function followingDefinition(comment: Node, context: SymbolContext): string | undefined {
  let row = lastRow(comment);
  let next = comment.nextSibling;
  while (next && next.startPosition.row <= row + 1) {
    if (context.commentTypes.has(next.type) || context.spec.annotations.includes(next.type)) {
      row = lastRow(next);
      next = next.nextSibling;
      continue;
    }
    return next.isNamed ? unwrapDefinition(next, context) : undefined;
  }
  return undefined;
}

/**
 * The symbol of a comment node: the definition it documents (the one directly after it), or the
 * innermost enclosing definition. A trailing comment belongs to the definition it trails on the
 * same line (`int f(void) { … } // REQ-1`), else to the enclosing one.
 */
export function commentSymbol(comment: Node, context: SymbolContext): string | undefined {
  const { innerDocPrefixes } = context.spec;
  if (innerDocPrefixes?.some((prefix) => context.text.startsWith(prefix, comment.startIndex))) {
    return enclosingDefinition(comment, context.spec);
  }
  if (isTrailing(comment, context.text)) {
    const previous = comment.previousSibling;
    const trailed = previous && previous.isNamed ? unwrapDefinition(previous, context) : undefined;
    return trailed ?? enclosingDefinition(comment, context.spec);
  }
  return followingDefinition(comment, context) ?? enclosingDefinition(comment, context.spec);
}

/** The symbol of a docstring: the class or function whose body it opens; none for a module. */
export function docstringSymbol(docstring: Node, spec: GrammarLanguage): string | undefined {
  return enclosingDefinition(docstring, spec);
}

/**
 * The symbol of a comment found inside a preprocessor directive's text: the macro it trails
 * (`#define MAX(a, b) … // REQ-1` → `MAX`), else the enclosing definition.
 */
export function macroCommentSymbol(argument: Node, context: SymbolContext): string | undefined {
  const directive = argument.parent;
  if (!directive) return undefined;
  return unwrapDefinition(directive, context) ?? enclosingDefinition(directive, context.spec);
}
