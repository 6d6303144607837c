// Implements: TL-020, TL-021
/** Evaluates the rules over a trace model: every finding, in report order. */
import type { TracelensConfig } from '../config/types';
import type { FileProblem, Finding, Item, Need, Reference, RelatedLocation, SafetyClass, Severity } from '../model/types';
import { compareLocations, isInactive } from '../model/types';
import { RuleId, ruleDescriptor } from './descriptors';
import { buildTraceIndex, safetyClassOf, type TraceIndex, type TraceModel } from './traceIndex';
import { isKnownTargetOf, missingNeeds, needsOf } from './coverageModel';
import { childTarget, childTargets, describeNeeds, isTestNeed } from '../model/needs';
import type { RequirementSources } from '../model/sources';
import { sourceFindings } from './sourceChecks';
import { currentRevision, revisionTable } from '../model/revisions';
import type { Location } from '../model/types';
import { buildEvidence, type VerificationEvidence } from '../results/evidence';
import type { TestResults } from '../results/types';
import { verificationFindings } from './verificationRules';

type Emit = (rule: RuleId, severity: Severity, at: Range, message: string, id?: string, related?: readonly RelatedLocation[]) => void;

/** A finding's place: where it starts and, when known, where it ends. */
interface Range {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** The item's ID in its heading or `id:` line. */
function itemRange(item: Item): Range {
  return { file: item.file, line: item.line, column: item.column, endLine: item.line, endColumn: item.endColumn };
}

function referenceRange(reference: Reference): Range {
  return { file: reference.file, line: reference.line, column: reference.column, endLine: reference.line, endColumn: reference.endColumn };
}

function related(location: { file: string; line: number; column: number }, message: string): RelatedLocation {
  return { file: location.file, line: location.line, column: location.column, message };
}

function checkDefinitions(items: readonly Item[], index: TraceIndex, emit: Emit, severity: (r: RuleId) => Severity): void {
  for (const [id, items] of index.itemsById) {
    if (items.length < 2) continue;
    const sorted = [...items].sort(compareLocations);
    for (const item of sorted) {
      const others = sorted.filter((other) => other !== item);
      emit(RuleId.DuplicateId, severity(RuleId.DuplicateId), itemRange(item),
        `${id} is defined ${items.length} times (also at ${others.map((o) => `${o.file}:${o.line}`).join(', ')})`,
        id, others.map((o) => related(o, `${id} is also defined here`)));
    }
  }
  for (const item of items) {
    for (const link of item.links) {
      if (index.itemsById.has(link.target)) continue;
      const range = { file: link.file, line: link.line, column: link.column, endLine: link.line, endColumn: link.column + link.target.length };
      const current = currentRevision(link.target, revisionsOf(index));
      if (current !== undefined) {
        emit(RuleId.OutdatedLink, severity(RuleId.OutdatedLink), range,
          `${item.id} ${describeLink(link.kind)} ${link.target}, but the defined revision is ${current}: check what changed and link to ${current}`,
          link.target, [related(index.itemsById.get(current)![0]!, `${current} is defined here`)]);
        continue;
      }
      emit(RuleId.BrokenLink, severity(RuleId.BrokenLink),
        { file: link.file, line: link.line, column: link.column, endLine: link.line, endColumn: link.column + link.target.length },
        `${item.id} ${describeLink(link.kind)} ${link.target}, which no item defines`,
        link.target, [related(item, `${item.id} is defined here`)]);
    }
  }
}

/** How a link reads in a message: `has parent`, `covers`… */
function describeLink(kind: string): string {
  return kind === 'parent' || kind === 'child' ? `has ${kind}` : kind === 'depends' ? 'depends on' : kind;
}

const revisionTables = new WeakMap<object, Map<string, string>>();

// Implements: TL-123
/** The highest defined revision of each OpenFastTrace `type~name`, built once per set of items. */
function revisionsOf(index: TraceIndex): Map<string, string> {
  let table = revisionTables.get(index.itemsById);
  if (!table) {
    table = revisionTable(index.itemsById.keys());
    revisionTables.set(index.itemsById, table);
  }
  return table;
}

function checkReferences(references: readonly Reference[], index: TraceIndex, config: TracelensConfig, emit: Emit, severity: (r: RuleId) => Severity): void {
  for (const reference of references) {
    const items = index.itemsById.get(reference.id);
    const current = items ? undefined : currentRevision(reference.id, revisionsOf(index));
    if (current !== undefined) {
      emit(RuleId.OutdatedLink, severity(RuleId.OutdatedLink), referenceRange(reference),
        `${reference.id} is outdated: the defined revision is ${current}, so this ${reference.relation} tag no longer covers it; check what changed and retarget the tag`,
        reference.id, [related(index.itemsById.get(current)![0]!, `${current} is defined here`)]);
    } else if (!items) {
      emit(RuleId.UnknownId, severity(RuleId.UnknownId), referenceRange(reference), `${reference.id} is not defined in any requirement file`, reference.id);
    } else if (items.every((item) => isInactive(item, config.inactiveStatuses))) {
      const item = items[0]!;
      emit(RuleId.InactiveReference, severity(RuleId.InactiveReference), referenceRange(reference),
        `${reference.id} is ${item.status}: this ${reference.relation} reference should be removed or retargeted`,
        reference.id, [related(item, `${reference.id} (${item.status}) is defined here`)]);
    }
  }
}

/** The rule that reports a missing need. */
function ruleOfNeed(need: Need): RuleId {
  if (need === 'impl') return RuleId.Unimplemented;
  if (need === 'mitigation') return RuleId.UnmitigatedRisk;
  return isTestNeed(need) ? RuleId.Unverified : RuleId.Uncovered;
}

/** The flat project's messages, kept for the built-in needs so that their reports do not change. */
function defaultMessage(rule: RuleId, item: Item, safetyClass: SafetyClass): string {
  switch (rule) {
    case RuleId.Unimplemented: return `${item.id} (class ${safetyClass}) is not implemented: no code comment implements it`;
    case RuleId.Unverified: return `${item.id} (class ${safetyClass}) is not verified: no test verifies it`;
    default: return `${item.id} is not mitigated: no item lists it under "mitigates"`;
  }
}

/** What a missing need lacks, in words: `child:SDS (no active SDS item names SYS-1 as its parent)`. */
function describeMissing(need: Need, item: Item): string {
  const targets = childTargets(need);
  return targets.length === 0 ? need : `${need} (no active ${targets.join(' or ')} item names ${item.id} as its parent)`;
}

// Implements: TL-073, TL-075
/**
 * Coverage of one item (its first definition): one finding per rule with a missing need
 * (`unimplemented`, `unverified`, `unmitigated-risk`, `uncovered`). Items with the built-in needs
 * keep the flat project's messages; others say what they need and what is missing.
 */
function checkCoverage(item: Item, index: TraceIndex, config: TracelensConfig, emit: Emit, classSeverity: (r: RuleId, c: SafetyClass) => Severity | undefined): void {
  if (isInactive(item, config.inactiveStatuses)) return;
  const { needs, source } = needsOf(item, config);
  if (needs.length === 0) return;
  const missing = missingNeeds(item, needs, index, config);
  if (missing.length === 0) return;
  const safetyClass = safetyClassOf(item, config);
  const byRule = new Map<RuleId, Need[]>();
  for (const need of missing) {
    const rule = ruleOfNeed(need);
    const list = byRule.get(rule);
    if (list) list.push(need);
    else byRule.set(rule, [need]);
  }
  for (const [rule, lacking] of byRule) {
    const severity = classSeverity(rule, safetyClass);
    if (!severity) continue;
    const message = source === 'default' && rule !== RuleId.Uncovered
      ? defaultMessage(rule, item, safetyClass)
      : `${item.id} (class ${safetyClass}) needs ${describeNeeds(needs)}; missing ${lacking.map((need) => describeMissing(need, item)).join(' and ')}`;
    emit(rule, severity, itemRange(item), message, item.id);
  }
}

// Implements: TL-074
/** Child needs of items naming a kind or prefix the configuration does not know: bad input at its position. */
function checkItemNeeds(items: readonly Item[], config: TracelensConfig, emit: Emit, severity: (r: RuleId) => Severity): void {
  for (const item of items) {
    for (const at of item.needs ?? []) {
      const target = childTarget(at.need);
      if (target === undefined || isKnownTargetOf(item, target, config)) continue;
      emit(RuleId.InvalidFile, severity(RuleId.InvalidFile), { file: at.file, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + at.need.length },
        `${item.id} needs "${at.need}", but "${target}" is no kind (requirement, system, risk, test) and no prefix of tracelens.json`, item.id);
    }
  }
}

/** Orders findings the way every report prints them. */
export function compareFindings(a: Finding, b: Finding): number {
  return compareLocations(a, b) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || ((a.id ?? '') < (b.id ?? '') ? -1 : (a.id ?? '') > (b.id ?? '') ? 1 : 0);
}

/**
 * The rules split by what they depend on, so that an editor can re-run only what a change touches:
 * `definitions` (requirement files only), `references` (one code file's tags), `coverage` (one ID's
 * items and references). Each returns its findings unsorted.
 */
export class RuleEvaluator {
  private findings: Finding[] = [];
  private readonly emit: Emit;
  private readonly classSeverity: (rule: RuleId, safetyClass: SafetyClass) => Severity | undefined;
  private readonly severity: (rule: RuleId) => Severity;

