// Implements: TL-140, TL-143
/**
 * Reads a JUnit XML results file in one pass of a streaming XML parser (saxes): the dialects of
 * pytest (`--junitxml`, xunit2 and legacy xunit1), Maven Surefire and Gradle, jest-junit,
 * go-junit-report and gotestsum, `ctest --output-junit`, cargo-nextest and Ceedling. They share
 * `<testsuites>` (or a bare `<testsuite>`), suites that may nest, `<testcase>` with `name`,
 * `classname`, `file`, `line`, `time`, `timestamp`, and `<failure>`, `<error>`, `<skipped>`,
 * `<properties>` on cases and suites.
 *
 * Safety: as for ReqIF, saxes never reads a DTD nor expands an entity beyond XML's five; a DOCTYPE
 * that declares entities is rejected before anything of it is used. A file that is no well-formed
 * XML (a run cut short leaves a truncated file) gives no testcase at all: half a run is no evidence.
 */
import { SaxesParser } from 'saxes';
import { attribute, localName } from '../readers/xmlTags';
import { lineStarts, positionAt } from '../model/positions';
import type { FileProblem } from '../model/types';
import type { TestCaseResult, TestOutcome, TestProperty } from './types';

/** The testcases of one results file, or why there are none. */
export type JunitRead = { readonly cases: TestCaseResult[]; readonly problem?: undefined } | { readonly cases: readonly []; readonly problem: FileProblem };

/** A suite being read: its name, when it ran, and its properties (they may follow its testcases). */
interface SuiteFrame {
  readonly name: string | undefined;
  readonly timestamp: string | undefined;
  readonly properties: TestProperty[];
}

/** A testcase being read; its suites' properties are added once the file is read. */
interface CaseDraft {
  readonly result: Omit<TestCaseResult, 'outcome' | 'properties' | 'message'>;
  readonly suites: readonly SuiteFrame[];
  readonly properties: TestProperty[];
  outcome: TestOutcome;
  message: string | undefined;
}

/** Stops the parse with a problem at a UTF-16 offset. */
class Stop extends Error {
  constructor(readonly at: number, readonly reason: string) {
    super(reason);
  }
}

/** Elements whose text is kept: a message's fallback, a property's value written as text. */
const TEXT_ELEMENTS = new Set(['failure', 'error', 'skipped', 'property']);

/** More text than this of one element is never needed: its first line is. */
const MAX_TEXT = 8192;

/** The first non-empty line of a message, trimmed and kept short. */
export function firstLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    if (trimmed !== '') return trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed;
  }
  return undefined;
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}

/** Outcomes by how much they say: an error outranks a failure, which outranks a skip. */
const RANK: Record<TestOutcome, number> = { passed: 0, skipped: 1, failed: 2, error: 3 };

/** ctest's `status` of a testcase that did not run, when no `<skipped>` says so. */
const NOT_RUN_STATUSES = new Set(['notrun', 'disabled', 'skipped']);

/**
 * Parses a JUnit XML document. `file` is the results file (POSIX, relative to the root) for
 * positions. Never throws: malformed XML, another root element or a DOCTYPE with entities is a
 * problem at its line, and then no testcase is kept.
 */
