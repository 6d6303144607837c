/**
 * Which fields a StrictDoc node may have: the document's `[GRAMMAR]` (ELEMENTS, each `- TAG:`
 * with `FIELDS:` of `- TITLE:` entries) or, without one, StrictDoc's default grammar. The reader
 * uses it to report unknown fields and node types, as StrictDoc itself rejects them.
 */

/** The fields each node type may have, or `undefined` when they cannot be known here. */
export interface SdocGrammar {
  /** Field names by node type; a type absent here is not declared. */
  readonly elements: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * True when the grammar lives in another file (`IMPORT_FROM_FILE:`): a reader sees one file,
   * so nothing can be said about types and fields.
   */
  readonly imported: boolean;
}

/**
 * StrictDoc's default grammar (`DocumentGrammar.create_default`), with the fields of the
 * grammar before 0.0.30 (`BODY`, `SPECIAL_FIELDS`) that older documents still use.
 */
const DEFAULT_REQUIREMENT = ['MID', 'UID', 'LEVEL', 'STATUS', 'TAGS', 'TITLE', 'STATEMENT', 'RATIONALE', 'COMMENT', 'BODY', 'SPECIAL_FIELDS'];
const DEFAULT_TEXT = ['MID', 'UID', 'LEVEL', 'TITLE', 'STATEMENT'];
const DEFAULT_SECTION = ['MID', 'UID', 'LEVEL', 'TITLE', 'PREFIX', 'REQ_PREFIX'];

/** The grammar of a document without a `[GRAMMAR]` block. */
export const DEFAULT_SDOC_GRAMMAR: SdocGrammar = {
  elements: new Map([
    ['REQUIREMENT', new Set(DEFAULT_REQUIREMENT)],
    ['TEXT', new Set(DEFAULT_TEXT)],
    ['SECTION', new Set(DEFAULT_SECTION)],
  ]),
  imported: false,
};

/** Structural node types every document has, declared or not. */
const BUILT_IN: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['SECTION', new Set(DEFAULT_SECTION)],
  ['TEXT', new Set(DEFAULT_TEXT)],
  ['DOCUMENT_FROM_FILE', new Set(['FILE'])],
  ['FRAGMENT_FROM_FILE', new Set(['FILE'])],
]);

/**
 * The grammar declared by the lines of a `[GRAMMAR]` block (without its header). Lines it does not
 * understand are ignored: the grammar only decides which field problems are reported.
 */
export function parseSdocGrammar(lines: readonly string[]): SdocGrammar {
  const elements = new Map<string, Set<string>>();
  let imported = false;
  let fields: Set<string> | undefined;
  let inFields = false;
  for (const line of lines) {
    if (/^IMPORT_FROM_FILE:/.test(line)) imported = true;
    const tag = /^- TAG:\s*([A-Z][A-Z0-9_]*)\s*$/.exec(line);
    if (tag) {
      fields = new Set();
      elements.set(tag[1]!, fields);
      inFields = false;
      continue;
    }
    // `  FIELDS:`, `  RELATIONS:`, `  PROPERTIES:`: which list the entries below belong to.
    const block = /^ {2}([A-Z_]+):\s*$/.exec(line);
    if (block) {
      inFields = block[1] === 'FIELDS';
      continue;
    }
    const field = /^ {2}- TITLE:\s*([A-Z][A-Za-z0-9_-]*)\s*$/.exec(line);
    if (field && inFields && fields) fields.add(field[1]!);
  }
  return { elements, imported };
}

/**
 * The fields a node of `type` may have in a document of `grammar`: undefined when the grammar is
 * imported, and `null` when the type is declared nowhere.
 */
export function fieldsOf(grammar: SdocGrammar, type: string): ReadonlySet<string> | undefined | null {
  if (grammar.imported) return undefined;
  return grammar.elements.get(type) ?? BUILT_IN.get(type) ?? null;
}
