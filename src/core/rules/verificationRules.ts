// Implements: TL-142, TL-143
/**
 * The rules over test results: `verification-failed` (a verifying test failed or errored),
 * `verification-not-run` (a verifying test has no result or was skipped), `results-missing` (a
 * results glob matches no file), and, for results files, `invalid-file` (no JUnit XML) and
 * `unknown-id` (a property names an ID no item defines). Only a project with results globs gets them.
 */
import type { Item, Location, RelatedLocation, SafetyClass, Severity } from '../model/types';
import type { ItemEvidence, VerificationEvidence, VerifyingTest } from '../results/evidence';
import type { TestCaseResult, TestResults } from '../results/types';
import { globMatcher } from '../files/walk';
import { RuleId } from './descriptors';

/** Where a finding goes: a place and, when known, where it ends. */
interface At extends Location {
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** Emits a finding (the evaluator's emit, see evaluate.ts). */
export type EmitFinding = (rule: RuleId, severity: Severity, at: At, message: string, id?: string, related?: readonly RelatedLocation[]) => void;

/** What the rules need besides the results and evidence. */
export interface VerificationContext {
  /** The first definition of each ID: where an item's findings go. */
  readonly itemOf: (id: string) => Item | undefined;
  readonly safetyClassOf: (item: Item) => SafetyClass;
  /** A rule's severity for a class; undefined when the rule is off. */
  readonly classSeverity: (rule: RuleId, safetyClass: SafetyClass) => Severity | undefined;
  readonly severity: (rule: RuleId) => Severity;
  /** Where a `--results` glob that matches nothing is reported: the config file (or the one to create). */
  readonly commandLineAt: Location;
}

function related(at: Location, message: string): RelatedLocation {
  return { file: at.file, line: at.line, column: at.column, message };
}

function caseAt(testcase: TestCaseResult): string {
  return `${testcase.file}:${testcase.line}`;
}

/** `test_x[1]`, or `test_x[1] (and 2 more of 5 testcases)` when several of its testcases ended so. */
function describeCases(test: VerifyingTest, outcomes: ReadonlySet<string>): { text: string; first?: TestCaseResult } {
  const matching = test.cases.filter((testcase) => outcomes.has(testcase.outcome));
  const first = matching[0];
  if (!first) return { text: test.name };
  const more = matching.length > 1 ? ` (and ${matching.length - 1} more of ${test.cases.length} testcases)` : '';
  return { text: `${first.name}${more}`, first };
}

function through(test: VerifyingTest): string {
  return test.through !== undefined ? ` (through ${test.through})` : '';
}

/** Why a verifying test has no result, in words the user can act on. */
function whyNoResult(test: VerifyingTest, id: string, results: TestResults): string {
  if (results.files.length === 0) return 'no results file was read';
  const ambiguous = test.ambiguous[0];
  if (ambiguous) {
    return `testcase "${ambiguous.testcase.name}" (${caseAt(ambiguous.testcase)}) could be in ${ambiguous.files.join(' or ')}, so it is tied to none of them; ` +
      `give it a "file" attribute or name ${id} in a "requirements" property of the testcase`;
  }
  if (test.tag && test.tag.symbol === undefined) {
    return `the tag documents no function, so no testcase can be tied to it; put it on the test function, or name ${id} in a "requirements" property of the testcase`;
  }
  return `no testcase of ${results.files.join(', ')} ran as it`;
}

function evidenceFindings(id: string, evidence: ItemEvidence, results: TestResults, context: VerificationContext, emit: EmitFinding): void {
  const item = context.itemOf(id);
  if (!item) return;
  const safetyClass = context.safetyClassOf(item);
  const itemAt: At = { file: item.file, line: item.line, column: item.column, endLine: item.line, endColumn: item.endColumn };
  for (const test of evidence.tests) {
    const tagAt: At | undefined = test.tag && !test.through
      ? { file: test.tag.file, line: test.tag.line, column: test.tag.column, endLine: test.tag.line, endColumn: test.tag.endColumn }
      : undefined;
    if (test.outcome === 'failed' || test.outcome === 'error') {
      const severity = context.classSeverity(RuleId.VerificationFailed, safetyClass);
      if (!severity) continue;
      const { text, first } = describeCases(test, new Set(['failed', 'error']));
      const verb = test.outcome === 'error' ? 'errored' : 'failed';
      const detail = `${first?.message !== undefined ? `: ${first.message}` : ''}${first ? ` (${caseAt(first)})` : ''}`;
      const caseRelated = first ? [related(first, `${first.name} ${verb} here`)] : [];
      emit(RuleId.VerificationFailed, severity, itemAt, `${id} (class ${safetyClass}): verifying test ${text}${through(test)} ${verb}${detail}`, id,
        [...(test.tag ? [related(test.tag, `${test.name} verifies ${id} here`)] : []), ...caseRelated]);
      if (tagAt) emit(RuleId.VerificationFailed, severity, tagAt, `${text} verifies ${id} and ${verb}${detail}`, id, [related(item, `${id} is defined here`), ...caseRelated]);
    } else if (test.outcome === 'missing' || test.outcome === 'skipped') {
      const severity = context.classSeverity(RuleId.VerificationNotRun, safetyClass);
      if (!severity) continue;
      let what: string;
      let caseRelated: RelatedLocation[] = [];
      if (test.outcome === 'skipped') {
        const first = test.cases[0]!;
        what = `was skipped${first.message !== undefined ? `: ${first.message}` : ''} (${caseAt(first)})`;
        caseRelated = [related(first, `${first.name} was skipped here`)];
      } else {
        what = `has no result: ${whyNoResult(test, id, results)}`;
        caseRelated = test.ambiguous.slice(0, 1).map((tie) => related(tie.testcase, `${tie.testcase.name} could be this test`));
      }
      emit(RuleId.VerificationNotRun, severity, itemAt, `${id} (class ${safetyClass}): verifying test ${test.name}${through(test)} ${what}`, id,
        [...(test.tag ? [related(test.tag, `${test.name} verifies ${id} here`)] : []), ...caseRelated]);
      if (tagAt) emit(RuleId.VerificationNotRun, severity, tagAt, `${test.name} verifies ${id} but ${what}`, id, [related(item, `${id} is defined here`), ...caseRelated]);
    }
  }
}

/**
 * Every finding about the test results: globs that match nothing, files that are no results,
 * properties naming unknown IDs, and each verifying test that failed or did not run.
 */
export function verificationFindings(results: TestResults, evidence: VerificationEvidence, context: VerificationContext, emit: EmitFinding): void {
  for (const pattern of results.patterns) {
    const matches = globMatcher([pattern.glob]);
    if (results.files.some(matches)) continue;
    const where = pattern.origin === 'config' ? '"testResults"' : '--results';
    emit(RuleId.ResultsMissing, context.severity(RuleId.ResultsMissing), pattern.at ?? context.commandLineAt,
      `"${pattern.glob}" in ${where} matches no file: no test result is read from it, so the tests it should hold count as not run. Run the tests first, or correct the glob (relative to the project root).`);
  }
  for (const problem of results.problems) emit(RuleId.InvalidFile, context.severity(RuleId.InvalidFile), problem, problem.message);
  for (const { id, property, testcase } of evidence.unknown) {
    emit(RuleId.UnknownId, context.severity(RuleId.UnknownId), { file: property.file, line: property.line, column: property.column },
      `${id} is not defined in any requirement file (property "${property.name}" of testcase ${testcase.name})`, id);
  }
  for (const [id, itemEvidence] of evidence.byId) evidenceFindings(id, itemEvidence, results, context, emit);
}
