// Implements: TL-245, TL-246
/**
 * The two sphinx-needs directives that change which needs there are and what they say, as the
 * `.rst` reader finds them: `.. needextend:: <ID or filter>` (options set, `+`append to or
 * `-`delete a field of the needs it names) and `.. needimport:: <needs.json>` (the needs of a
 * needs.json become needs of the document). The reader only records them, as plain data, so that
 * the result can be cached: what they do depends on other files, and is applied when the whole
 * project is read (needExtend.ts, needImport.ts).
 */

import type { FileProblem } from '../model/types';
import type { ValuePart } from './attributes';
import { isMarkdownFile } from './fileTypes';
import { optionParts, type RstDirective, type RstOption } from './rstBlocks';

/** One option of a needextend: what it does to which field. */
export interface NeedChange {
  /** The field (option name without `+`/`-`), lower case. */
  readonly field: string;
  /** `set` replaces, `add` appends (`:+field:`), `delete` empties (`:-field:`). */
  readonly op: 'set' | 'add' | 'delete';
  /** The value as written, value lines joined with a space. */
  readonly value: string;
  /** 1-based position of the option's first colon. */
  readonly line: number;
  readonly column: number;
  /** The value split as a plain list (tags) and as link targets, each at its position (1-based). */
  readonly parts: readonly ValuePart[];
  readonly linkParts: readonly ValuePart[];
}

/** A `.. needextend::` directive. */
export interface NeedExtend {
  readonly file: string;
  /** 1-based position of the directive's `..`. */
  readonly line: number;
  readonly column: number;
  /** The need ID it names, or the filter string it selects needs with (sphinx-needs' rules, see {@link needExtendOf}). */
  readonly id?: string;
  readonly filter?: string;
  /** `:strict: true`: a missing ID stops the Sphinx build (default false, conf.py's `needs_needextend_strict`). */
  readonly strict: boolean;
  readonly changes: readonly NeedChange[];
}

/** A `.. needimport::` directive. */
export interface NeedImport {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The path (or URL) as written, and where it is written (1-based). */
  readonly path: string;
  readonly pathLine: number;
  readonly pathColumn: number;
  /** Options that decide which needs come in and as what; positions for problems about them. */
  readonly version?: OptionAt;
  readonly ids?: OptionAt;
  readonly filter?: OptionAt;
  readonly idPrefix: string;
  readonly tags: readonly string[];
}

/** An option's value and the position of its value (1-based). */
export interface OptionAt {
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

/** How a directive is written in messages, with its argument when given: `` `.. req::` `` in reStructuredText, `` `{req}` `` in MyST. */
export type DirectiveLabel = (name: string, argument?: string) => string;

/** The reStructuredText way of writing a directive. */
export const rstLabel: DirectiveLabel = (name, argument) => `\`.. ${name}::${argument === undefined ? '' : ` ${argument}`}\``;

// Implements: TL-261
/** The MyST Markdown way of writing a directive. */
export const mystLabel: DirectiveLabel = (name, argument) => `\`{${name}}${argument === undefined ? '' : ` ${argument}`}\``;

/** How the directives of a file are written: MyST in Markdown files, reStructuredText elsewhere. */
export function labelFor(file: string): DirectiveLabel {
  return isMarkdownFile(file) ? mystLabel : rstLabel;
}

export const NEEDEXTEND = 'needextend';
export const NEEDIMPORT = 'needimport';

function optionAt(option: RstOption | undefined): OptionAt | undefined {
  if (!option) return undefined;
  const first = option.lines[0];
  return { value: option.value, line: (first?.line ?? option.line) + 1, column: (first?.column ?? option.column) + 1 };
}

function findOption(directive: RstDirective, name: string): RstOption | undefined {
  return directive.options.find((option) => option.name.toLowerCase() === name);
}

/**
 * The needextend of a directive, or undefined (with a problem) when it names nothing. Its argument
 * is, as sphinx-needs decides: an ID in `<…>`; a filter in `"…"`; an ID when it is one word; a
 * filter otherwise.
 */
export function needExtendOf(directive: RstDirective, file: string, problems: FileProblem[], label: DirectiveLabel = rstLabel): NeedExtend | undefined {
  const line = directive.line + 1;
  const column = directive.column + 1;
  let argument = directive.argument.trim();
  let isId: boolean;
  if (argument.startsWith('<') && argument.endsWith('>')) {
    isId = true;
    argument = argument.slice(1, -1).trim();
  } else if (argument.length >= 2 && argument.startsWith('"') && argument.endsWith('"')) {
    isId = false;
    argument = argument.slice(1, -1).trim();
  } else {
    isId = argument.split(/\s+/).length === 1;
  }
  if (argument === '') {
    problems.push({ file, line, column, message: `${label(NEEDEXTEND)} names no need ID or filter: sphinx-needs ignores it.` });
    return undefined;
  }
  let strict = false;
  const changes: NeedChange[] = [];
  for (const option of directive.options) {
    const name = option.name.toLowerCase();
    if (name === 'strict') {
      strict = /^(?:true|yes|1|on)$/i.test(option.value.trim());
      continue;
    }
    const op = name.startsWith('+') ? 'add' : name.startsWith('-') ? 'delete' : 'set';
    changes.push({
      field: op === 'set' ? name : name.slice(1), op, value: option.value,
      line: option.line + 1, column: option.column + 1,
      parts: optionParts(option, false), linkParts: optionParts(option, true),
    });
  }
  return { file, line, column, ...(isId ? { id: argument } : { filter: argument }), strict, changes };
}

/** The needimport of a directive, or undefined (with a problem) when it names no file. */
export function needImportOf(directive: RstDirective, lines: readonly string[], file: string, problems: FileProblem[], label: DirectiveLabel = rstLabel): NeedImport | undefined {
  const line = directive.line + 1;
  const column = directive.column + 1;
  const path = directive.argument.trim();
  if (path === '') {
    problems.push({ file, line, column, message: `${label(NEEDIMPORT)} names no file: sphinx-needs stops with an error.` });
    return undefined;
  }
  const text = lines[directive.line]!;
  const at = text.indexOf(path, directive.column);
  const version = optionAt(findOption(directive, 'version'));
  const ids = optionAt(findOption(directive, 'ids'));
  const filter = optionAt(findOption(directive, 'filter'));
  const tags = (findOption(directive, 'tags')?.value ?? '').split(/[;,]/).map((tag) => tag.trim()).filter((tag) => tag !== '');
  return {
    file, line, column, path, pathLine: line, pathColumn: at < 0 ? column : at + 1,
    ...(version ? { version } : {}), ...(ids ? { ids } : {}), ...(filter ? { filter } : {}),
    idPrefix: findOption(directive, 'id_prefix')?.value.trim() ?? '', tags,
  };
}