  constructor(private readonly config: TracelensConfig) {
    this.classSeverity = (rule, safetyClass) => {
      const override = config.rules[rule];
      if (override === 'off') return undefined;
      if (override) return override;
      const base = ruleDescriptor(rule).defaultSeverity;
      return typeof base === 'string' ? base : base[safetyClass];
    };
    this.severity = (rule) => this.classSeverity(rule, config.defaultClass) ?? 'error';
    // Every finding has the same shape (absent fields are undefined): cheaper to build and compare.
    this.emit = (rule, sev, at, message, id, related) => {
      if (config.rules[rule] === 'off') return;
      this.findings.push({
        rule, severity: sev, message, id, file: at.file, line: at.line, column: at.column,
        endLine: at.endLine, endColumn: at.endColumn, related,
      } as Finding);
    };
  }

  /**
   * `invalid-file`, `duplicate-id`, `broken-link`, and with `sources` `no-requirements` and
   * `no-items`: they depend on requirement files (and the listing of them) only.
   */
  definitions(items: readonly Item[], problems: readonly FileProblem[], index: TraceIndex, sources?: RequirementSources): Finding[] {
    for (const problem of problems) this.emit(RuleId.InvalidFile, this.severity(RuleId.InvalidFile), problem, problem.message);
    checkDefinitions(items, index, this.emit, this.severity);
    checkItemNeeds(items, this.config, this.emit, this.severity);
    if (sources) {
      for (const finding of sourceFindings(sources, items, problems)) this.emit(finding.rule, this.severity(finding.rule), finding.at, finding.message);
    }
    return this.take();
  }

