// Implements: TL-009, TL-015
/**
 * Finds comments and docstrings in source text with web-tree-sitter: one-shot for scanning files,
 * incremental for editor buffers. Grammars load lazily, once per language; every tree, query and
 * parser is freed explicitly, since wasm memory is not garbage-collected.
 */
import { Parser, type Tree } from 'web-tree-sitter';
import type { CommentSpan } from './commentSpan';
import { deleteGrammar, loadGrammar, type Grammar } from './grammar';
import { languageById } from './languages';
import { COMMENT_LEXERS } from './lexers';
import { collectSpans, collectSpansNear } from './spanCollector';
import { changedRange, rereadWindow, spliceSpans, withSyntaxChanges } from './spanReuse';
import { applyChange, editFor, type TextChange } from './textChanges';
import { codeUnits, type CodeUnit } from './units';
import { defaultWasmLocator } from './wasmLocator';

export type { CommentSpan } from './commentSpan';
export type { TextChange } from './textChanges';
export type { CodeUnit, CodeUnitKind } from './units';

/** Options of {@link CommentParser.commentSpans}. */
export interface SpanOptions {
  /**
   * UTF-16 offsets (in any order): only the spans containing one of them are returned, exactly
   * those the full list holds, with symbols computed for them alone. For scans that already know
   * where candidate IDs sit; offsets outside the text are ignored.
   */
  readonly near?: readonly number[];
}

/** Maps a wasm file name (`tree-sitter.wasm`, `tree-sitter-c.wasm`) to its path. */
export type WasmLocator = (fileName: string) => string;

// The wasm runtime is process-wide and can be initialised only once.
let runtime: Promise<void> | undefined;

function initRuntime(locateWasm: WasmLocator): Promise<void> {
  runtime ??= Parser.init({ locateFile: (name: string) => locateWasm(name) })
    .catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
  return runtime;
}

