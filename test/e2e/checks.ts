/**
 * What the browser scenarios share: named checks that are counted and never stop the run, the
 * screenshots a passing check may hand to the docs, and the ways Problems rows and tree rows are
 * written down for exact comparison.
 */
import * as path from 'node:path';
import type { ProblemEntry, TreeRow, Workbench } from './workbench';

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** A Problems entry as `file line:column severity rule`, the file relative to the workspace. */
export function problemLine(workspace: string, entry: ProblemEntry): string {
  return `${path.relative(workspace, entry.file).split(path.sep).join('/')} ${entry.line}:${entry.column} ${entry.severity} ${entry.code}`;
}

/** Orders `file line:column …` lines by file, then line and column as numbers, then the rest. */
export function byPlace(a: string, b: string): number {
  const key = (line: string): [string, number, number] => {
    const [file = '', at = ''] = line.split(' ');
    const [row = 0, column = 0] = at.split(':').map(Number);
    return [file, row, column];
  };
  const [fa, la, ca] = key(a);
  const [fb, lb, cb] = key(b);
  return (fa < fb ? -1 : fa > fb ? 1 : 0) || la - lb || ca - cb || (a < b ? -1 : a > b ? 1 : 0);
}

/** A tree's rows, one a line, indented by level, with their descriptions. */
export function treeSummary(rows: readonly TreeRow[]): string {
  return rows.map((row) => `${'  '.repeat(row.level - 1)}${row.label}${row.description ? ` — ${row.description}` : ''}`).join('\n');
}

/** Counts of the checks run so far. */
export interface Tally {
  passed: number;
  failed: number;
  /** Screenshot names whose check passed: those may go to the docs. */
  readonly good: Set<string>;
}

/**
 * Runs named checks against one workbench page: a failing check is counted, printed with its
 * message and a screenshot, and the next check still runs.
 */
export class Checks {
  private readonly shots: string[] = [];

  constructor(
    private readonly workbench: Workbench,
    private readonly tally: Tally,
    private readonly artifacts: string,
  ) {}

  /** Takes a screenshot that goes to the docs if the running check passes. */
  async shoot(name: string): Promise<void> {
    await this.workbench.screenshot(name, this.artifacts);
    this.shots.push(name);
  }

  async check(title: string, body: () => Promise<void>): Promise<void> {
    const started = Date.now();
    this.shots.length = 0;
    try {
      await body();
      this.tally.passed += 1;
      for (const name of this.shots) this.tally.good.add(name);
      console.log(`✔ ${title} (${Date.now() - started} ms)`);
    } catch (error) {
      this.tally.failed += 1;
      console.log(`✖ ${title} (${Date.now() - started} ms)\n    ${error instanceof Error ? error.message.split('\n').join('\n    ') : String(error)}`);
      await this.workbench.screenshot(`browser-failure-${this.tally.failed}`, this.artifacts).catch(() => undefined);
      await this.workbench.closeQuickFix().catch(() => undefined);
      await this.workbench.dismissHover().catch(() => undefined);
    }
  }
}
