// Implements: TL-263
/**
 * Where a need of a MyST Markdown file is written, for a new need beside it: the directive fence
 * whose `id` option names it, with its fence marker, type and the prefix its lines carry (the
 * indentation of a list item, the `>` of a quote).
 */

import { walkMystDirectives } from '../readers/mystBlocks';
import { splitLines } from '../readers/sourceText';

/** A need's fence in a MyST file: its lines `[start, end)` (0-based, the closing fence included). */
export interface MystNeedBlock {
  readonly start: number;
  readonly end: number;
  /** What each line of the need starts with: indentation, or a quote's `> `. */
  readonly prefix: string;
  readonly fence: string;
  readonly type: string;
}

/** The innermost need fence whose `id` option is on 1-based `idLine`, or undefined when none is (the file changed). */
export function mystNeedAt(text: string, idLine: number): MystNeedBlock | undefined {
  const lines = splitLines(text);
  let found: MystNeedBlock | undefined;
  walkMystDirectives(text, lines, (directive) => {
    const id = directive.options.find((option) => option.name.toLowerCase() === 'id');
    if (id && id.line === idLine - 1) {
      // A list marker before the fence becomes spaces: the new need is not a new list item.
      const prefix = lines[directive.line]!.slice(0, directive.column).replace(/[-*+]|\d+[.)]/g, (marker) => ' '.repeat(marker.length));
      found = { start: directive.line, end: directive.end, prefix, fence: directive.fence, type: directive.name };
    }
    return true;
  });
  return found;
}
