// Implements: TL-171
/**
 * Python dependency specifiers (PEP 508), as requirements.txt lines and pyproject.toml's
 * `[project] dependencies` write them: `name[extras] (specifiers) ; markers` or `name @ url`.
 * Names are compared in their normalised form (PEP 503: lower case, runs of `-_.` as one `-`).
 */
import type { VersionResolution } from '../types';

/** A specifier's name (where it starts in the text) and what it says of the version. */
export interface PythonRequirement {
  readonly name: string;
  /** Offset of the name in the text given. */
  readonly offset: number;
  readonly version?: string;
  readonly resolution: VersionResolution;
  readonly note?: string;
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/** PEP 503's normalised name: how pip compares them. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * Reads one specifier; undefined when it does not start with a name. `==1.2.3` (or `===`) is an
 * exact version, a URL (`name @ https://…`) has none to check, anything else is a range.
 */
export function parsePep508(text: string): PythonRequirement | undefined {
  const match = NAME.exec(text);
  if (!match) return undefined;
  const name = match[1]!;
  const offset = match[0].length - name.length;
  // Markers apply on some platforms only; the dependency is SOUP wherever it is installed.
  let rest = text.slice(match[0].length).split(';', 1)[0]!.trim();
  if (rest.startsWith('[')) rest = rest.slice(rest.indexOf(']') + 1).trim();
  if (rest.startsWith('@')) return { name, offset, resolution: 'none', note: `installed from ${rest.slice(1).trim()}: no version to check` };
  // After the name only version specifiers may follow (markers were cut at `;`).
  if (rest !== '' && !/^\(?\s*(?:===?|~=|!=|<=?|>=?)/.test(rest)) return undefined;
  const specifiers = rest.replace(/^\((.*)\)$/, '$1').trim();
  const exact = /^===?\s*([^\s,*]+)$/.exec(specifiers);
  if (exact) return { name, offset, version: exact[1]!, resolution: 'exact' };
  return specifiers === '' ? { name, offset, resolution: 'range' } : { name, offset, version: specifiers, resolution: 'range' };
}

/** A Poetry version constraint (`1.2.3` alone is exact in Poetry, like `==1.2.3`). */
export function poetryResolution(spec: string): { version?: string; resolution: VersionResolution } {
  const trimmed = spec.trim();
  const exact = /^(?:===?)?\s*(\d[\w.+!-]*)$/.exec(trimmed);
  if (exact && !trimmed.includes('*')) return { version: exact[1]!, resolution: 'exact' };
  return trimmed === '' || trimmed === '*' ? { resolution: 'range' } : { version: trimmed, resolution: 'range' };
}