export function parseJunit(text: string, file: string): JunitRead {
  const starts = lineStarts(text);
  const at = (offset: number) => ({ file, ...positionAt(starts, offset) });
  const parser = new SaxesParser();
  const stack: string[] = [];
  const suites: SuiteFrame[] = [];
  const drafts: CaseDraft[] = [];
  let current: CaseDraft | undefined;
  /** The element whose text is collected, the text so far, and the attribute message it may replace. */
  let collecting: { name: string; text: string; property?: { list: TestProperty[]; index: number } } | undefined;

  const tagStart = (): number => text.lastIndexOf('<', parser.position - 1);
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      throw new Stop(Math.max(0, text.indexOf('<!DOCTYPE')), 'The DOCTYPE declares entities: JUnit XML declares none, and such entities are never expanded (an entity bomb or an external file).');
    }
  });
  parser.on('error', (error) => {
    throw new Stop(Math.max(0, Math.min(parser.position, text.length) - 1), `Malformed XML: ${error.message.replace(/^\d+:\d+: /, '')}`);
  });
  const onText = (chars: string): void => {
    if (collecting && collecting.text.length < MAX_TEXT) collecting.text += chars;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const parent = stack[stack.length - 1];
    stack.push(name);
    if (stack.length === 1 && name !== 'testsuites' && name !== 'testsuite') {
      throw new Stop(tagStart(), `Not a JUnit XML results file: the root element is <${tag.name}>, not <testsuites> or <testsuite>.`);
    }
    if (name === 'testsuite') {
      suites.push({ name: attribute(tag, 'name'), timestamp: attribute(tag, 'timestamp'), properties: [] });
    } else if (name === 'testcase' && current === undefined) {
      const start = tagStart();
      const sourceFile = attribute(tag, 'file');
      const sourceLine = positiveInteger(attribute(tag, 'line'));
      const classname = attribute(tag, 'classname');
      const time = seconds(attribute(tag, 'time'));
      const timestamp = attribute(tag, 'timestamp') ?? [...suites].reverse().find((suite) => suite.timestamp !== undefined)?.timestamp;
      const status = attribute(tag, 'status')?.toLowerCase();
      current = {
        result: {
          ...at(start), name: tag.attributes['name'] ?? '',
          ...(classname !== undefined ? { classname } : {}),
          suites: suites.flatMap((suite) => (suite.name !== undefined ? [suite.name] : [])),
          ...(sourceFile !== undefined ? { sourceFile } : {}),
          ...(sourceLine !== undefined ? { sourceLine } : {}),
          ...(time !== undefined ? { time } : {}),
          ...(timestamp !== undefined ? { timestamp } : {}),
        },
        suites: [...suites],
        properties: [],
        outcome: status !== undefined && NOT_RUN_STATUSES.has(status) ? 'skipped' : 'passed',
        message: undefined,
      };
      drafts.push(current);
    } else if (name === 'property' && parent === 'properties') {
      const property: TestProperty = { ...at(tagStart()), name: tag.attributes['name']?.trim() ?? '', value: tag.attributes['value'] ?? '' };
      const owner = stack[stack.length - 3];
      const list = owner === 'testcase' ? current?.properties : owner === 'testsuite' ? suites[suites.length - 1]?.properties : undefined;
      if (list) {
        list.push(property);
        // Some tools write the value as the element's text.
        if (tag.attributes['value'] === undefined) collecting = { name, text: '', property: { list, index: list.length - 1 } };
      }
    } else if (current && parent === 'testcase' && (name === 'failure' || name === 'error' || name === 'skipped')) {
      // A rerun or flaky attempt (Surefire's rerunFailure, flakyError…) is no outcome of its own.
      if (RANK[name === 'skipped' ? 'skipped' : name === 'error' ? 'error' : 'failed'] >= RANK[current.outcome]) {
        current.outcome = name === 'skipped' ? 'skipped' : name === 'error' ? 'error' : 'failed';
        current.message = firstLine(tag.attributes['message']);
        if (current.message === undefined) collecting = { name, text: '' };
      }
    }
    if (collecting && !TEXT_ELEMENTS.has(name)) collecting = undefined;
  });
  parser.on('closetag', () => {
    const name = stack.pop()!;
    if (collecting && collecting.name === name) {
      if (collecting.property) {
        const { list, index } = collecting.property;
        list[index] = { ...list[index]!, value: collecting.text.trim() };
      } else if (current) {
        current.message = firstLine(collecting.text);
      }
      collecting = undefined;
    }
    if (name === 'testcase') current = undefined;
    else if (name === 'testsuite') suites.pop();
  });

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof Stop) return { cases: [], problem: { ...at(error.at), message: error.reason } };
    throw error;
  }
  return {
    cases: drafts.map((draft) => ({
      ...draft.result,
      outcome: draft.outcome,
      ...(draft.message !== undefined ? { message: draft.message } : {}),
      properties: [...draft.properties, ...[...draft.suites].reverse().flatMap((suite) => suite.properties)],
    })),
  };
}
