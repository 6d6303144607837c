/**
 * A loaded grammar: the tree-sitter language with its parser and compiled queries, built once per
 * language and process and freed together.
 */
import { Language, Parser, Query } from 'web-tree-sitter';
import type { GrammarLanguage } from './languages';

/** Everything needed to parse one language and read its comments. */
export interface Grammar {
  readonly spec: GrammarLanguage;
  readonly language: Language;
  readonly parser: Parser;
  readonly commentQuery: Query;
  readonly docstringQuery?: Query;
  /** Captures every node of a definition type (`spec.definitions`) as `@definition`, for code units. */
  readonly definitionQuery: Query;
  /** Node types captured as `@comment`, to recognise comment siblings without re-running queries. */
  readonly commentTypes: ReadonlySet<string>;
}

/** Node types named in the patterns that capture `@comment`. */
function commentTypesOf(querySource: string): Set<string> {
  const types = new Set<string>();
  for (const line of querySource.split('\n')) {
    if (!/@comment\b/.test(line)) continue;
    for (const match of line.matchAll(/\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) types.add(match[1]!);
  }
  return types;
}

/** Loads a grammar wasm from `wasmPath` and compiles the spec's queries against it. */
export async function loadGrammar(spec: GrammarLanguage, wasmPath: string): Promise<Grammar> {
  const language = await Language.load(wasmPath);
  const parser = new Parser();
  let commentQuery: Query | undefined;
  let definitionQuery: Query | undefined;
  try {
    parser.setLanguage(language);
    commentQuery = new Query(language, spec.commentQuery);
    definitionQuery = new Query(language, `[${Object.keys(spec.definitions).map((type) => `(${type})`).join(' ')}] @definition`);
    const docstringQuery = spec.docstringQuery === undefined ? undefined : new Query(language, spec.docstringQuery);
    return { spec, language, parser, commentQuery, docstringQuery, definitionQuery, commentTypes: commentTypesOf(spec.commentQuery) };
  } catch (error) {
    commentQuery?.delete();
    definitionQuery?.delete();
    parser.delete();
    throw new Error(`Cannot use the ${spec.name} grammar (${spec.wasm}): ${(error as Error).message}`);
  }
}

/** Frees the grammar's parser and queries (wasm memory is not garbage-collected). */
export function deleteGrammar(grammar: Grammar): void {
  grammar.commentQuery.delete();
  grammar.docstringQuery?.delete();
  grammar.definitionQuery.delete();
  grammar.parser.delete();
}
