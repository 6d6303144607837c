// Implements: TL-010, TL-100
/**
 * The languages Tracelens reads: one row of data per tree-sitter grammar. Adding a language means
 * adding a row here (and its grammar package), never a new branch in the parser.
 */

/** How one kind of definition node is named, for symbol attribution. */
export interface DefinitionRule {
  /** Field holding the name; `name` when absent. */
  readonly nameField?: string;
  /** Follow nested `declarator` fields from `nameField` down to the name (C and C++ declarators). */
  readonly declarator?: boolean;
  /** Only a definition when the declarator chain holds a `function_declarator` (prototypes, not variables). */
  readonly functionOnly?: boolean;
  /** Only a definition when the `value` field is one of these types (`const start = () => …`). */
  readonly valueTypes?: readonly string[];
  /** Qualify with the first node of `type` under field `field` (Go method receivers). */
  readonly receiver?: { readonly field: string; readonly type: string };
  /** Whether definitions inside it are qualified with its name (classes, structs, impl blocks). */
  readonly container?: boolean;
  /**
   * The name is the first named child of one of these types, for grammars that give it no field
   * (TOML table headers, Make rule targets).
   */
  readonly nameChild?: readonly string[];
}

/** What every supported language declares, however its comments are found. */
interface LanguageBase {
  /** Stable id used in configuration and reports (`c`, `cpp`, `python`…). */
  readonly id: string;
  /** Human-readable name. */
  readonly name: string;
  /** Lower-case file extensions, with the dot. */
  readonly extensions: readonly string[];
  /** Whole file names (matched case-insensitively) of this language without an extension of it (`Makefile`). */
  readonly fileNames?: readonly string[];
  /** File-name starts (lower case) of this language, such as `dockerfile.` for `Dockerfile.dev`. */
  readonly fileNamePrefixes?: readonly string[];
  /** Line comment token used when inserting a tag. */
  readonly lineComment: string;
  /** Block comment delimiters, when the language has inline block comments. */
  readonly blockComment?: readonly [open: string, close: string];
}

/** A language read with a tree-sitter grammar: its wasm, how to find its comments and how to name its definitions. */
export interface GrammarLanguage extends LanguageBase {
  readonly lexer?: undefined;
  /** File name of the grammar wasm (as copied into `dist/wasm/`). */
  readonly wasm: string;
  /** Package-relative path of the grammar wasm, for `require.resolve` and the build's copy step. */
  readonly wasmPackagePath: string;
  /**
   * Query capturing comments as `@comment`. `@macro` captures preprocessor text in which the
   * grammar leaves C-style comments unparsed (C's `#define X 1 // note`).
   */
  readonly commentQuery: string;
  /** Query capturing candidate docstrings as `@docstring` (Python). */
  readonly docstringQuery?: string;
  /** Definition node types the comments can be attributed to. */
  readonly definitions: Readonly<Record<string, DefinitionRule>>;
  /** Nodes that wrap a definition (`export_statement`, `decorated_definition`, `template_declaration`…). */
  readonly wrappers: readonly string[];
  /** Nodes that may sit between a doc comment and its definition (attributes, decorators). */
  readonly annotations: readonly string[];
  /** Comment openings that document the enclosing item, never the next one (Rust `//!`). */
  readonly innerDocPrefixes?: readonly string[];
}

/**
 * A language without a usable tree-sitter grammar package, read by an exact comment lexer of its
 * own (src/parsing/lexers/): `cmake` follows cmake-language(7), `dockerfile` the Dockerfile parser
 * of the dockerfile-ast package. Its comments carry no symbol.
 */
export interface LexedLanguage extends LanguageBase {
  readonly lexer: 'cmake' | 'dockerfile';
}

/** One supported language. */
export type LanguageSpec = GrammarLanguage | LexedLanguage;

const C_BLOCK = ['/*', '*/'] as const;

const C_COMMENTS = '(comment) @comment\n(preproc_arg) @macro';

const C_DEFINITIONS: Readonly<Record<string, DefinitionRule>> = {
  function_definition: { nameField: 'declarator', declarator: true },
  declaration: { nameField: 'declarator', declarator: true, functionOnly: true },
  struct_specifier: { container: true },
  union_specifier: { container: true },
  enum_specifier: {},
  type_definition: { nameField: 'declarator', declarator: true },
  preproc_function_def: {},
};

const CPP_DEFINITIONS: Readonly<Record<string, DefinitionRule>> = {
  ...C_DEFINITIONS,
  field_declaration: { nameField: 'declarator', declarator: true, functionOnly: true },
  class_specifier: { container: true },
  alias_declaration: {},
  concept_definition: {},
};

