// Implements: TL-171
/**
 * .NET: `*.csproj` (also `*.fsproj`, `*.vbproj`) with NuGet's `packages.lock.json` beside it, and
 * the `Directory.Packages.props` of central package management (nearest folder above).
 *
 * SOUP are `<PackageReference Include="X" Version="1.2.3" />` (or a `<Version>` child element, or
 * a `VersionOverride`); NuGet restores the lowest version a range allows, so `1.2.3` and `[1.2.3]`
 * are that version, other ranges (`[1.0,2.0)`, `1.*`) are ranges. Without a version, the
 * `<PackageVersion>` of Directory.Packages.props gives it. `packages.lock.json` gives the resolved
 * versions and the transitive packages. XML is read with saxes: no DTD, no entity is expanded.
 */
import { SaxesParser } from 'saxes';
import type { FileProblem } from '../../model/types';
import type { ManifestResult, SoupDependency, VersionResolution } from '../types';
import { jsonEntries, jsonProperty, jsonString, parseJsonFile, positioner } from './common';

/** A NuGet lock file (packages.lock.json), ready to resolve a project's packages. */
export interface NugetLock {
  readonly file: string;
  resolve(name: string): string | undefined;
  readonly packages: readonly SoupDependency[];
  readonly problems: readonly FileProblem[];
}

/** An element the XML reader found: its name, attributes, text and where its start tag is. */
interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  text: string;
  readonly start: number;
  readonly parent?: XmlElement;
}

/** Reads an MSBuild XML file into its elements; a malformed file is one problem at its place. */
function readXml(text: string, file: string, wanted: ReadonlySet<string>): { elements: XmlElement[]; problem?: FileProblem } {
  const position = positioner(text);
  const parser = new SaxesParser({ position: true });
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let failure: FileProblem | undefined;
  parser.on('doctype', () => {
    failure ??= { file, ...position(Math.max(0, text.indexOf('<!DOCTYPE'))), message: 'A project file has no DOCTYPE; it is not read (entities are never expanded).' };
  });
  parser.on('error', (error) => {
    failure ??= { file, ...position(Math.max(0, parser.position - 1)), message: `Malformed XML: ${error.message.replace(/^\d+:\d+: /, '')}` };
  });
  parser.on('opentag', (tag) => {
    // No `<` can stand inside a tag: the last one before the tag's end starts it.
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '', start: text.lastIndexOf('<', parser.position - 1), ...(stack.length > 0 ? { parent: stack[stack.length - 1] } : {}) };
    if (wanted.has(tag.name) || wanted.has(`${stack[stack.length - 1]?.name}/${tag.name}`)) elements.push(element);
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on('text', (chars) => {
    const top = stack[stack.length - 1];
    if (top) top.text += chars;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(text).close();
  } catch (error) {
    failure ??= { file, line: 1, column: 1, message: `Malformed XML: ${(error as Error).message}` };
  }
  return failure ? { elements, problem: failure } : { elements };
}

/** The position of an attribute's value in the start tag at `start`. */
function attributeAt(text: string, start: number, attribute: string): number {
  const end = text.indexOf('>', start);
  const match = new RegExp(`\\s${attribute}\\s*=\\s*(["'])`).exec(text.slice(start, end < 0 ? undefined : end));
  return match ? start + match.index + match[0].length : start + 1;
}

/** The central package versions of a Directory.Packages.props: name (lower case) → version. */
export function readPackagesProps(text: string, file: string): { versions: Map<string, string>; problems: FileProblem[] } {
  const { elements, problem } = readXml(text, file, new Set(['PackageVersion']));
  const versions = new Map<string, string>();
  for (const element of elements) {
    const name = element.attributes['Include'] ?? element.attributes['Update'];
    const version = element.attributes['Version'];
    if (name && version) versions.set(name.toLowerCase(), version);
  }
  return { versions, problems: problem ? [problem] : [] };
}

/** NuGet's range as a version in use: `1.2.3` and `[1.2.3]` are exact, anything else a range. */
function nugetResolution(spec: string): { version: string; resolution: VersionResolution } {
  const trimmed = spec.trim();
  const exact = /^\[?\s*(\d+(?:\.\d+){1,3}(?:-[0-9A-Za-z.-]+)?)\s*\]?$/.exec(trimmed);
  if (exact && (trimmed.startsWith('[') === trimmed.endsWith(']'))) return { version: exact[1]!, resolution: 'exact' };
  return { version: trimmed, resolution: 'range' };
}

/** Reads a project file: its package references, resolved through `lock`, else `central` versions. */
export function readCsproj(text: string, file: string, lock?: NugetLock, central?: ReadonlyMap<string, string>): ManifestResult {
  const { elements, problem } = readXml(text, file, new Set(['PackageReference', 'PackageReference/Version', 'PackageReference/VersionOverride']));
  const position = positioner(text);
  const dependencies: SoupDependency[] = [];
  const problems: FileProblem[] = problem ? [problem] : [];
  for (const element of elements) {
    if (element.name !== 'PackageReference') continue;
    const attribute = element.attributes['Include'] !== undefined ? 'Include' : element.attributes['Update'] !== undefined ? 'Update' : undefined;
    // `Update` changes a reference made elsewhere (Directory.Build.props): no new dependency.
    if (attribute !== 'Include') continue;
    const name = element.attributes['Include']!.trim();
    const at = position(attributeAt(text, element.start, 'Include'));
    const base = { file, ...at, endColumn: at.column + name.length, name, ecosystem: 'nuget' as const, direct: true };
    const locked = lock?.resolve(name);
    if (locked !== undefined && lock) {
      dependencies.push({ ...base, version: locked, resolution: 'locked', versionFrom: lock.file });
      continue;
    }
    const child = elements.find((e) => e.parent === element && (e.name === 'VersionOverride' || e.name === 'Version'));
    const spec = element.attributes['VersionOverride'] ?? element.attributes['Version'] ?? child?.text.trim() ?? central?.get(name.toLowerCase());
    if (spec === undefined || spec === '') {
      dependencies.push({ ...base, resolution: 'none', note: 'no version: neither the reference nor a Directory.Packages.props gives one' });
      continue;
    }
    dependencies.push({ ...base, ...nugetResolution(spec) });
  }
  return { dependencies, problems, ownNames: [] };
}

/** Reads a packages.lock.json: resolved versions of every target framework; `Project` entries are the project's own. */
export function readNugetLock(text: string, file: string): NugetLock {
  const { root, position, problems } = parseJsonFile(text, file);
  const versions = new Map<string, string>();
  const packages: SoupDependency[] = [];
  const seen = new Set<string>();
  for (const [, , framework] of jsonEntries(jsonProperty(root, 'dependencies'))) {
    for (const [name, keyNode, entry] of jsonEntries(framework)) {
      const type = jsonString(jsonProperty(entry, 'type'));
      const version = jsonString(jsonProperty(entry, 'resolved'));
      if (version === undefined || type === 'Project') continue;
      versions.set(name.toLowerCase(), version);
      if (type === 'Transitive' && !seen.has(`${name}@${version}`)) {
        seen.add(`${name}@${version}`);
        const at = position(keyNode.offset + 1);
        packages.push({ file, ...at, endColumn: at.column + name.length, name, ecosystem: 'nuget', direct: false, version, resolution: 'locked' });
      }
    }
  }
  return { file, packages, problems, resolve: (name) => versions.get(name.toLowerCase()) };
}
