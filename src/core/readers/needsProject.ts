// Implements: TL-246, TL-248
/**
 * The items and problems of a project's requirement files taken together, for a check and for the
 * editor's live index alike: each need once (a needs.json copy of a need read from its `.rst`
 * source is dropped; a needs.json a needimport brings in counts through its imports only, with
 * their ID prefix, tags and filter), then every needextend applied.
 */

import { compareLocations, type FileProblem, type Item } from '../model/types';
import { applyNeedExtends } from './needExtend';
import { withoutDuplicateNeeds } from './needsJsonSources';
import type { NeedSettings, ReadResult } from './types';

/** The project's items and problems from each requirement file's read result (`[file, result]`). */
export function combineRequirementReads(reads: Iterable<readonly [string, ReadResult]>, needs: NeedSettings | undefined): { items: Item[]; problems: FileProblem[] } {
  const all = [...reads];
  const imported = new Set(all.flatMap(([, result]) => result.imported ?? []));
  const items: Item[] = [];
  const problems: FileProblem[] = [];
  for (const [file, result] of all) {
    // Its needs and problems come through the needimports, read the way they import it.
    if (imported.has(file)) continue;
    items.push(...result.items);
    problems.push(...result.problems);
  }
  const extended = applyNeedExtends(withoutDuplicateNeeds(items), all.flatMap(([, result]) => result.needExtends ?? []), needs);
  // A needs.json imported twice reports its own problems twice: once is enough.
  const seen = new Set<string>();
  const unique = [...problems, ...extended.problems].filter((problem) => {
    const key = `${problem.file}\u0000${problem.line}\u0000${problem.column}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { items: extended.items.sort(compareLocations), problems: unique.sort(compareLocations) };
}