const JS_FUNCTION_VALUES = ['arrow_function', 'function_expression', 'generator_function'];

const JS_DEFINITIONS: Readonly<Record<string, DefinitionRule>> = {
  function_declaration: {},
  generator_function_declaration: {},
  class_declaration: { container: true },
  method_definition: {},
  field_definition: { nameField: 'property', valueTypes: JS_FUNCTION_VALUES },
  variable_declarator: { valueTypes: JS_FUNCTION_VALUES },
};

const TS_DEFINITIONS: Readonly<Record<string, DefinitionRule>> = {
  function_declaration: {},
  generator_function_declaration: {},
  function_signature: {},
  class_declaration: { container: true },
  abstract_class_declaration: { container: true },
  interface_declaration: { container: true },
  enum_declaration: {},
  type_alias_declaration: {},
  method_definition: {},
  method_signature: {},
  abstract_method_signature: {},
  public_field_definition: { valueTypes: JS_FUNCTION_VALUES },
  variable_declarator: { valueTypes: JS_FUNCTION_VALUES },
};

/** Key nodes of a TOML table header or pair. */
const TOML_KEYS = ['bare_key', 'dotted_key', 'quoted_key'];

const JS_COMMENTS = '[(comment) (html_comment)] @comment';
const JS_WRAPPERS = ['export_statement', 'lexical_declaration', 'variable_declaration'];
const TS_WRAPPERS = [...JS_WRAPPERS, 'ambient_declaration'];

