// Implements: TL-120, TL-121, TL-006
/**
 * OpenFastTrace (OFT) specification items in Markdown, as OFT's user guide defines them: a line
 * starting with an ID, backticked or not (`` `dsn~parse-config~1` ``), opens an item; the heading
 * right above it (blank lines between allowed) is its title; the lines after it are its
 * description, up to the next ID line, heading or forwarding line, with these keyword lines:
 * - `Needs: impl, utest` (or `Needs:` and a bullet list): the artifact types that must cover it;
 * - `Covers:` and `Depends:`, each followed by bullets naming IDs (`` * `req~config~1` ``);
 * - `Status: approved|proposed|draft|rejected`, `Tags: a, b` (or bullets);
 * - `Rationale:`, `Comment:` and `Description:`, each opening a section of text.
 * A forwarding line (`arch --> dsn : req~web-ui~1`, also as a bullet) outside a text section is
 * an item of its own: `arch~web-ui~1`, covering `req~web-ui~1` and needing `dsn`, as OFT reads it.
 * Between `<!-- oft:off -->` and `<!-- oft:on -->` nothing is read.
 *
 * Not a reader of its own: OFT items sit in ordinary Markdown documents, beside headings that
 * name IDs and tables of items, and the heading reader's one markdown-it parse tells which lines
 * are headings and which are code (where nothing is an item). This module reads the lines.
 *
 * How items map onto the model (see also model/needs.ts):
 * - `Covers:` is a `parent` link from the covering item to the covered one;
 * - `Needs: T` asks for a code tag when the configuration gives T a relation (`impl` →
 *   implements: need `impl`; `utest`, `itest`, `stest` → verifies: need `test-tag`), and otherwise
 *   for an item of type T whose `Covers:` names this one (`child:T`);
 * - an item without `Needs:` needs nothing: it ends a chain, as in OFT.
 */

import { DEFAULT_ARTIFACT_TYPES } from '../config/types';
import { idShape } from '../model/ids';
import type { FileProblem, Item, ItemLink, NeedAt, Need } from '../model/types';
import type { ReaderContext } from './types';
import { joinTrimmed } from './sourceText';

/** {@link Item.format} of OpenFastTrace items. */
export const OFT_FORMAT = 'openfasttrace';

/** What the Markdown parse tells about the lines (0-based, end exclusive). */
export interface OftLayout {
  /** Headings in file order: their lines (an underline included) and text. */
  readonly headings: ReadonlyArray<{ readonly startLine: number; readonly endLine: number; readonly content: string }>;
  /** Lines where no OFT syntax is read: code blocks, HTML blocks, front matter. */
  readonly opaque: ReadonlyArray<readonly [number, number]>;
}

/** The statuses OFT knows. */
const STATUSES = ['approved', 'proposed', 'draft', 'rejected'];

