// Implements: TL-178
/** What the editor shows on a dependency in a manifest: its SOUP entry, or that it has none. */
import type { SoupModel } from './project';
import { entryMatches } from './rules';
import type { SoupDependency } from './types';

/** The dependency whose name is at a 1-based line and column of a manifest, if any. */
export function dependencyAt(model: SoupModel, file: string, line: number, column: number): SoupDependency | undefined {
  return model.dependencies.find((d) => d.file === file && d.line === line && column >= d.column && column <= d.endColumn);
}

/** The version in use, as words: `4.17.21 (package-lock.json)`, `^4.17.0 (a range: no lock file)`. */
export function versionInUse(dependency: SoupDependency): string {
  switch (dependency.resolution) {
    case 'locked': return `${dependency.version}${dependency.versionFrom ? ` (${dependency.versionFrom})` : ''}`;
    case 'exact': return `${dependency.version} (pinned)`;
    case 'range': return `${dependency.version ?? 'any version'} (a range: no lock file says which version is installed)`;
    case 'none': return `not known (${dependency.note ?? 'no version'})`;
  }
}

/** Markdown for a hover on `dependency`: its register entry's fields, or that the register lacks it. */
export function soupHoverMarkdown(model: SoupModel, dependency: SoupDependency): string {
  const entry = model.register?.entries.find((e) => entryMatches(e, dependency));
  const kind = dependency.direct ? 'dependency' : 'transitive dependency';
  const head = `**${dependency.name}** · SOUP ${kind} · in use: ${versionInUse(dependency)}`;
  if (!entry) {
    const where = model.register ? `the SOUP register ${model.registerFile}` : `a SOUP register (${model.registerFile} does not exist)`;
    return `${head}\n\nNo entry in ${where}.`;
  }
  const field = (label: string, value: string | undefined): string => `- ${label}: ${value ?? '*missing*'}`;
  const reviewed = entry.anomaliesReviewed?.value;
  const url = entry.anomaliesUrl?.value;
  return [
    head,
    '',
    `Entry in ${model.registerFile}:${entry.line}${entry.safetyClass ? ` (class ${entry.safetyClass})` : ''}`,
    '',
    field('version', entry.version?.value),
    field('manufacturer', entry.manufacturer?.value),
    field('purpose', entry.purpose?.value),
    field('requirements', entry.requirements?.value),
    field('known anomalies', reviewed !== undefined || url !== undefined ? `${url ?? '*no list*'}, reviewed ${reviewed ?? '*never*'}` : undefined),
    field('risks', entry.risks ? (entry.risks.length > 0 ? entry.risks.map((r) => r.id).join(', ') : 'none') : undefined),
  ].join('\n');
}