function parseOrThrow(grammar: Grammar, text: string, oldTree?: Tree): Tree {
  const tree = grammar.parser.parse(text, oldTree);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${grammar.spec.name}`);
  return tree;
}

/**
 * Comment spans of one language's source text. `commentSpans` and `openDocument` are synchronous,
 * so a grammar must be loaded first with `await parser.loadLanguage(id)`; loading is lazy and
 * cached, and later calls resolve at once.
 */
export class CommentParser {
  private readonly pending = new Map<string, Promise<Grammar>>();
  private readonly grammars = new Map<string, Grammar>();
  /** Languages read by a comment lexer rather than a grammar, by id. */
  private readonly lexers = new Map<string, (text: string) => CommentSpan[]>();
  private readonly documents = new Set<ParsedDocument>();
  private disposed = false;

  private constructor(private readonly locateWasm: WasmLocator) {}

  /**
   * A parser. The wasm runtime (initialised once per process) is loaded by the first
   * `loadLanguage`, which every parse needs, so a process that never parses (a CLI whose scan
   * workers do the parsing) never pays for it. `locateWasm` defaults to `dist/wasm/`, then
   * node_modules.
   */
  static async create(locateWasm: WasmLocator = defaultWasmLocator): Promise<CommentParser> {
    return new CommentParser(locateWasm);
  }

  /**
   * Loads the grammar of `languageId` and compiles its queries, once. Rejects for unknown ids. A
   * language read by a comment lexer has nothing to load.
   */
  async loadLanguage(languageId: string): Promise<void> {
    this.assertLive();
    const lexed = languageById(languageId);
    if (lexed?.lexer) {
      this.lexers.set(languageId, COMMENT_LEXERS[lexed.lexer]);
      return;
    }
    let pending = this.pending.get(languageId);
    if (!pending) {
      const spec = languageById(languageId);
      pending = spec && !spec.lexer
        ? initRuntime(this.locateWasm).then(() => loadGrammar(spec, this.locateWasm(spec.wasm)))
        : Promise.reject(new Error(`Unknown language: ${languageId}`));
      this.pending.set(languageId, pending);
    }
    const grammar = await pending;
    if (this.disposed) {
      // Disposed while loading: nothing else will free it.
      if (this.grammars.get(languageId) !== grammar) deleteGrammar(grammar);
      this.assertLive();
    }
    this.grammars.set(languageId, grammar);
  }

  /** Whether `loadLanguage(languageId)` has completed, so the synchronous methods can be used. */
  isLoaded(languageId: string): boolean {
    return this.grammars.has(languageId) || this.lexers.has(languageId);
  }

  /**
   * The comments and docstrings of `text`, in document order; with `near`, only those containing
   * one of its offsets. The grammar must be loaded.
   */
  commentSpans(languageId: string, text: string, options: SpanOptions = {}): CommentSpan[] {
    const lexer = this.lexer(languageId);
    if (lexer) return options.near ? spansHolding(lexer(text), options.near) : lexer(text);
    const grammar = this.grammar(languageId);
    const tree = parseOrThrow(grammar, text);
    try {
      return options.near ? collectSpansNear(tree, text, grammar, options.near) : collectSpans(tree, text, grammar);
    } finally {
      tree.delete();
    }
  }

  /**
   * The named definitions of `text` (functions, methods, classes…), in document order; none for a
   * language read by a comment lexer. The grammar must be loaded.
   */
  codeUnits(languageId: string, text: string): CodeUnit[] {
    if (this.lexer(languageId)) return [];
    const grammar = this.grammar(languageId);
    const tree = parseOrThrow(grammar, text);
    try {
      return codeUnits(tree, grammar.definitionQuery, { spec: grammar.spec, commentTypes: grammar.commentTypes, text });
    } finally {
      tree.delete();
    }
  }

  /** Parses `text` and keeps its tree for incremental updates. The grammar must be loaded. */
  openDocument(languageId: string, text: string): ParsedDocument {
    const onDispose = (closed: ParsedDocument) => this.documents.delete(closed);
    const lexer = this.lexer(languageId);
    const document = lexer ? new LexedDocument(languageId, lexer, text, onDispose) : new GrammarDocument(this.grammar(languageId), text, onDispose);
    this.documents.add(document);
    return document;
  }

  /** Frees every open document, parser and query. The instance is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const document of [...this.documents]) document.dispose();
    for (const grammar of this.grammars.values()) deleteGrammar(grammar);
    this.grammars.clear();
    this.lexers.clear();
  }

  private lexer(languageId: string): ((text: string) => CommentSpan[]) | undefined {
    this.assertLive();
    return this.lexers.get(languageId);
  }

  private grammar(languageId: string): Grammar {
    this.assertLive();
    const grammar = this.grammars.get(languageId);
    if (grammar) return grammar;
    if (!languageById(languageId)) throw new Error(`Unknown language: ${languageId}`);
    throw new Error(`The ${languageId} grammar is not loaded: await parser.loadLanguage('${languageId}') first`);
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('CommentParser has been disposed');
  }
}

/** The spans of `spans` (in document order) that hold one of `near`: `[start, end)` contains it. */
function spansHolding(spans: readonly CommentSpan[], near: readonly number[]): CommentSpan[] {
  return spans.filter((span) => near.some((offset) => offset >= span.start && offset < span.end));
}

/** An editor buffer kept parsed, whose comments stay current through its edits. */
export interface ParsedDocument {
  /** Language id of the document. */
  readonly languageId: string;
  /**
   * Moves to `newText`, described by `changes` (UTF-16 offsets, each relative to the text as left by
   * the changes before it, like VS Code's `contentChanges`).
   */
  update(newText: string, changes: readonly TextChange[]): void;
  /** The comments and docstrings of the current text, in document order. */
  commentSpans(): CommentSpan[];
  /** Frees what the document holds. */
  dispose(): void;
}

/**
 * A buffer of a language read by a comment lexer: lexing is linear and cheap, so each version is
 * lexed afresh (on first need) rather than patched.
 */
class LexedDocument implements ParsedDocument {
  private spans: CommentSpan[] | undefined;
  private disposed = false;

  constructor(
    readonly languageId: string,
    private readonly lexer: (text: string) => CommentSpan[],
    private text: string,
    private readonly onDispose: (document: ParsedDocument) => void,
  ) {}

  update(newText: string): void {
    this.assertLive();
    if (newText === this.text) return;
    this.text = newText;
    this.spans = undefined;
  }

  commentSpans(): CommentSpan[] {
    this.assertLive();
    this.spans ??= this.lexer(this.text);
    return this.spans;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.onDispose(this);
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('ParsedDocument has been disposed');
  }
}

/** A buffer of a language with a grammar: edits re-parse incrementally from the previous tree. */
class GrammarDocument implements ParsedDocument {
  private tree: Tree | undefined;
  private spans: CommentSpan[] | undefined;

  constructor(
    private readonly grammar: Grammar,
    private text: string,
    private readonly onDispose: (document: ParsedDocument) => void,
  ) {
    this.tree = parseOrThrow(grammar, text);
  }

  /** Language id of the document. */
  get languageId(): string {
    return this.grammar.spec.id;
  }

  /**
   * Moves to `newText`, described by `changes` (UTF-16 offsets, each relative to the text as left by
   * the changes before it, like VS Code's `contentChanges`). When the changes do not lead to
   * `newText`, the text is parsed afresh rather than trusting a wrongly edited tree.
   */
  update(newText: string, changes: readonly TextChange[]): void {
    const tree = this.liveTree();
    if (changes.length === 0 && newText === this.text) return;
    const consistent = this.editTree(tree, newText, changes);
    const next = parseOrThrow(this.grammar, newText, consistent ? tree : undefined);
    const previousSpans = this.spans;
    const previousLength = this.text.length;
    this.tree = next;
    this.text = newText;
    this.spans = undefined;
    try {
      const edited = consistent ? changedRange(changes) : undefined;
      if (previousSpans && edited) {
        const { spec, commentTypes } = this.grammar;
        const window = rereadWindow(next, withSyntaxChanges(edited, tree, next), spec, commentTypes);
        const fresh = collectSpans(next, newText, this.grammar, window);
        this.spans = spliceSpans(previousSpans, fresh, window, newText.length - previousLength);
      }
    } finally {
      tree.delete();
    }
  }

  /** Edits `tree` along `changes`; false when they do not turn the current text into `newText`. */
  private editTree(tree: Tree, newText: string, changes: readonly TextChange[]): boolean {
    let current = this.text;
    try {
      for (const change of changes) {
        const edit = editFor(current, change);
        current = applyChange(current, change);
        tree.edit(edit);
      }
    } catch {
      return false;
    }
    return current === newText;
  }

  /** The comments and docstrings of the current text, in document order. */
  commentSpans(): CommentSpan[] {
    this.spans ??= collectSpans(this.liveTree(), this.text, this.grammar);
    return this.spans;
  }

  /** Frees the tree. */
  dispose(): void {
    if (!this.tree) return;
    this.tree.delete();
    this.tree = undefined;
    this.onDispose(this);
  }

  private liveTree(): Tree {
    if (!this.tree) throw new Error('ParsedDocument has been disposed');
    return this.tree;
  }
}
