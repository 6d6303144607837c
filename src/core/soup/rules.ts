// Implements: TL-173, TL-174
/**
 * The SOUP rules over a {@link SoupModel}: `soup-unlisted`, `soup-version-mismatch`, `soup-orphan`,
 * `soup-incomplete`, `soup-anomalies-stale`, `unknown-id` for risk IDs no item defines, and
 * `invalid-file` for what could not be read. A finding's `id` is the package name (the risk ID for
 * `unknown-id`). Severities follow the descriptors, by the entry's `class` (else `defaultClass`),
 * and the config's `rules` override them.
 *
 * A risk an entry names is a reference only: the SOUP item contributes to the risk, it does not
 * control it, so it never counts as a mitigation (coverage is unchanged).
 */
import { DEFAULT_SOUP_ANOMALY_REVIEW_DAYS, type TracelensConfig } from '../config/types';
import type { Finding, Location, RelatedLocation, SafetyClass, Severity } from '../model/types';
import { compareLocations } from '../model/types';
import { RuleId, ruleDescriptor } from '../rules/descriptors';
import { comparableName } from './manifests';
import type { SoupModel } from './project';
import { PLACEHOLDER } from './register';
import type { EntryField, SoupDependency, SoupEntry } from './types';

/** Fields every entry needs, as written in soup.yml. */
export const REQUIRED_SOUP_FIELDS = ['name', 'version', 'manufacturer', 'purpose', 'requirements', 'anomalies.reviewed', 'risks'] as const;


const MS_PER_DAY = 86_400_000;

/** Whether an entry names a dependency (compared as the dependency's ecosystem compares names). */
export function entryMatches(entry: SoupEntry, dependency: SoupDependency): boolean {
  return entry.name !== undefined && comparableName(entry.name.value, dependency.ecosystem) === comparableName(dependency.name, dependency.ecosystem);
}

/** A version as compared: without a leading `v` or `=` (`v1.2.3` in go.mod is `1.2.3`). */
function normalVersion(version: string): string {
  return version.trim().replace(/^[=v](?=\d)/, '');
}

/** Where a dependency is, for messages. */
function where(d: SoupDependency): string {
  return `${d.file}:${d.line}`;
}

/** Whether a field says something (present and not a TODO). */
function answered(field: EntryField | undefined): boolean {
  return field !== undefined && field.value.trim() !== '' && !PLACEHOLDER.test(field.value.trim());
}

/** A YYYY-MM-DD date as a UTC day number, or undefined when it is no such date. */
function dayNumber(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const date = new Date(ms);
  if (date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3])) return undefined;
  return ms / MS_PER_DAY;
}

/**
 * Every SOUP finding, sorted as reports print them. `isDefined` says whether an item defines an
 * ID (for the risk IDs of the register).
 */
