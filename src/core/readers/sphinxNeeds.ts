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
import { NEEDEXTEND, NEEDIMPORT, needExtendOf, needImportOf, type NeedExtend, type NeedImport } from './needDirectives';
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

/** Reads every need of an `.rst` file; problems for needs Sphinx would not build as written. */
export function readSphinxNeeds(text: string, ctx: ReaderContext): ReadResult {
  const lines = splitLines(stripBom(text));
  const file = ctx.file;
  const items: Item[] = [];
  const problems: FileProblem[] = [];
  const declared = new Set([...BUILT_IN_TYPES, ...Object.keys(ctx.needs?.typeKinds ?? {})]);
  /** Needs whose content is being walked: the nearest one is the parent of a need nested in it. */
  const open: Array<{ id: string; end: number }> = [];
  const needExtends: NeedExtend[] = [];
  const needImports: NeedImport[] = [];

  walkDirectives(lines, (directive) => {
    while (open.length > 0 && open[open.length - 1]!.end <= directive.line) open.pop();
    for (const problem of directive.problems) problems.push({ file, line: problem.line + 1, column: problem.column + 1, message: problem.message });
    // Implements: TL-245, TL-246
    const name = directive.name.toLowerCase();
    if (name === NEEDEXTEND) {
      const extend = needExtendOf(directive, file, problems);
      if (extend) needExtends.push(extend);
      return false;
    }
    if (name === NEEDIMPORT) {
      const imported = needImportOf(directive, lines, file, problems);
      if (imported) needImports.push(imported);
      return false;
    }
    const idOption = directive.options.find((option) => option.name.toLowerCase() === ID_OPTION);
    if (!idOption) {
      reportMissingId(lines, directive, declared, file, problems);
      return true;
    }
    const item = needItem(directive, idOption, open[open.length - 1]?.id, ctx, problems);
    if (item) {
      items.push(item);
      open.push({ id: item.id, end: directive.end });
    }
    return true;
  }, (line, stray) => {
    if (/^[ \t]+:id:/.test(lines[line + 1] ?? '')) {
      problems.push({ file, line: line + 1, column: stray.column + 1, message: `\`.. ${stray.name}::\` follows text without a blank line: Sphinx reads it as text, not as a need.` });
    }
  });
  return {
    items: items.sort(compareLocations), problems: problems.sort(compareLocations),
    ...(needExtends.length > 0 ? { needExtends } : {}), ...(needImports.length > 0 ? { needImports } : {}),
  };
}

/**
 * A directive of a need type without `:id:`: either its `:id:` sits flush with the directive (broken
 * indentation, so Sphinx reads it as a field list after the need), or it has none and sphinx-needs
 * would make one up from the title, which no code comment can name reliably.
 */
function reportMissingId(lines: readonly string[], directive: RstDirective, declared: ReadonlySet<string>, file: string, problems: FileProblem[]): void {
  const next = lines[directive.end];
  const flush = next !== undefined && lines[directive.end - 1]!.trim() !== '' ? /^([ \t]*):id:/.exec(next) : null;
  if (flush && flush[1]!.length <= directive.column) {
    problems.push({
      file, line: directive.end + 1, column: flush[1]!.length + 1,
      message: `\`:id:\` is not indented under \`.. ${directive.name}::\`: Sphinx reads it as text after the need, not as its ID.`,
    });
  } else if (declared.has(directive.name.toLowerCase())) {
    problems.push({
      file, line: directive.line + 1, column: directive.column + 1,
      message: `\`.. ${directive.name}::\` has no \`:id:\`: sphinx-needs would make one up that code cannot name; give the need an ID.`,
    });
  }
}

/** The item of a need directive, or undefined (with a problem) when its ID is empty or malformed. */
function needItem(directive: RstDirective, idOption: RstOption, parent: string | undefined, ctx: ReaderContext, problems: FileProblem[]): Item | undefined {
  const file = ctx.file;
  const id = idOption.value;
  const at = idOption.lines[0];
  if (!at || id === '') {
    problems.push({ file, line: idOption.line + 1, column: idOption.column + 1, message: `\`.. ${directive.name}::\` has an empty \`:id:\`.` });
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
