// Implements: TL-260, TL-262
/**
 * sphinx-needs needs written in MyST Markdown: a `.md` file is a sphinx-needs document when a
 * directive fence outside code (```` ```{req} ````, `:::{spec}`) is a need — of a need type
 * (sphinx-needs' own `req`, `spec`, `impl`, `test`, `need`, the types ubproject.toml declares and
 * those `needTypes` names) or with an `id` option — or a `{needextend}` or `{needimport}`. Its
 * needs are read exactly as the `.rst` reader reads directives (sphinxNeeds.ts): same items,
 * kinds, links, attributes, positions and problems. The reStructuredText of an `{eval-rst}` block
 * is read as `.rst` is.
 *
 * Such a file is a Sphinx page: its headings are section titles and its tables are tables, so the
 * Markdown readers do not read it. An item they would have found there (an ID heading, a row of
 * an ID table, front matter naming an `id`) is reported at its place, never silently dropped.
 */

import { compareLocations, type FileProblem } from '../model/types';
import { isMarkdownFile } from './fileTypes';
import { maskFrontMatter, splitFrontMatter } from './frontMatter';
import { readFrontMatterItem } from './markdownFrontMatter';
import { readMarkdownHeadings } from './markdownHeadings';
import { walkMystDirectives, type MystDirective } from './mystBlocks';
import { mystLabel, NEEDEXTEND, NEEDIMPORT } from './needDirectives';
import { walkDirectives, type RstDirective } from './rstBlocks';
import { splitLines, stripBom } from './sourceText';
import { declaredTypes, readNeedDirectives, SPHINX_NEEDS_FORMAT } from './sphinxNeeds';
import type { ReadResult, ReaderContext, RequirementReader } from './types';

/** Reads `.md` files that hold sphinx-needs needs in MyST (see the module comment). */
export const mystNeedsReader: RequirementReader = {
  name: SPHINX_NEEDS_FORMAT,
  canRead: (file, text, ctx) => isMarkdownFile(file) && holdsMystNeeds(stripBom(text), ctx),
  read: readMystNeeds,
};

/** A fence whose info may be a directive: the cheap test before markdown-it parses the file. */
const DIRECTIVE_FENCE = /^[ \t>*+\d.-]*(?:`{3,}|~{3,}|:{3,})[ \t]*\{/m;

/** MyST's directive whose content is reStructuredText: sphinx-needs reads the needs in it. */
const EVAL_RST = 'eval-rst';

/** Whether a directive makes the file a sphinx-needs document. */
function isNeedDirective(directive: RstDirective, types: ReadonlySet<string>): boolean {
  const name = directive.name.toLowerCase();
  return name === NEEDEXTEND || name === NEEDIMPORT || types.has(name) || directive.options.some((option) => option.name.toLowerCase() === 'id');
}

/**
 * Walks the file's MyST directives, and the reStructuredText directives of its `{eval-rst}`
 * blocks (read from the file's own lines, so positions stay exact).
 */
function walkNeeds(body: string, lines: readonly string[], visit: (directive: RstDirective) => boolean): void {
  walkMystDirectives(body, lines, (directive: MystDirective) => {
    if (directive.name.toLowerCase() !== EVAL_RST) return visit(directive);
    walkDirectives(lines, visit, undefined, directive.contentFrom, directive.end);
    return false;
  });
}

/** Whether the Markdown text holds a MyST need, needextend or needimport outside code. */
export function holdsMystNeeds(text: string, ctx?: Pick<ReaderContext, 'needs'>): boolean {
  if (!DIRECTIVE_FENCE.test(text)) return false;
  const types = declaredTypes(ctx ?? {});
  const lines = splitLines(text);
  let found = false;
  walkNeeds(maskFrontMatter(text, splitFrontMatter(text)), lines, (directive) => {
    found ||= isNeedDirective(directive, types);
    return !found;
  });
  return found;
}

/** Reads the MyST needs of a Markdown file, and reports the Markdown items it holds besides. */
export function readMystNeeds(text: string, ctx: ReaderContext): ReadResult {
  const source = stripBom(text);
  const lines = splitLines(source);
  const body = maskFrontMatter(source, splitFrontMatter(source));
  const types = declaredTypes(ctx);
  /** Lines of need directives, which are no Markdown items. */
  const directives: Array<[number, number]> = [];
  const result = readNeedDirectives(lines, ctx, (visit) => walkNeeds(body, lines, (directive) => {
    if (isNeedDirective(directive, types)) directives.push([directive.line, directive.end]);
    return visit(directive);
  }), mystLabel, () => false);
  return { ...result, problems: [...result.problems, ...markdownItems(source, lines, directives, ctx)].sort(compareLocations) };
}

/**
 * Problems for the items the Markdown readers would read from the file outside its need
 * directives: Sphinx shows them as headings, table rows and page metadata, never as needs.
 */
function markdownItems(source: string, lines: readonly string[], directives: ReadonlyArray<[number, number]>, ctx: ReaderContext): FileProblem[] {
  const masked = [...lines];
  for (const [from, to] of directives) for (let i = from; i < to; i++) masked[i] = '';
  const found = [...readFrontMatterItem(source, ctx).items, ...readMarkdownHeadings(masked.join('\n'), ctx).items];
  return found.map((item) => ({
    file: ctx.file, line: item.line, column: item.column,
    message: `${item.id} is written as a Markdown item (${item.format}), but this file holds sphinx-needs needs in MyST: Sphinx shows it as a page element, not a need, so Tracelens does not read it. Write it as a need (a \`{req}\` fence with \`:id: ${item.id}\`).`,
  }));
}