/** One row per language; order matters only for display. */
const TABLE: LanguageSpec[] = [
  {
    id: 'c',
    name: 'C',
    extensions: ['.c', '.h'],
    wasm: 'tree-sitter-c.wasm',
    wasmPackagePath: 'tree-sitter-c/tree-sitter-c.wasm',
    commentQuery: C_COMMENTS,
    definitions: C_DEFINITIONS,
    wrappers: [],
    annotations: [],
    lineComment: '//',
    blockComment: C_BLOCK,
  },
  {
    id: 'cpp',
    name: 'C++',
    extensions: ['.cc', '.cpp', '.cxx', '.hpp', '.hh', '.hxx'],
    wasm: 'tree-sitter-cpp.wasm',
    wasmPackagePath: 'tree-sitter-cpp/tree-sitter-cpp.wasm',
    commentQuery: C_COMMENTS,
    definitions: CPP_DEFINITIONS,
    wrappers: ['template_declaration'],
    annotations: ['template_parameter_list'],
    lineComment: '//',
    blockComment: C_BLOCK,
  },
  {
    id: 'csharp',
    name: 'C#',
    extensions: ['.cs'],
    wasm: 'tree-sitter-c_sharp.wasm',
    wasmPackagePath: 'tree-sitter-c-sharp/tree-sitter-c_sharp.wasm',
    commentQuery: '(comment) @comment',
    definitions: {
      class_declaration: { container: true },
      struct_declaration: { container: true },
      interface_declaration: { container: true },
      record_declaration: { container: true },
      enum_declaration: {},
      method_declaration: {},
      constructor_declaration: {},
      destructor_declaration: {},
      property_declaration: {},
      local_function_statement: {},
    },
    wrappers: [],
    annotations: [],
    lineComment: '//',
    blockComment: C_BLOCK,
  },
  {
    id: 'java',
    name: 'Java',
    extensions: ['.java'],
    wasm: 'tree-sitter-java.wasm',
    wasmPackagePath: 'tree-sitter-java/tree-sitter-java.wasm',
    commentQuery: '[(line_comment) (block_comment)] @comment',
    definitions: {
      class_declaration: { container: true },
      interface_declaration: { container: true },
      enum_declaration: { container: true },
      record_declaration: { container: true },
      annotation_type_declaration: { container: true },
      method_declaration: {},
      constructor_declaration: {},
    },
    wrappers: [],
    annotations: [],
    lineComment: '//',
    blockComment: C_BLOCK,
  },
  {
    id: 'javascript',
    name: 'JavaScript',
    extensions: ['.js', '.mjs', '.cjs', '.jsx'],
    wasm: 'tree-sitter-javascript.wasm',
    wasmPackagePath: 'tree-sitter-javascript/tree-sitter-javascript.wasm',
    commentQuery: JS_COMMENTS,
    definitions: JS_DEFINITIONS,
    wrappers: JS_WRAPPERS,
    annotations: ['decorator'],
    lineComment: '//',
    blockComment: C_BLOCK,
  },
  {
    id: 'typescript',
    name: 'TypeScript',
    extensions: ['.ts', '.mts', '.cts'],
    wasm: 'tree-sitter-typescript.wasm',
    wasmPackagePath: 'tree-sitter-typescript/tree-sitter-typescript.wasm',
    commentQuery: JS_COMMENTS,
    definitions: TS_DEFINITIONS,
    wrappers: TS_WRAPPERS,
    annotations: ['decorator'],
    lineComment: '//',
    blockComment: C_BLOCK,
  },
  {
    id: 'tsx',
    name: 'TypeScript JSX',
    extensions: ['.tsx'],
    wasm: 'tree-sitter-tsx.wasm',
    wasmPackagePath: 'tree-sitter-typescript/tree-sitter-tsx.wasm',
    commentQuery: JS_COMMENTS,
    definitions: TS_DEFINITIONS,
    wrappers: TS_WRAPPERS,
    annotations: ['decorator'],
    lineComment: '//',
    blockComment: C_BLOCK,
  },
  {
    id: 'python',
    name: 'Python',
    extensions: ['.py', '.pyi'],
    wasm: 'tree-sitter-python.wasm',
    wasmPackagePath: 'tree-sitter-python/tree-sitter-python.wasm',
    commentQuery: '(comment) @comment',
    // Candidates only: the parser keeps those that are the first statement of their body.
    docstringQuery: [
      '(module (expression_statement . (string) @docstring .))',
      '(class_definition body: (block . (expression_statement . (string) @docstring .)))',
      '(function_definition body: (block . (expression_statement . (string) @docstring .)))',
    ].join('\n'),
    definitions: {
      class_definition: { container: true },
      function_definition: {},
    },
    // A comment right after `def f():` or `class C:` is a sibling of the block, not of its first statement.
    wrappers: ['decorated_definition', 'block'],
    annotations: ['decorator'],
    lineComment: '#',
  },
  {
    id: 'go',
    name: 'Go',
    extensions: ['.go'],
    wasm: 'tree-sitter-go.wasm',
    wasmPackagePath: 'tree-sitter-go/tree-sitter-go.wasm',
    commentQuery: '(comment) @comment',
    definitions: {
      function_declaration: {},
      method_declaration: { receiver: { field: 'receiver', type: 'type_identifier' } },
      type_spec: { container: true },
      type_alias: {},
      method_elem: {},
    },
    wrappers: ['type_declaration'],
    annotations: [],
    lineComment: '//',
    blockComment: C_BLOCK,
  },
  {
    id: 'rust',
    name: 'Rust',
    extensions: ['.rs'],
    wasm: 'tree-sitter-rust.wasm',
    wasmPackagePath: 'tree-sitter-rust/tree-sitter-rust.wasm',
    commentQuery: '[(line_comment) (block_comment)] @comment',
    definitions: {
      function_item: {},
      function_signature_item: {},
      struct_item: {},
      enum_item: {},
      union_item: {},
      type_item: {},
      trait_item: { container: true },
      impl_item: { nameField: 'type', container: true },
      macro_definition: {},
    },
    wrappers: [],
    annotations: ['attribute_item', 'inner_attribute_item'],
    innerDocPrefixes: ['//!', '/*!'],
    lineComment: '//',
    blockComment: C_BLOCK,
  },
  {
    id: 'ruby',
    name: 'Ruby',
    extensions: ['.rb'],
    wasm: 'tree-sitter-ruby.wasm',
    wasmPackagePath: 'tree-sitter-ruby/tree-sitter-ruby.wasm',
    commentQuery: '(comment) @comment',
    definitions: {
      method: {},
      singleton_method: {},
      class: { container: true },
      module: { container: true },
    },
    // A comment right after `class X` is a sibling of the body, not of its first method.
    wrappers: ['body_statement'],
    annotations: [],
    lineComment: '#',
  },
  {
    id: 'php',
    name: 'PHP',
    extensions: ['.php'],
    wasm: 'tree-sitter-php.wasm',
    wasmPackagePath: 'tree-sitter-php/tree-sitter-php.wasm',
    commentQuery: '(comment) @comment',
    definitions: {
      function_definition: {},
      method_declaration: {},
      class_declaration: { container: true },
      interface_declaration: { container: true },
      trait_declaration: { container: true },
      enum_declaration: { container: true },
    },
    wrappers: [],
    annotations: [],
    lineComment: '//',
    blockComment: C_BLOCK,
  },
  {
    id: 'bash',
    name: 'Shell',
    extensions: ['.sh', '.bash'],
    wasm: 'tree-sitter-bash.wasm',
    wasmPackagePath: 'tree-sitter-bash/tree-sitter-bash.wasm',
    commentQuery: '(comment) @comment',
    definitions: { function_definition: {} },
    wrappers: [],
    annotations: [],
    lineComment: '#',
  },
  {
    id: 'yaml',
    name: 'YAML',
    extensions: ['.yml', '.yaml'],
    wasm: 'tree-sitter-yaml.wasm',
    wasmPackagePath: '@tree-sitter-grammars/tree-sitter-yaml/tree-sitter-yaml.wasm',
    commentQuery: '(comment) @comment',
    // Keys name what a comment documents, qualified by the keys around them (`jobs.test.steps`).
    definitions: { block_mapping_pair: { nameField: 'key', container: true } },
    wrappers: [],
    annotations: [],
    lineComment: '#',
  },
  {
    id: 'toml',
    name: 'TOML',
    extensions: ['.toml'],
    wasm: 'tree-sitter-toml.wasm',
    wasmPackagePath: '@tree-sitter-grammars/tree-sitter-toml/tree-sitter-toml.wasm',
    commentQuery: '(comment) @comment',
    definitions: {
      table: { nameChild: TOML_KEYS, container: true },
      table_array_element: { nameChild: TOML_KEYS, container: true },
      pair: { nameChild: TOML_KEYS },
    },
    wrappers: [],
    annotations: [],
    lineComment: '#',
  },
  {
    id: 'make',
    name: 'Makefile',
    extensions: ['.mk', '.mak'],
    fileNames: ['Makefile', 'GNUmakefile'],
    wasm: 'tree-sitter-make.wasm',
    wasmPackagePath: 'tree-sitter-make/tree-sitter-make.wasm',
    // Recipe lines are shell text handed to the shell, so a `#` there is no Make comment.
    commentQuery: '(comment) @comment',
    definitions: {
      rule: { nameChild: ['targets'] },
      define_directive: {},
      variable_assignment: {},
    },
    wrappers: [],
    annotations: [],
    lineComment: '#',
  },
  {
    id: 'cmake',
    name: 'CMake',
    extensions: ['.cmake'],
    fileNames: ['CMakeLists.txt'],
    lexer: 'cmake',
    lineComment: '#',
  },
  {
    id: 'dockerfile',
    name: 'Dockerfile',
    extensions: ['.dockerfile', '.containerfile'],
    fileNames: ['Dockerfile', 'Containerfile'],
    fileNamePrefixes: ['dockerfile.', 'containerfile.'],
    lexer: 'dockerfile',
    lineComment: '#',
  },
  {
    id: 'scala',
    name: 'Scala',
    extensions: ['.scala', '.sc'],
    wasm: 'tree-sitter-scala.wasm',
    wasmPackagePath: 'tree-sitter-scala/tree-sitter-scala.wasm',
    commentQuery: '[(comment) (block_comment)] @comment',
    definitions: {
      class_definition: { container: true },
      object_definition: { container: true },
      trait_definition: { container: true },
      enum_definition: { container: true },
      function_definition: {},
      function_declaration: {},
    },
    wrappers: [],
    annotations: [],
    lineComment: '//',
    blockComment: C_BLOCK,
  },
];