/** A candidate ID at a line's start: up to three spaces, an optional backtick, `type~…`. */
const ID_START = /^( {0,3})(`?)([A-Za-z][A-Za-z0-9]*~[^\s`]*)(`?)/;
/** A well-formed ID somewhere in a line (checked with `idShape` after). */
const ID_ANYWHERE = /(?<![A-Za-z0-9_~.-])[A-Za-z][A-Za-z0-9]*~[A-Za-z0-9_.-]*~[0-9]+(?![A-Za-z0-9_~])/;
const KEYWORD = /^ {0,3}(Needs|Covers|Depends|Status|Tags|Rationale|Comment|Description):(.*)$/;
const FORWARD = /([A-Za-z]+)\s*-->\s*([A-Za-z]+(?:\s*,\s*[A-Za-z]+)*)\s*:\s*`?([A-Za-z][A-Za-z0-9]*~[^\s`]*)/;
const BULLET = /^(\s*[-*+]\s+)(.*)$/;
const OFT_SWITCH = /^\s*<!--\s*oft:(on|off)\s*-->\s*$/;

/**
 * Where a line lands: `item` right after the ID line or a one-line keyword (where a forwarding
 * may follow), a text section, a list, or `skip` outside items.
 */
type Section = 'item' | 'description' | 'rationale' | 'comment' | 'needs' | 'covers' | 'depends' | 'tags' | 'skip';

/** An item being read. */
interface Draft {
  readonly id: string;
  readonly line: number;
  readonly column: number;
  readonly title: string;
  lastLine: number;
  status?: string;
  readonly description: string[];
  readonly rationale: string[];
  readonly comment: string[];
  readonly links: ItemLink[];
  readonly needs: NeedAt[];
  readonly needWords: string[];
  readonly tags: string[];
}

/** Reads the OFT items of a Markdown file's lines; problems go to `problems`. Never throws. */
export function readOftItems(lines: readonly string[], layout: OftLayout, ctx: ReaderContext, problems: FileProblem[]): Item[] {
  const file = ctx.file;
  const artifactTypes = ctx.artifactTypes ?? DEFAULT_ARTIFACT_TYPES;
  const opaque = new Uint8Array(lines.length);
  for (const [start, end] of layout.opaque) opaque.fill(1, start, Math.min(end, lines.length));
  const headingAt = new Map<number, { endLine: number; content: string }>();
  for (const heading of layout.headings) headingAt.set(heading.startLine, heading);

  const items: Item[] = [];
  const problem = (line: number, column: number, message: string): void => {
    problems.push({ file, line: line + 1, column: column + 1, message });
  };
  let draft: Draft | undefined;
  let section: Section = 'skip';
  /** The heading a following ID line takes as title, while only blank lines come between. */
  let title: string | undefined;
  let off = false;

  const finish = (): void => {
    if (draft) items.push(toItem(draft, ctx));
    draft = undefined;
    section = 'skip';
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // `<!-- oft:off -->` … `<!-- oft:on -->`: OFT reads nothing in between (examples of its syntax).
    const marker = line.includes('oft:') ? OFT_SWITCH.exec(line) : null;
    if (marker) off = marker[1] === 'off';
    if (off) opaque[i] = 1;
    const heading = opaque[i] === 1 ? undefined : headingAt.get(i);
    if (heading) {
      finish();
      title = heading.content.trim();
      i = heading.endLine - 1;
      continue;
    }
    const blank = line.trim() === '';
    if (opaque[i] === 1) {
      title = undefined;
      if (draft && section !== 'skip') {
        if (section !== 'rationale' && section !== 'comment') section = 'description';
        draft[section].push(line);
        draft.lastLine = i;
      }
      continue;
    }
    if (blank) {
      if (draft && (section === 'description' || section === 'rationale' || section === 'comment')) draft[section].push('');
      continue;
    }

    const start = ID_START.exec(line);
    if (start) {
      const id = idAtStart(start);
      if (id !== undefined) {
        finish();
        const column = start[1]!.length + start[2]!.length;
        draft = {
          id, line: i, column, title: title ?? '', lastLine: i,
          description: [], rationale: [], comment: [], links: [], needs: [], needWords: [], tags: [],
        };
        section = 'item';
        title = undefined;
        continue;
      }
      // Only a line holding nothing but the token was meant as an ID: `HEAD~1` in a sentence is prose.
      const alone = line.slice(start[0].length).trim() === '';
      if (alone && (start[2] === '`' || start[3]!.split('~').length > 2)) {
        // Meant as an ID but malformed: its keyword lines must not land on the item before.
        finish();
        const token = trimPunctuation(start[3]!);
        const fault = idFault(token);
        problem(i, start[1]!.length + start[2]!.length + fault.offset, fault.message);
        title = undefined;
        continue;
      }
    }
    title = undefined;

    // A forwarding in a text section (description, rationale, comment) is text, as OFT reads it.
    const inText = draft !== undefined && (section === 'description' || section === 'rationale' || section === 'comment');
    if (!inText && line.includes('-->')) {
      const forward = FORWARD.exec(line);
      if (forward) {
        finish();
        const item = readForward(forward, i, ctx, artifactTypes, problem);
        if (item) items.push(item);
        continue;
      }
    }

    if (!draft || section === 'skip') continue;
    draft.lastLine = i;
    const keyword = KEYWORD.exec(line);
    if (keyword) {
      const valueColumn = line.length - keyword[2]!.trimStart().length;
      const value = keyword[2]!.trim();
      switch (keyword[1]) {
        case 'Needs':
          if (value === '') section = 'needs';
          else {
            readNeedList(value, i, valueColumn, draft, artifactTypes, file, problem);
            section = 'item';
          }
          break;
        case 'Covers':
        case 'Depends': {
          const kind = keyword[1] === 'Covers' ? 'covers' : 'depends';
          if (value !== '') {
            problem(i, valueColumn, `${keyword[1]}: takes a list of IDs on the lines after it (like "* \`req~name~1\`"), not "${value}" on its own line: OpenFastTrace reads this line as description.`);
            section = 'description';
          } else section = kind;
          break;
        }
        case 'Status':
          if (STATUSES.includes(value)) draft.status = value;
          else problem(i, valueColumn, `Status must be ${STATUSES.join(', ')}, not "${value}".`);
          section = 'item';
          break;
        case 'Tags':
          for (const tag of value.split(',')) if (tag.trim() !== '') draft.tags.push(tag.trim());
          section = 'tags';
          break;
        case 'Rationale':
        case 'Comment':
        case 'Description': {
          const target = keyword[1] === 'Rationale' ? 'rationale' : keyword[1] === 'Comment' ? 'comment' : 'description';
          section = target;
          if (value !== '') draft[target].push(value);
          break;
        }
      }
      continue;
    }

    if (section === 'needs' || section === 'covers' || section === 'depends' || section === 'tags') {
      const bullet = BULLET.exec(line);
      if (bullet) {
        const column = bullet[1]!.length;
        const entry = bullet[2]!.trimEnd();
        if (section === 'tags') draft.tags.push(unwrap(entry).text);
        else if (section === 'needs') readNeed(entry, i, column, draft, artifactTypes, file, problem);
        else readLink(entry, i, column, section === 'covers' ? 'parent' : 'depends', draft, file, problem);
        continue;
      }
      // An indented line continues the bullet above; anything else ends the list.
      if (/^\s/.test(line)) continue;
      section = 'description';
    }
    if (section === 'item') section = 'description';
    draft[section].push(line);
  }
  finish();
  return items;
}

