// Implements: TL-125
/**
 * sphinx-needs `.rst` files: every directive with an `:id:` option is a need, its type the directive
 * name (`.. req::`, `.. spec::`, `.. impl::`, `.. test::`, or a custom type declared in
 * ubproject.toml or conf.py). The title is the directive's argument, the text its content; link
 * options (`:links:` and declared link types) become links, every other option an attribute.
 * Directives shown in literal blocks, code blocks and comments are examples, never needs.
 *
 * An item is placed at its ID in the `:id:` option, so that hover and go-to-definition land on the
 * ID; it ends at the last line of the directive's content.
 */

import { isId } from '../model/ids';
import { compareLocations, type FileProblem, type Item, type ItemLink } from '../model/types';
import { interpretAttributes, type RawAttribute } from './attributes';
import { isRstFile } from './fileTypes';
import { NEEDEXTEND, NEEDIMPORT, needExtendOf, needImportOf, rstLabel, type DirectiveLabel, type NeedExtend, type NeedImport } from './needDirectives';
import { optionParts, walkDirectives, type RstDirective, type RstOption } from './rstBlocks';
import { splitLines, stripBom } from './sourceText';
import { BUILT_IN_TYPES, isLinkOption, linkKind, needKind } from './sphinxNeedTypes';
import type { ReadResult, ReaderContext, RequirementReader } from './types';

export const SPHINX_NEEDS_FORMAT = 'sphinx-needs';

/** Reads `.rst` files for sphinx-needs needs. */
export const sphinxNeedsReader: RequirementReader = {
  name: SPHINX_NEEDS_FORMAT,
  canRead: (file) => isRstFile(file),
  read: readSphinxNeeds,
};

/** Options that are the item itself rather than attributes. */
const ID_OPTION = 'id';
/** sphinx-needs drops a need whose `:delete:` option is true. */
const DELETE_OPTION = 'delete';

/**
 * Walks a file's directives, outside examples, in file order: `visit` returns whether the walk
 * goes into the directive's content. Problems of the syntax go to `problems`.
 */
export type DirectiveWalk = (visit: (directive: RstDirective) => boolean, problems: FileProblem[]) => void;

/**
 * Tells of a directive without `:id:` whose ID the syntax hides (it is there, but Sphinx does not
 * read it as the option); returns whether it told of one.
 */
export type HiddenId = (directive: RstDirective, problems: FileProblem[]) => boolean;

/** Reads every need of an `.rst` file; problems for needs Sphinx would not build as written. */
export function readSphinxNeeds(text: string, ctx: ReaderContext): ReadResult {
  const lines = splitLines(stripBom(text));
  const file = ctx.file;
  const walk: DirectiveWalk = (visit, problems) => walkDirectives(lines, visit, (line, stray) => {
    if (/^[ \t]+:id:/.test(lines[line + 1] ?? '')) {
      problems.push({ file, line: line + 1, column: stray.column + 1, message: `\`.. ${stray.name}::\` follows text without a blank line: Sphinx reads it as text, not as a need.` });
    }
  });
  return readNeedDirectives(lines, ctx, walk, rstLabel, (directive, problems) => flushId(lines, directive, file, problems));
}

// Implements: TL-260
/**
 * The needs, needextends and needimports of the directives a walk finds, whatever syntax they are
 * written in (reStructuredText here, MyST Markdown in mystNeeds.ts): the same directive makes the
 * same item, links and problems in either.
 */
export function readNeedDirectives(lines: readonly string[], ctx: ReaderContext, walk: DirectiveWalk, label: DirectiveLabel, hiddenId: HiddenId): ReadResult {
  const file = ctx.file;
  const items: Item[] = [];
  const problems: FileProblem[] = [];
  const declared = declaredTypes(ctx);
  /** Needs whose content is being walked: the nearest one is the parent of a need nested in it. */
  const open: Array<{ id: string; end: number }> = [];
  const needExtends: NeedExtend[] = [];
  const needImports: NeedImport[] = [];

  walk((directive) => {
    while (open.length > 0 && open[open.length - 1]!.end <= directive.line) open.pop();
    for (const problem of directive.problems) problems.push({ file, line: problem.line + 1, column: problem.column + 1, message: problem.message });
    // Implements: TL-245, TL-246
    const name = directive.name.toLowerCase();
    if (name === NEEDEXTEND) {
      const extend = needExtendOf(directive, file, problems, label);
      if (extend) needExtends.push(extend);
      return false;
    }
    if (name === NEEDIMPORT) {
      const imported = needImportOf(directive, lines, file, problems, label);
      if (imported) needImports.push(imported);
      return false;
    }
    const idOption = directive.options.find((option) => option.name.toLowerCase() === ID_OPTION);
    if (!idOption) {
      if (!hiddenId(directive, problems) && declared.has(name)) {
        problems.push({
          file, line: directive.line + 1, column: directive.column + 1,
          message: `${label(directive.name)} has no \`:id:\`: sphinx-needs would make one up that code cannot name; give the need an ID.`,
        });
      }
      return true;
    }
    const item = needItem(directive, idOption, open[open.length - 1]?.id, ctx, problems, label);
    if (item) {
      items.push(item);
      open.push({ id: item.id, end: directive.end });
    }
    return true;
  }, problems);
  return {
    items: items.sort(compareLocations), problems: problems.sort(compareLocations),
    ...(needExtends.length > 0 ? { needExtends } : {}), ...(needImports.length > 0 ? { needImports } : {}),
  };
}

