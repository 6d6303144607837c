// Implements: TL-070, TL-071
/**
 * `no-requirements` and `no-items`: the rules that keep a check over nothing from looking green.
 * They judge where requirements were looked for (the globs of tracelens.json or the zero-config
 * folder) against what was found there.
 */
import { DEFAULT_REQUIREMENT_FOLDERS } from '../config/types';
import { globMatcher } from '../files/walk';
import { isDoorstopConfig, isDoorstopSkipFile, isLandingPage, isMarkdownFile, isNeedsJsonFile, isReqifFile, isRstFile, isStrictDocFile } from '../readers/fileTypes';
import type { RequirementSources } from '../model/sources';
import type { FileProblem, Item, Location } from '../model/types';
import { RuleId } from './descriptors';

/** A finding of these rules before its severity is applied. */
export interface SourceFinding {
  readonly rule: typeof RuleId.NoRequirements | typeof RuleId.NoItems;
  readonly at: Location;
  readonly message: string;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Why a file read without problems gave no item, and what a reader expects of it. */
function emptyFileMessage(file: string): string {
  if (isStrictDocFile(file)) return `${file} holds no items: no node has a UID (like "[REQUIREMENT]" then "UID: REQ-001"); [TEXT] nodes and sections are never items.`;
  if (isRstFile(file)) return `${file} holds no items: no directive has an \`:id:\` option (like ".. req:: Title" with ":id: REQ_001" under it).`;
  if (isNeedsJsonFile(file)) return `${file} holds no items: the current version lists no needs, or every need in it is read from its .rst source.`;
  if (isReqifFile(file)) return `${file} holds no items: no SPEC-OBJECT in its SPEC-OBJECTS.`;
  return isMarkdownFile(file)
    ? `${file} holds no items: no heading starts with an ID (like "## REQ-001: Title"), and no front matter names an "id".`
    : `${file} holds no items: expected a mapping with "id", a list of items, or an "items:" list.`;
}

/** The project-level finding: where Tracelens looked and how to point it elsewhere. */
function nothingFoundMessage(sources: RequirementSources): string {
  const folders = DEFAULT_REQUIREMENT_FOLDERS.map((folder) => `${folder}/`).join(', ');
  if (sources.patterns.length === 0) {
    return sources.configFile === undefined
      ? `No requirements found: there is no tracelens.json, and none of the default folders ${folders} exists. ` +
        'Run `tracelens init` for a starter, or create tracelens.json with "requirements": ["<folder, file or glob>"].'
      : `No requirements found: ${sources.configFile} names no "requirements", and none of the default folders ${folders} exists. ` +
        'Add "requirements": ["<folder, file or glob>"] to it, or run `tracelens init` for a starter.';
  }
  const globs = sources.patterns.map((pattern) => pattern.glob).join(', ');
  const origin = sources.configured ? `"requirements" in ${sources.configFile ?? 'tracelens.json'}` : 'the default folder';
  const matched = sources.files.length + sources.unreadable.length;
  const skipped = sources.skipped?.length ?? 0;
  const found = matched === 0 ? 'no file matches' : `${plural(matched, 'file')} matched, none holds an item${skipped > 0 ? ` (${skipped} of them in Doorstop documents skipped by .doorstop.skip or .doorstop.skip-all)` : ''}`;
  return `No requirements found: looked in ${globs} (${origin}); ${found}. ` +
    `Point "requirements" in tracelens.json at your requirement files (folders, files or globs), or run \`tracelens init\` for a starter.`;
}

/**
 * The findings about where requirements come from: a configured glob that matches no file (at its
 * position in tracelens.json), each matched file no reader understands or that holds no item (at
 * its first line; files with problems already have their `invalid-file` findings), and, when no
 * item was found at all, one `no-requirements` finding saying where Tracelens looked.
 */
export function sourceFindings(sources: RequirementSources, items: readonly Item[], problems: readonly FileProblem[]): SourceFinding[] {
  const findings: SourceFinding[] = [];
  const matched = [...sources.files, ...sources.unreadable];
  for (const pattern of sources.patterns) {
    if (!pattern.at) continue;
    const matches = globMatcher([pattern.glob]);
    if (matched.some((file) => matches(file))) continue;
    const searched = pattern.glob === pattern.entry ? '' : ` (searched ${pattern.glob})`;
    findings.push({ rule: RuleId.NoRequirements, at: pattern.at, message: `"${pattern.entry}" in "requirements" matches no file${searched}.` });
  }
  for (const file of sources.unreadable) {
    const dot = file.lastIndexOf('.');
    const type = dot > file.lastIndexOf('/') ? `${file.slice(dot)} files` : 'files without an extension';
    findings.push({
      rule: RuleId.NoItems, at: { file, line: 1, column: 1 },
      message: `${file} was not read: no reader understands ${type} (Tracelens reads Markdown, YAML, StrictDoc, Doorstop, OpenFastTrace, sphinx-needs and ReqIF). Narrow "requirements" to your requirement files.`,
    });
  }
  // A needs.json need placed at its .rst source was still read from the needs.json.
  const withItems = new Set(items.flatMap((item) => (item.origin === undefined ? [item.file] : [item.file, item.origin])));
  const withProblems = new Set(problems.map((problem) => problem.file));
  const skippedFiles = new Set(sources.skipped);
  for (const file of sources.files) {
    // A Doorstop document's .doorstop.yml and skip markers are configuration, not files of items;
    // a skipped file is reported as skipped.
    if (withItems.has(file) || withProblems.has(file) || isLandingPage(file) || isDoorstopConfig(file) || isDoorstopSkipFile(file) || skippedFiles.has(file)) continue;
    findings.push({ rule: RuleId.NoItems, at: { file, line: 1, column: 1 }, message: emptyFileMessage(file) });
  }
  if (items.length === 0) findings.push({ rule: RuleId.NoRequirements, at: sources.at, message: nothingFoundMessage(sources) });
  return findings;
}