/** The ID an ID line starts with, when it is well formed and stands alone. */
function idAtStart(start: RegExpExecArray): string | undefined {
  const token = trimPunctuation(start[3]!);
  if (idShape(token) !== 'typed') return undefined;
  // A backtick opened before the ID must close right after it.
  if (start[2] === '`' && token !== start[3]) return undefined;
  if (start[2] === '`' && start[4] !== '`') return undefined;
  return token;
}

/** A token without sentence punctuation after it (`req~x~1.` or `req~x~1:`). */
function trimPunctuation(token: string): string {
  return token.replace(/[.,:;!?)\]]+$/, '');
}

/** What is wrong with an ID-like token, and the offset in it where the fault is. */
export function idFault(token: string): { offset: number; message: string } {
  const parts = token.split('~');
  const ofType = 'an OpenFastTrace ID is type~name~revision, like dsn~parse-config~1';
  if (parts.length === 2) return { offset: 0, message: `"${token}" has no revision: ${ofType}.` };
  if (parts.length > 3) return { offset: 0, message: `"${token}" has ${parts.length} parts: ${ofType}.` };
  const [type, name, revision] = parts as [string, string, string];
  if (!/^[a-z]+$/.test(type)) {
    return { offset: 0, message: `The artifact type "${type}" of ${token} must be lower-case letters (like dsn or req).` };
  }
  if (!/^[0-9]+$/.test(revision)) {
    return { offset: type.length + name.length + 2, message: `The revision "${revision}" of ${type}~${name} must be a whole number: ${ofType}.` };
  }
  return {
    offset: type.length + 1,
    message: `The name "${name}" of ${token} must start with an ASCII letter and hold ASCII letters, digits, "_" and "-" (and "." between parts).`,
  };
}

/** The need an artifact type stands for: a tag of its relation, else an item of that type. */
function needOf(type: string, artifactTypes: Readonly<Record<string, string>>): Need {
  const relation = artifactTypes[type];
  if (relation === 'verifies') return 'test-tag';
  if (relation !== undefined) return 'impl';
  return `child:${type}`;
}

type Problem = (line: number, column: number, message: string) => void;

function readNeedList(value: string, line: number, column: number, draft: Draft, artifactTypes: Readonly<Record<string, string>>, file: string, problem: Problem): void {
  const parts = /[^,]+/g;
  for (let part = parts.exec(value); part; part = parts.exec(value)) {
    const text = part[0].trim();
    if (text === '') continue;
    readNeed(text, line, column + part.index + (part[0].length - part[0].trimStart().length), draft, artifactTypes, file, problem);
  }
}

function readNeed(raw: string, line: number, column: number, draft: Draft, artifactTypes: Readonly<Record<string, string>>, file: string, problem: Problem): void {
  const { text, offset } = unwrap(raw);
  if (!/^[a-z]+$/.test(text)) {
    problem(line, column + offset, `"${text}" in Needs is no artifact type: lower-case letters, like impl, utest or dsn, separated by commas.`);
    return;
  }
  draft.needWords.push(text);
  draft.needs.push({ file, line: line + 1, column: column + offset + 1, need: needOf(text, artifactTypes) });
}

