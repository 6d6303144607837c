// Implements: TL-171
/**
 * pip's requirements files: one PEP 508 specifier a line (`name[extras]==1.2 ; markers`), `#`
 * comments, `\` continuations, per-line options (`--hash=…`), `-r`/`--requirement` includes
 * (read too, relative to the including file), `-c` constraint files (they pin versions, add no
 * dependency, and are not read), global options (`-i`, `--index-url`…). An editable install (`-e`)
 * or a URL has no version to check: it is reported as such; `-e .` is the project itself.
 */
import type { FileProblem } from '../../model/types';
import type { SoupDependency } from '../types';
import { folderOf, inFolder } from './common';
import { parsePep508 } from './pep508';

/** A `-r` include: the file it names (POSIX, relative to the root) and where the line is. */
export interface RequirementsInclude {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/** What one requirements file gives. */
export interface RequirementsTxt {
  readonly dependencies: SoupDependency[];
  readonly includes: RequirementsInclude[];
  readonly problems: FileProblem[];
}

const INCLUDE = /^(?:-r|--requirement)(?:\s+|=)(\S+)/;
const EDITABLE = /^(?:-e|--editable)(?:\s+|=)(\S+)/;
const CONSTRAINT = /^(?:-c|--constraint)(?:\s+|=)/;
const URL = /^(?:[a-z][a-z0-9+.-]*:\/\/|git\+|\.{0,2}\/)/i;

/** Reads a requirements file; `file` is its POSIX path relative to the root. */
export function readRequirementsTxt(text: string, file: string): RequirementsTxt {
  const dependencies: SoupDependency[] = [];
  const includes: RequirementsInclude[] = [];
  const problems: FileProblem[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const first = index;
    let logical = lines[index]!;
    // A trailing backslash joins the next line: the line number stays the first one's.
    while (/\\$/.test(logical) && index + 1 < lines.length) logical = logical.slice(0, -1) + lines[++index]!;
    const indent = logical.length - logical.trimStart().length;
    const content = logical.replace(/(?:^|\s)#.*$/, '').trim();
    if (content === '') continue;
    const line = first + 1;
    const column = indent + 1;
    const include = INCLUDE.exec(content);
    if (include) {
      const target = include[1]!;
      if (URL.test(target) && !target.startsWith('.')) problems.push({ file, line, column, message: `"${target}" is not read: only requirements files inside the project are followed.` });
      else includes.push({ path: joinPath(folderOf(file), target), line, column });
      continue;
    }
    if (CONSTRAINT.test(content)) continue;
    const editable = EDITABLE.exec(content);
    if (editable) {
      const target = editable[1]!;
      if (target === '.' || target === './') continue;
      const name = /#egg=([A-Za-z0-9._-]+)/.exec(target)?.[1] ?? target.replace(/[#?].*$/, '').replace(/\/+$/, '').split('/').pop()!.replace(/\.git$/, '');
      const at = column + content.indexOf(target);
      dependencies.push({ file, line, column: at, endColumn: at + target.length, name, ecosystem: 'pypi', direct: true, resolution: 'none', note: `an editable install (${target}): no version to check` });
      continue;
    }
    if (content.startsWith('-')) continue;
    if (URL.test(content)) {
      const name = /#egg=([A-Za-z0-9._-]+)/.exec(content)?.[1] ?? content.split(/\s/, 1)[0]!.replace(/[#?].*$/, '').split('/').pop()!;
      dependencies.push({ file, line, column, endColumn: column + content.split(/\s/, 1)[0]!.length, name, ecosystem: 'pypi', direct: true, resolution: 'none', note: `installed from a URL or path (${content.split(/\s/, 1)[0]}): no version to check` });
      continue;
    }
    // Options after the specifier (`--hash=…`) are not part of it.
    const requirement = parsePep508(content.split(/\s+--?[a-z]/)[0]!);
    if (!requirement) {
      problems.push({ file, line, column, message: `"${content}" is no requirement specifier (PEP 508) and no pip option.` });
      continue;
    }
    const at = column + requirement.offset;
    dependencies.push({
      file, line, column: at, endColumn: at + requirement.name.length, name: requirement.name, ecosystem: 'pypi', direct: true,
      resolution: requirement.resolution,
      ...(requirement.version !== undefined ? { version: requirement.version } : {}),
      ...(requirement.note !== undefined ? { note: requirement.note } : {}),
    });
  }
  return { dependencies, includes, problems };
}

/** `target` (POSIX or Windows separators) relative to `folder`, normalised; `..` may leave the root (the caller checks). */
function joinPath(folder: string, target: string): string {
  const parts: string[] = [];
  for (const segment of inFolder(folder, target.replace(/\\/g, '/')).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}