export function soupFindings(model: SoupModel, config: TracelensConfig, isDefined: (id: string) => boolean): Finding[] {
  const findings: Finding[] = [];
  const severityOf = (rule: RuleId, safetyClass: SafetyClass = config.defaultClass, fallback?: Severity): Severity | undefined => {
    const override = config.rules[rule];
    if (override === 'off') return undefined;
    if (override) return override;
    if (fallback) return fallback;
    const base = ruleDescriptor(rule).defaultSeverity;
    return typeof base === 'string' ? base : base[safetyClass];
  };
  const emit = (rule: RuleId, at: Location & { endColumn?: number }, message: string, id: string | undefined, options: { safetyClass?: SafetyClass; severity?: Severity; related?: RelatedLocation[] } = {}): void => {
    const severity = severityOf(rule, options.safetyClass, options.severity);
    if (!severity) return;
    findings.push({
      rule, severity, message, id, file: at.file, line: at.line, column: at.column,
      endLine: at.endColumn !== undefined ? at.line : undefined, endColumn: at.endColumn, related: options.related,
    } as Finding);
  };
  for (const problem of model.problems) emit(RuleId.InvalidFile, problem, problem.message, undefined);

  const entries = model.register?.entries ?? [];
  if (!model.register && model.registerAt) {
    const direct = model.dependencies.filter((d) => d.direct).length;
    emit(RuleId.SoupUnlisted, model.registerAt, `The SOUP register ${model.registerFile} does not exist: the project's ${direct} direct ${direct === 1 ? 'dependency is' : 'dependencies are'} unlisted`, model.registerFile);
  }
  const registerName = model.registerFile;
  const inScope = (d: SoupDependency): boolean => d.direct || config.soupTransitive === true;
  const mismatches = new Set<string>();
  for (const dependency of model.dependencies) {
    const matching = entries.filter((entry) => entryMatches(entry, dependency));
    if (matching.length === 0) {
      if (!inScope(dependency)) continue;
      const version = dependency.resolution === 'locked' || dependency.resolution === 'exact' ? ` ${dependency.version}` : '';
      const kind = dependency.direct ? 'dependency' : 'transitive dependency';
      const note = dependency.note ? ` (${dependency.note})` : '';
      emit(RuleId.SoupUnlisted, dependency, `${dependency.name}${version} is a ${kind} with no entry in the SOUP register ${registerName}${note}`, dependency.name);
      continue;
    }
    for (const entry of matching) {
      const version = entry.version;
      if (!version || !answered(version)) continue;
      const message = versionProblem(entry, version, dependency);
      if (!message || mismatches.has(`${message.text}\u0000${entry.line}`)) continue;
      mismatches.add(`${message.text}\u0000${entry.line}`);
      emit(RuleId.SoupVersionMismatch, { ...version, endColumn: version.column + version.value.length }, message.text, dependency.name, {
        ...(entry.safetyClass ? { safetyClass: entry.safetyClass } : {}),
        ...(message.severity ? { severity: message.severity } : {}),
        related: [{ file: dependency.file, line: dependency.line, column: dependency.column, message: `${dependency.name} is ${dependency.direct ? 'declared' : 'installed'} here` }],
      });
    }
  }

  const reviewDays = config.soupAnomalyReviewDays ?? DEFAULT_SOUP_ANOMALY_REVIEW_DAYS;
  const today = dayNumber(model.asOf);
  for (const entry of entries) {
    const name = entry.name?.value;
    const at = entry.name ?? entry;
    const safety = entry.safetyClass ? { safetyClass: entry.safetyClass } : {};
    if (name !== undefined && !model.dependencies.some((d) => entryMatches(entry, d))) {
      emit(RuleId.SoupOrphan, { ...at, endColumn: at.column + name.length }, `${name} is in the SOUP register, but no manifest, lock file or SBOM of the project names it`, name, safety);
    }
    const reviewed = entry.anomaliesReviewed;
    const reviewedDay = reviewed ? dayNumber(reviewed.value) : undefined;
    const missing = REQUIRED_SOUP_FIELDS.filter((field) => {
      if (field === 'risks') return entry.risks === undefined;
      if (field === 'anomalies.reviewed') return !answered(reviewed) || reviewedDay === undefined;
      return !answered(entry[field]);
    });
    if (missing.length > 0) {
      const bad = answered(reviewed) && reviewedDay === undefined ? ` ("anomalies.reviewed" must be a date, YYYY-MM-DD: "${reviewed!.value}")` : '';
      emit(RuleId.SoupIncomplete, name !== undefined ? { ...at, endColumn: at.column + name.length } : at,
        `${name ?? 'A SOUP entry'} lacks ${missing.join(', ')}${bad}`, name, safety);
    }
    if (reviewed && reviewedDay !== undefined && today !== undefined && today - reviewedDay > reviewDays) {
      emit(RuleId.SoupAnomaliesStale, { ...reviewed, endColumn: reviewed.column + reviewed.value.length },
        `The known anomalies of ${name ?? 'this SOUP item'} were last reviewed on ${reviewed.value}, ${today - reviewedDay} days before ${model.asOf} (more than ${reviewDays})`, name, safety);
    }
    for (const risk of entry.risks ?? []) {
      if (isDefined(risk.id)) continue;
      emit(RuleId.UnknownId, { ...risk, endColumn: risk.column + risk.id.length }, `${risk.id} (a risk ${name ?? 'a SOUP item'} contributes to) is not defined in any requirement file`, risk.id);
    }
  }
  return findings.sort((a, b) => compareLocations(a, b) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || ((a.id ?? '') < (b.id ?? '') ? -1 : (a.id ?? '') > (b.id ?? '') ? 1 : 0));
}

/** What is wrong with an entry's version for a dependency, if anything, and a severity when it is not the rule's. */
function versionProblem(entry: SoupEntry, version: EntryField, dependency: SoupDependency): { text: string; severity?: Severity } | undefined {
  const name = entry.name!.value;
  switch (dependency.resolution) {
    case 'locked':
    case 'exact': {
      if (normalVersion(version.value) === normalVersion(dependency.version!)) return undefined;
      const source = dependency.versionFrom !== undefined ? `${dependency.versionFrom} resolves it (${where(dependency)}) to` : `${where(dependency)} ${dependency.resolution === 'locked' ? 'gives' : 'pins'}`;
      return { text: `The SOUP register lists ${name} ${version.value}, but ${source} ${dependency.version}` };
    }
    case 'range':
      return {
        text: `${name} is declared as ${dependency.version ?? 'any version'} at ${where(dependency)} and no lock file says which version is installed: the register's ${version.value} cannot be confirmed`,
        severity: 'warning',
      };
    case 'none':
      return { text: `The version of ${name} at ${where(dependency)} cannot be checked against the register's ${version.value}: ${dependency.note ?? 'no version'}`, severity: 'info' };
  }
}
