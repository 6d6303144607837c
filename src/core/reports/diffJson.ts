// Implements: TL-193
import type { BaselineContext, BaselineDiff, BaselineSide } from '../baseline/compare';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { findingJson } from './jsonReport';

function sideJson(side: BaselineSide): { revision: string; commit: string } | { workingTree: true } {
  return side.commit === undefined ? { workingTree: true } : { revision: side.revision ?? side.commit, commit: side.commit };
}

/**
 * The diff as JSON: `items.added`, `items.removed` and `items.changed` are ID lists and
 * `findings.new` and `findings.fixed` finding objects (as in the check's JSON report), for scripts;
 * `itemDetails` has titles, places and each change with its word diff, `coverage` both sides'
 * figures and the items that gained or lost coverage, `soup` (when either side checks SOUP) the
 * register entries and dependencies added, removed and changed. Every list is sorted; no absolute path and
 * no time, so the same two revisions give the same bytes everywhere.
 */
export function formatDiffJson(diff: BaselineDiff, context: BaselineContext): string {
  const report = {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    root: context.displayRoot,
    base: sideJson(context.base),
    head: sideJson(context.head),
    items: {
      added: diff.items.added.map((item) => item.id),
      removed: diff.items.removed.map((item) => item.id),
      changed: diff.items.changed.map((item) => item.id),
    },
    findings: { new: diff.findings.new.map(findingJson), fixed: diff.findings.fixed.map(findingJson) },
    itemDetails: diff.items,
    coverage: diff.coverage,
    ...(diff.soup ? { soup: diff.soup } : {}),
    unread: context.unread,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