  /** `unknown-id` and `inactive-reference` for these references. */
  references(references: readonly Reference[], index: TraceIndex): Finding[] {
    checkReferences(references, index, this.config, this.emit, this.severity);
    return this.take();
  }

  /** `unmitigated-risk`, `unimplemented`, `unverified` and `uncovered` for the first definition of an ID. */
  coverage(item: Item, index: TraceIndex): Finding[] {
    checkCoverage(item, index, this.config, this.emit, this.classSeverity);
    return this.take();
  }

  // Implements: TL-142
  /**
   * The rules over test results: `results-missing`, `invalid-file` and `unknown-id` of results
   * files, `verification-failed` and `verification-not-run` (see verificationRules.ts).
   * `commandLineAt` is where a `--results` glob that matches nothing is reported.
   */
  verification(results: TestResults, evidence: VerificationEvidence, index: TraceIndex, commandLineAt: Location): Finding[] {
    verificationFindings(results, evidence, {
      itemOf: (id) => index.itemsById.get(id)?.[0],
      safetyClassOf: (item) => safetyClassOf(item, this.config),
      classSeverity: this.classSeverity,
      severity: this.severity,
      commandLineAt,
    }, this.emit);
    return this.take();
  }

  private take(): Finding[] {
    const out = this.findings;
    this.findings = [];
    return out;
  }
}

/** The first definition of every ID, in model order: the item coverage is judged on. */
export function firstDefinitions(items: readonly Item[]): Item[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id) !== undefined);
}

/** The verification evidence of a model with test results (see results/evidence.ts); undefined without results. */
export function evidenceOf(model: TraceModel, config: TracelensConfig): VerificationEvidence | undefined {
  if (!model.results) return undefined;
  return buildEvidence(model.results, {
    items: model.items, references: model.references,
    codeFiles: model.codeFiles ?? [...new Set(model.references.map((reference) => reference.file))],
    inactiveStatuses: config.inactiveStatuses,
    ...(config.testResultProperties ? { properties: config.testResultProperties } : {}),
  });
}

/** Where a finding about the command line goes: the config file, or the one to create. */
export function commandLineLocation(model: TraceModel): Location {
  return { file: model.sources?.configFile ?? 'tracelens.json', line: 1, column: 1 };
}

/**
 * Runs every rule over the model. Pure: the same model and config give the same findings, in the
 * same order. Per-rule severities from the config override the defaults; `off` drops the rule.
 */
export function evaluateRules(
  model: TraceModel, config: TracelensConfig, index: TraceIndex = buildTraceIndex(model, config), evidence: VerificationEvidence | undefined = evidenceOf(model, config),
): Finding[] {
  const rules = new RuleEvaluator(config);
  const findings = [...rules.definitions(model.items, model.problems, index, model.sources), ...rules.references(model.references, index)];
  // A duplicated ID is judged once, at its first definition, for coverage.
  for (const item of firstDefinitions(model.items)) findings.push(...rules.coverage(item, index));
  if (model.results && evidence) findings.push(...rules.verification(model.results, evidence, index, commandLineLocation(model)));
  return findings.sort(compareFindings);
}