/** The need types of the project, lower case: sphinx-needs' own and those declared (ubproject.toml, `needTypes`). */
export function declaredTypes(ctx: Pick<ReaderContext, 'needs'>): Set<string> {
  return new Set([...BUILT_IN_TYPES, ...Object.keys(ctx.needs?.typeKinds ?? {}), ...(ctx.needs?.types ?? [])]);
}

/**
 * A directive without `:id:` whose `:id:` sits flush with the directive (broken indentation, so
 * Sphinx reads it as a field list after the need); without one, a need type has no ID at all and
 * sphinx-needs would make one up from the title, which no code comment can name reliably.
 */
function flushId(lines: readonly string[], directive: RstDirective, file: string, problems: FileProblem[]): boolean {
  const next = lines[directive.end];
  const flush = next !== undefined && lines[directive.end - 1]!.trim() !== '' ? /^([ \t]*):id:/.exec(next) : null;
  if (!flush || flush[1]!.length > directive.column) return false;
  problems.push({
    file, line: directive.end + 1, column: flush[1]!.length + 1,
    message: `\`:id:\` is not indented under \`.. ${directive.name}::\`: Sphinx reads it as text after the need, not as its ID.`,
  });
  return true;
}

/** The item of a need directive, or undefined (with a problem) when its ID is empty or malformed. */
function needItem(directive: RstDirective, idOption: RstOption, parent: string | undefined, ctx: ReaderContext, problems: FileProblem[], label: DirectiveLabel): Item | undefined {
  const file = ctx.file;
  const id = idOption.value;
  const at = idOption.lines[0];
  if (!at || id === '') {
    problems.push({ file, line: idOption.line + 1, column: idOption.column + 1, message: `${label(directive.name)} has an empty \`:id:\`.` });
    return undefined;
  }
  if (!isId(id)) {
    problems.push({ file, line: at.line + 1, column: at.column + 1, message: `"${id}" is not a valid ID (expected something like REQ_001 or REQ-001).` });
    return undefined;
  }
  const deleted = directive.options.find((option) => option.name.toLowerCase() === DELETE_OPTION);
  if (deleted && /^(?:true|yes|1)$/i.test(deleted.value)) return undefined;

  const kind = needKind(directive.name, id, ctx);
  const links: ItemLink[] = [];
  const raw: RawAttribute[] = [];
  const linkValues: Record<string, string> = {};
  for (const option of directive.options) {
    if (option === idOption) continue;
    if (isLinkOption(option.name, ctx)) {
      linkValues[option.name.toLowerCase()] = option.value;
      addLinks(option, linkKind(option.name, kind), file, links, problems);
    } else {
      const first = option.lines[0];
      raw.push({
        key: option.name, value: option.value,
        line: (first?.line ?? option.line) + 1, column: (first?.column ?? option.column) + 1,
        parts: optionParts(option, false),
      });
    }
  }
  if (parent !== undefined) links.push({ file, line: directive.line + 1, column: directive.column + 1, kind: 'parent', target: parent });
  const { kind: stated, links: attributeLinks, attributes, ...fields } = interpretAttributes(raw, file, problems);
  const idLine = at.line + 1;
  const idColumn = at.column + 1;
  return {
    file, line: idLine, column: idColumn,
    endLine: Math.max(directive.end, idLine), endColumn: idColumn + id.length,
    id, kind: stated ?? kind,
    title: directive.argument, text: directive.content,
    ...fields,
    links: [...attributeLinks, ...links].sort(compareLocations),
    attributes: { type: directive.name, ...linkValues, ...attributes },
    format: SPHINX_NEEDS_FORMAT,
  };
}

/** Links from a link option's value; a part that is no ID is a problem at its position. */
function addLinks(option: RstOption, kind: ItemLink['kind'], file: string, links: ItemLink[], problems: FileProblem[]): void {
  for (const part of optionParts(option, true)) {
    if (isId(part.text)) links.push({ file, line: part.line, column: part.column, kind, target: part.text });
    else problems.push({ file, line: part.line, column: part.column, message: `"${part.text}" in :${option.name}: is not a need ID (expected something like REQ_001).` });
  }
}
