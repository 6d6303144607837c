// Implements: TL-246
/**
 * sphinx-needs `needimport`: the needs of a needs.json become needs of the document that imports
 * it. The path is relative to the document, or, starting with `/`, to the Sphinx source folder
 * (the nearest folder above the document that holds conf.py). The needs of `:version:` (else of
 * `current_version`, which sphinx-needs then requires) are read with the needs.json reader; `:ids:`
 * and `:filter:` choose among them, `:tags:` are added to their tags, and `:id_prefix:` prefixes
 * their IDs and the links between them (links to needs not imported keep their targets), as
 * sphinx-needs does. `:hide:`, `:collapse:`, `:style:`, `:layout:` and the templates only change
 * how needs are shown.
 *
 * An imported need is placed at its ID in the needs.json (where its text is written), with the
 * importing document as its origin. A URL, a path outside the project, a missing file or version,
 * and needs a filter cannot be evaluated for exactly (needFilter.ts) are problems at the
 * directive: the needs they would bring in are not read, and the report says so.
 */

import { parse as parseJson, type ParseError } from 'jsonc-parser';
import { absoluteFromPosix, type FileSystem } from '../files/fileSystem';
import { isId } from '../model/ids';
import { compareLocations, type FileProblem, type Item } from '../model/types';
import { labelFor, NEEDIMPORT, type NeedImport } from './needDirectives';
import { IMPORTED_AT } from './needExtend';
import { evaluateNeedFilter, NeedFilterUnknown, parseNeedFilter, type FieldValue, type NeedFields } from './needFilter';
import { readNeedsJson } from './needsJson';
import { stripBom } from './sourceText';
import type { ReadResult, ReaderContext } from './types';

const decoder = new TextDecoder('utf-8');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The folder of a POSIX path ('' at the root). */
function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
}

/** `a/b/../c` → `a/c`; undefined when the path climbs above the root. */
function normalized(path: string): string | undefined {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') out.push(segment);
    else if (out.pop() === undefined) return undefined;
  }
  return out.join('/');
}

/** The Sphinx source folder of a document: the nearest folder above it holding conf.py. */
async function sourceFolder(fs: FileSystem, root: string, file: string): Promise<string | undefined> {
  let folder = folderOf(file);
  for (;;) {
    const stat = await fs.stat(absoluteFromPosix(root, folder === '' ? 'conf.py' : `${folder}/conf.py`)).catch(() => undefined);
    if (stat) return folder;
    if (folder === '') return undefined;
    folder = folderOf(folder);
  }
}

/** The project file a needimport reads, or why it reads none. */
async function importedFile(fs: FileSystem, root: string, imp: NeedImport): Promise<{ path: string } | { why: string }> {
  const written = imp.path.replace(/\\/g, '/');
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(written)) return { why: 'Tracelens downloads nothing: the needs it imports are not read. Keep a copy of the file in the project and import that' };
  if (written.startsWith('//') || /^[a-z]:\//i.test(written)) return { why: 'the file is outside the project: Tracelens reads only project files, so the needs it imports are not read' };
  let base = folderOf(imp.file);
  if (written.startsWith('/')) {
    const folder = await sourceFolder(fs, root, imp.file);
    if (folder === undefined) return { why: 'a path starting with / is relative to the Sphinx source folder, and no folder above the document holds conf.py: the needs it imports are not read' };
    base = folder;
  }
  const path = normalized(base === '' ? written : `${base}/${written}`);
  return path === undefined ? { why: 'the file is outside the project: Tracelens reads only project files, so the needs it imports are not read' } : { path };
}

/**
 * A file's read result with the needs of its needimports added, and the files they read in
 * `imported`. Depends on other files, so it is done after (never inside) the cached read.
 */
export async function resolveNeedImports(fs: FileSystem, root: string, result: ReadResult, ctx: ReaderContext): Promise<ReadResult> {
  if (!result.needImports) return result;
  const items = [...result.items];
  const problems = [...result.problems];
  const imported: string[] = [];
  for (const imp of result.needImports) {
    const at = { file: imp.file, line: imp.pathLine, column: imp.pathColumn };
    const target = await importedFile(fs, root, imp);
    if ('why' in target) {
      problems.push({ ...at, message: `${labelFor(imp.file)(NEEDIMPORT, imp.path)}: ${target.why}.` });
      continue;
    }
    imported.push(target.path);
    let text: string;
    try {
      text = stripBom(decoder.decode(await fs.readFile(absoluteFromPosix(root, target.path))));
    } catch {
      problems.push({ ...at, message: `${labelFor(imp.file)(NEEDIMPORT, imp.path)}: ${target.path} does not exist (sphinx-needs warns and imports nothing; a key of conf.py's needs_import_keys is not read by Tracelens).` });
      continue;
    }
    const read = importNeeds(text, target.path, imp, ctx, problems);
    items.push(...read.items);
    problems.push(...read.problems);
  }
  return { ...result, items: items.sort(compareLocations), problems: problems.sort(compareLocations), imported: [...new Set(imported)].sort() };
}

