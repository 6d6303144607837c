// Implements: TL-171
/**
 * Go: `go.mod`. `require` lines (single or in a block) name modules at the version selected for the
 * build (since Go 1.17 the file lists every module the build needs): those marked `// indirect` are
 * transitive. `module` is the project's own; a `replace` by another version changes the version in
 * use, a `replace` by a local folder makes it not checkable.
 */
import type { FileProblem } from '../../model/types';
import type { ManifestResult, SoupDependency } from '../types';

const MODULE_PATH = /^("?)([^\s"]+)\1$/;

/** Reads a go.mod. */
export function readGoMod(text: string, file: string): ManifestResult {
  const dependencies: SoupDependency[] = [];
  const problems: FileProblem[] = [];
  const ownNames: string[] = [];
  const replaced = new Map<string, { version?: string; local?: string }>();
  let block: string | undefined;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    const comment = raw.indexOf('//');
    const code = (comment >= 0 ? raw.slice(0, comment) : raw).trim();
    const indirect = comment >= 0 && /^\/\/\s*indirect\b/.test(raw.slice(comment).trim());
    if (block !== undefined) {
      if (code === ')') {
        block = undefined;
        return;
      }
      if (code !== '') directive(block, code, raw, line, indirect);
      return;
    }
    const match = /^(\w+)\s*(.*)$/.exec(code);
    if (!match) return;
    const [, verb, rest] = match;
    if (rest === '(') block = verb;
    else directive(verb!, rest!, raw, line, indirect);
  });

  function directive(verb: string, rest: string, raw: string, line: number, indirect: boolean): void {
    const words = rest.trim().split(/\s+/);
    if (verb === 'module') {
      const path = MODULE_PATH.exec(words[0] ?? '')?.[2];
      if (path) ownNames.push(path);
    } else if (verb === 'require') {
      const [path, version] = words;
      if (!path || !version) {
        problems.push({ file, line, column: raw.indexOf(rest.trim()) + 1, message: `"require ${rest.trim()}" must name a module and its version.` });
        return;
      }
      const name = path.replace(/^"|"$/g, '');
      const column = raw.indexOf(name) + 1;
      dependencies.push({ file, line, column, endColumn: column + name.length, name, ecosystem: 'go', direct: !indirect, version, resolution: 'locked' });
    } else if (verb === 'replace') {
      const arrow = words.indexOf('=>');
      if (arrow < 1) return;
      const target = words[arrow + 1];
      const version = words[arrow + 2];
      if (target === undefined) return;
      replaced.set(words[0]!, /^(?:\.{1,2}\/|\/)/.test(target) || version === undefined ? { local: target } : { version });
    }
  }

  const resolved = dependencies.map((dependency): SoupDependency => {
    const replacement = replaced.get(dependency.name);
    if (!replacement) return dependency;
    if (replacement.local !== undefined) {
      const { version: _version, ...rest } = dependency;
      return { ...rest, resolution: 'none', note: `replaced by the folder ${replacement.local}: no version to check` };
    }
    return { ...dependency, version: replacement.version! };
  });
  return { dependencies: resolved, problems, ownNames };
}

/** Go compares versions with their `v`: `v1.2.3` in go.mod is `1.2.3` in a register. */
export function withoutGoPrefix(version: string): string {
  return version.replace(/^v(?=\d)/, '');
}