/** Every supported language. */
export const LANGUAGES: readonly LanguageSpec[] = Object.freeze(TABLE);

/** The languages read with a tree-sitter grammar (those with a wasm file to ship). */
export const GRAMMAR_LANGUAGES: readonly GrammarLanguage[] = Object.freeze(LANGUAGES.filter((spec): spec is GrammarLanguage => !spec.lexer));

const byId = new Map(LANGUAGES.map((spec) => [spec.id, spec]));
const byExtension = new Map(LANGUAGES.flatMap((spec) => spec.extensions.map((ext) => [ext, spec] as const)));
const byFileName = new Map(LANGUAGES.flatMap((spec) => (spec.fileNames ?? []).map((name) => [name.toLowerCase(), spec] as const)));
const byFileNamePrefix = LANGUAGES.flatMap((spec) => (spec.fileNamePrefixes ?? []).map((prefix) => [prefix, spec] as const));

/** The language with this id, if supported. */
export function languageById(id: string): LanguageSpec | undefined {
  return byId.get(id);
}

/**
 * The language of a file from its name, case-insensitively: a whole file name (`Makefile`,
 * `CMakeLists.txt`), then a file-name start (`Dockerfile.dev`), then the extension; undefined when
 * unsupported. A project maps other files in `tracelens.json` (`languages`).
 */
export function languageForPath(path: string): LanguageSpec | undefined {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = path.slice(slash + 1).toLowerCase();
  const named = byFileName.get(name) ?? byFileNamePrefix.find(([prefix]) => name.startsWith(prefix))?.[1];
  if (named) return named;
  const dot = name.lastIndexOf('.');
  // A leading dot marks a hidden file (`.bashrc`), not an extension.
  if (dot <= 0) return undefined;
  return byExtension.get(name.slice(dot));
}
