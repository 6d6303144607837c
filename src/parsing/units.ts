// Implements: TL-216
/**
 * Code units: the functions, methods, classes and other named definitions of a syntax tree, each
 * with the rows a tag tracing it may go to. Named as comment symbols are (`Pump.start`), so a unit
 * and the references attributed to it meet by name.
 */
import type { Node, Query, Tree } from 'web-tree-sitter';
import type { GrammarLanguage } from './languages';
import { definitionName, isTrailing, lastRow, type SymbolContext } from './symbols';

/** What a unit is, for lists of code to trace: callables, types, or anything else named (YAML keys, Make rules). */
export type CodeUnitKind = 'function' | 'type' | 'other';

/** One named definition. Rows are 0-based. */
export interface CodeUnit {
  /** Qualified name, as comment symbols are named (`PumpController.setRate`). */
  readonly name: string;
  readonly kind: CodeUnitKind;
  /** First row of the definition node itself. */
  readonly row: number;
  /** First row with what wraps it: decorators, `export`, `template <…>`, a declaration list. */
  readonly startRow: number;
  /**
   * First row of the comments and annotations (doc comment, attributes) directly above it, with
   * no blank line between; `startRow` when there are none. A new tag goes here.
   */
  readonly leadingRow: number;
  /** Last row of the definition. */
  readonly endRow: number;
}

/**
 * How a definition node type reads: callables by their grammar names, and definitions whose rule
 * only admits functions (prototypes, `const f = () => …`); types by theirs; the rest is `other`.
 */
function kindOf(type: string, spec: GrammarLanguage): CodeUnitKind {
  const rule = spec.definitions[type]!;
  if (rule.functionOnly || rule.valueTypes || /function|method|constructor|destructor|macro/.test(type)) return 'function';
  return /class|struct|interface|trait|impl|enum|union|record|object|module|type/.test(type) ? 'type' : 'other';
}

/** Whether `node` is a comment or an annotation (decorator, attribute) of the language. */
function isCommentOrAnnotation(node: Node, context: SymbolContext): boolean {
  return context.commentTypes.has(node.type) || context.spec.annotations.includes(node.type);
}

/** Whether `parent`'s named children are `child` and comments or annotations (stopping at the first other). */
function wrapsOnly(parent: Node, child: Node, context: SymbolContext): boolean {
  for (let i = 0; i < parent.namedChildCount; i++) {
    const other = parent.namedChild(i);
    if (other && other.id !== child.id && !isCommentOrAnnotation(other, context)) return false;
  }
  return true;
}

/**
 * The outermost node that wraps the definition and nothing else (`export const f = () => …`,
 * `@decorator def f`, `template <…> class C`): a wrapper whose other children are comments or
 * annotations only.
 */
function outermostWrapper(definition: Node, context: SymbolContext): Node {
  let anchor = definition;
  for (let parent = anchor.parent; parent && context.spec.wrappers.includes(parent.type); parent = parent.parent) {
    if (!wrapsOnly(parent, anchor, context)) break;
    anchor = parent;
  }
  return anchor;
}

/**
 * First row of the comments and annotations right above `anchor`, each on the row after the
 * previous one ends (a blank line breaks the run; a comment trailing code is not part of it). A
 * node that opens its parent (Python's first statement of a class body) is looked above from its parent.
 */
function leadingRowOf(anchor: Node, context: SymbolContext): number {
  let row = anchor.startPosition.row;
  let current = anchor;
  for (;;) {
    const previous: Node | null = current.previousSibling;
    if (!previous) {
      const parent = current.parent;
      if (!parent || parent.startIndex !== current.startIndex) return row;
      current = parent;
      continue;
    }
    if (!isCommentOrAnnotation(previous, context) || lastRow(previous) < row - 1) return row;
    if (context.commentTypes.has(previous.type) && isTrailing(previous, context.text)) return row;
    row = previous.startPosition.row;
    current = previous;
  }
}

/** Every named definition of the tree, in document order (outer before inner). */
export function codeUnits(tree: Tree, definitionQuery: Query, context: SymbolContext): CodeUnit[] {
  const { spec } = context;
  const units: CodeUnit[] = [];
  for (const { node } of definitionQuery.captures(tree.rootNode)) {
    const name = definitionName(node, spec);
    if (name === undefined) continue;
    const anchor = outermostWrapper(node, context);
    units.push({
      name, kind: kindOf(node.type, spec), row: node.startPosition.row, startRow: anchor.startPosition.row,
      leadingRow: leadingRowOf(anchor, context), endRow: lastRow(node),
    });
  }
  return units;
}
