// Implements: TL-192
import { compareLocations, type Finding } from '../model/types';

/**
 * A finding's identity without its place: rule, ID, file and message, with the positions a message
 * quotes (`requirements.md:12`, `a.reqif:3:7`) left out, so that a finding whose lines only moved
 * keeps its key.
 */
export function findingKey(finding: Finding): string {
  return [finding.rule, finding.id ?? '', finding.file, finding.message.replace(/(\S):\d+(?::\d+)?\b/g, '$1')].join('\0');
}

function byPlace(a: Finding, b: Finding): number {
  return compareLocations(a, b) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/**
 * Which findings are new since the baseline and which are fixed. Findings are matched by
 * {@link findingKey}; among findings with the same key (the same unknown ID tagged twice in one
 * file), one at the very same line and column on both sides is the same finding, and the others
 * are paired in order of position: the surplus of one side is new or fixed. The counts are exact;
 * which of several identical findings is called new follows their order. Sorted by place.
 */
export function matchFindings(before: readonly Finding[], after: readonly Finding[]): { new: Finding[]; fixed: Finding[] } {
  const groups = new Map<string, { before: Finding[]; after: Finding[] }>();
  const group = (finding: Finding) => {
    const key = findingKey(finding);
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { before: [], after: [] }));
    return entry;
  };
  for (const finding of before) group(finding).before.push(finding);
  for (const finding of after) group(finding).after.push(finding);
  const fresh: Finding[] = [];
  const fixed: Finding[] = [];
  for (const { before: was, after: is } of groups.values()) {
    // First the pairs at the very same place, as many as both sides have there.
    const place = (f: Finding) => `${f.line}:${f.column}`;
    const unmatched = new Map<string, number>();
    for (const f of was) unmatched.set(place(f), (unmatched.get(place(f)) ?? 0) + 1);
    const paired = new Map<string, number>();
    const restAfter = is.filter((f) => {
      const left = unmatched.get(place(f)) ?? 0;
      if (left === 0) return true;
      unmatched.set(place(f), left - 1);
      paired.set(place(f), (paired.get(place(f)) ?? 0) + 1);
      return false;
    }).sort(byPlace);
    const restBefore = was.filter((f) => {
      const left = paired.get(place(f)) ?? 0;
      if (left === 0) return true;
      paired.set(place(f), left - 1);
      return false;
    }).sort(byPlace);
    fixed.push(...restBefore.slice(restAfter.length));
    fresh.push(...restAfter.slice(restBefore.length));
  }
  return { new: fresh.sort(byPlace), fixed: fixed.sort(byPlace) };
}