/** The needs one needimport brings in from the text of its needs.json. */
function importNeeds(text: string, file: string, imp: NeedImport, ctx: ReaderContext, problems: FileProblem[]): ReadResult {
  const errors: ParseError[] = [];
  const data = parseJson(text, errors, { disallowComments: true, allowTrailingComma: false }) as Json;
  const prefix = imp.idPrefix;
  const context: ReaderContext = { ...ctx, file, kindOf: (id) => ctx.kindOf(`${prefix}${id}`) };
  // A file that is no export: the needs.json reader says what is wrong with it, where.
  if (errors.length > 0 || !isObject(data) || !isObject(data['versions'])) return readNeedsJson(text, context);
  const at = { file: imp.file, line: imp.version?.line ?? imp.line, column: imp.version?.column ?? imp.column };
  const version = imp.version?.value.trim() ?? data['current_version'];
  if (typeof version !== 'string') {
    problems.push({ ...at, message: `${labelFor(imp.file)(NEEDIMPORT, imp.path)}: ${file} has no "current_version" and the directive no :version: (sphinx-needs stops the build); nothing is imported.` });
    return { items: [], problems: [] };
  }
  const chosen = data['versions'][version];
  if (!isObject(chosen)) {
    problems.push({ ...at, message: `${labelFor(imp.file)(NEEDIMPORT, imp.path)}: ${file} has no version "${version}" (sphinx-needs stops the build); nothing is imported.` });
    return { items: [], problems: [] };
  }
  const read = readNeedsJson(text, context, version);
  const raw = isObject(chosen['needs']) ? chosen['needs'] : {};
  const chosenIds = selectedNeeds(raw, schemaDefaults(chosen['needs_schema']), imp, problems);
  const prefixed = (id: string): string => (chosenIds.has(id) ? `${prefix}${id}` : id);
  const items: Item[] = [];
  for (const item of read.items) {
    if (!chosenIds.has(item.id)) continue;
    const id = `${prefix}${item.id}`;
    if (!isId(id)) {
      problems.push({ file: item.file, line: item.line, column: item.column, message: `\`:id_prefix: ${prefix}\` of the needimport in ${imp.file}:${imp.line} makes "${id}", which is not a valid ID (expected something like REQ_001); the need is not imported.` });
      continue;
    }
    const tags = [...(item.attributes['tags'] ?? '').split(/[;,]/).map((tag) => tag.trim()).filter((tag) => tag !== ''), ...imp.tags];
    const attributes: Record<string, string> = { ...item.attributes, [IMPORTED_AT]: `${imp.file}:${imp.line}` };
    if (tags.length > 0) attributes['tags'] = tags.join(', ');
    items.push({
      ...item, id,
      // sphinx-needs writes the prefixed IDs into the content as well, by plain replacement.
      text: prefix === '' ? item.text : [...chosenIds].reduce((content, old) => content.split(old).join(`${prefix}${old}`), item.text),
      links: item.links.map((link) => ({ ...link, target: prefixed(link.target) })),
      attributes, origin: imp.file,
    });
  }
  return { items, problems: read.problems };
}

/** Field defaults a version's `needs_schema` declares, which sphinx-needs gives imported needs before filtering. */
function schemaDefaults(schema: Json | undefined): Record<string, Json> {
  const properties = isObject(schema) && isObject(schema['properties']) ? schema['properties'] : {};
  const defaults: Record<string, Json> = {};
  for (const [name, field] of Object.entries(properties)) {
    if (isObject(field) && 'default' in field) defaults[name] = field['default']!;
  }
  return defaults;
}

/** The IDs (as written in the file) of the needs `:ids:` and `:filter:` let in; problems for needs the filter cannot be evaluated for. */
function selectedNeeds(raw: { [key: string]: Json }, defaults: Record<string, Json>, imp: NeedImport, problems: FileProblem[]): Set<string> {
  const wanted = imp.ids ? new Set(imp.ids.value.split(',').map((id) => id.trim()).filter((id) => id !== '')) : undefined;
  const parsed = imp.filter ? parseNeedFilter(imp.filter.value) : undefined;
  const filterAt = imp.filter ? { file: imp.file, line: imp.filter.line, column: imp.filter.column } : undefined;
  if (parsed && !parsed.ok) {
    problems.push({ ...filterAt!, message: `The filter \`${imp.filter!.value}\` of ${labelFor(imp.file)(NEEDIMPORT, imp.path)} is not evaluated: ${parsed.reason}; nothing is imported. Use :ids: to name the needs.` });
    return new Set();
  }
  const chosen = new Set<string>();
  const unknown: string[] = [];
  let reason = '';
  for (const [key, value] of Object.entries(raw)) {
    if (wanted && !wanted.has(key)) continue;
    if (!isObject(value)) continue;
    const id = typeof value['id'] === 'string' ? value['id'] : key;
    if (parsed?.ok) {
      try {
        if (!evaluateNeedFilter(parsed.node, jsonFields({ ...defaults, ...value }))) continue;
      } catch (error) {
        if (!(error instanceof NeedFilterUnknown)) throw error;
        unknown.push(id);
        reason ||= error.message;
        continue;
      }
    }
    chosen.add(id);
  }
  if (unknown.length > 0) {
    const shown = unknown.length > 3 ? `${unknown.slice(0, 3).join(', ')} and ${unknown.length - 3} more` : unknown.join(', ');
    problems.push({ ...filterAt!, message: `The filter \`${imp.filter!.value}\` of ${labelFor(imp.file)(NEEDIMPORT, imp.path)} cannot be evaluated exactly for ${shown} (${reason}): not imported.` });
  }
  return chosen;
}

/** A needs.json need's fields as the filter sees them: sphinx-needs evaluates the filter on the JSON object. */
function jsonFields(need: { [key: string]: Json }): NeedFields {
  // Older exports call the content "description".
  const content = need['content'];
  const fields = (content === undefined || content === '') && typeof need['description'] === 'string' ? { ...need, content: need['description'] } : need;
  return {
    field(name: string): FieldValue | undefined {
      if (!Object.prototype.hasOwnProperty.call(fields, name)) return undefined;
      const value = fields[name]!;
      if (Array.isArray(value)) {
        if (value.every((element): element is string => typeof element === 'string')) return value;
        throw new NeedFilterUnknown(`"${name}" holds a list of anything but strings`);
      }
      if (isObject(value)) throw new NeedFilterUnknown(`"${name}" holds an object`);
      return value;
    },
  };
}