function readLink(entry: string, line: number, column: number, kind: 'parent' | 'depends', draft: Draft, file: string, problem: Problem): void {
  const found = ID_ANYWHERE.exec(entry);
  if (found && idShape(found[0]) === 'typed') {
    draft.links.push({ file, line: line + 1, column: column + found.index + 1, kind, target: found[0] });
    return;
  }
  const keyword = kind === 'parent' ? 'Covers' : 'Depends';
  const token = /[A-Za-z][A-Za-z0-9]*~[^\s`\])]*/.exec(entry);
  if (token) {
    const fault = idFault(trimPunctuation(token[0]));
    problem(line, column + token.index + fault.offset, `Under ${keyword}: ${fault.message}`);
  } else {
    problem(line, column, `"${entry}" under ${keyword}: is no item ID: each bullet names one, like "* \`req~name~1\`".`);
  }
}

/** `arch --> dsn, impl : req~web-ui~1`: an `arch` item covering the original and needing the others. */
function readForward(match: RegExpExecArray, line: number, ctx: ReaderContext, artifactTypes: Readonly<Record<string, string>>, problem: Problem): Item | undefined {
  const [whole, skipped, targets, rawId] = match as unknown as [string, string, string, string];
  const at = match.index;
  const original = trimPunctuation(rawId);
  const idColumn = at + whole.length - rawId.length;
  if (idShape(original) !== 'typed') {
    const fault = idFault(original);
    problem(line, idColumn + fault.offset, fault.message);
    return undefined;
  }
  if (!/^[a-z]+$/.test(skipped)) {
    problem(line, at, `The artifact type "${skipped}" must be lower-case letters (like arch).`);
    return undefined;
  }
  const id = `${skipped}${original.slice(original.indexOf('~'))}`;
  const needs: NeedAt[] = [];
  const words: string[] = [];
  const typePattern = /[A-Za-z]+/g;
  const targetsAt = at + whole.indexOf(targets, skipped.length);
  for (let type = typePattern.exec(targets); type; type = typePattern.exec(targets)) {
    if (!/^[a-z]+$/.test(type[0])) {
      problem(line, targetsAt + type.index, `"${type[0]}" in the forwarding is no artifact type: lower-case letters, like dsn.`);
      continue;
    }
    words.push(type[0]);
    needs.push({ file: ctx.file, line: line + 1, column: targetsAt + type.index + 1, need: needOf(type[0], artifactTypes) });
  }
  return {
    file: ctx.file, line: line + 1, column: at + 1, endLine: line + 1, endColumn: at + 1 + skipped.length,
    id, kind: ctx.kindOf(id), title: '', text: '',
    links: [{ file: ctx.file, line: line + 1, column: idColumn + 1, kind: 'parent', target: original }],
    needs, attributes: { needs: words.join(', '), covers: original, forwards: original },
    format: OFT_FORMAT,
  };
}

/** A value without backticks or emphasis around it, and how far it moved. */
function unwrap(value: string): { text: string; offset: number } {
  const match = /^(\*\*|__|`|\*|_)(.+)\1$/.exec(value);
  return match ? { text: match[2]!, offset: match[1]!.length } : { text: value, offset: 0 };
}

function toItem(draft: Draft, ctx: ReaderContext): Item {
  const attributes: Record<string, string> = {};
  if (draft.needWords.length > 0) attributes['needs'] = draft.needWords.join(', ');
  const covers = draft.links.filter((link) => link.kind === 'parent').map((link) => link.target);
  const depends = draft.links.filter((link) => link.kind === 'depends').map((link) => link.target);
  if (covers.length > 0) attributes['covers'] = covers.join(', ');
  if (depends.length > 0) attributes['depends'] = depends.join(', ');
  if (draft.tags.length > 0) attributes['tags'] = draft.tags.join(', ');
  if (draft.status !== undefined) attributes['status'] = draft.status;
  const rationale = joinTrimmed(draft.rationale);
  const comment = joinTrimmed(draft.comment);
  if (rationale !== '') attributes['rationale'] = rationale;
  if (comment !== '') attributes['comment'] = comment;
  return {
    file: ctx.file, line: draft.line + 1, column: draft.column + 1, endLine: draft.lastLine + 1, endColumn: draft.column + 1 + draft.id.length,
    id: draft.id, kind: ctx.kindOf(draft.id), title: draft.title, text: joinTrimmed(draft.description),
    ...(draft.status !== undefined ? { status: draft.status } : {}),
    links: draft.links, needs: draft.needs, attributes, format: OFT_FORMAT,
  };
}
