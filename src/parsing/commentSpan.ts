/** What the parser finds in a source text: its comments and docstrings, as offsets. */

/** A comment or docstring in a source text, as UTF-16 offsets (`end` exclusive). */
export interface CommentSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: 'comment' | 'docstring';
  /** Qualified name of the definition the comment documents or sits inside (`Pump.start`). */
  readonly symbol?: string;
}
