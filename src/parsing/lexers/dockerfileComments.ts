// Implements: TL-102
/**
 * The comments of a Dockerfile, as the dockerfile-ast parser (the one behind the Docker language
 * server) reads them. No npm package ships a Dockerfile tree-sitter grammar. Dockerfile comments
 * are lines whose first non-blank character is `#`, also between the continued lines of an
 * instruction; a `#` later in a line is an argument (`RUN make # note` hands `# note` to the
 * shell). Parser directives at the top (`# syntax=…`, `# escape=…`) are no comments, and neither are
 * the lines of a heredoc (`RUN <<EOF` … `EOF`), which are the instruction's data.
 *
 * A comment's symbol is the build stage (`FROM image AS build`) it documents, when it sits right
 * above that `FROM`, or else the stage it sits in.
 */
import { DockerfileParser } from 'dockerfile-ast';
import type { CommentSpan } from '../commentSpan';

/** Offsets of line starts, breaking lines at `\r\n`, `\r` and `\n` as the parser's positions do. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    if (code === 0x0a || code === 0x0d) starts.push(i + 1);
  }
  return starts;
}

interface Stage {
  readonly line: number;
  readonly name: string | undefined;
}

/** Every comment of a Dockerfile, in document order (UTF-16 offsets), with its build stage. */
export function dockerfileComments(text: string): CommentSpan[] {
  const dockerfile = DockerfileParser.parse(text);
  const starts = lineStartsOf(text);
  const offset = (position: { line: number; character: number }) => Math.min((starts[position.line] ?? text.length) + position.character, text.length);
  const stages: Stage[] = dockerfile.getFROMs().map((from) => ({ line: from.getRange().start.line, name: from.getBuildStage() ?? undefined }));
  const comments = dockerfile.getComments().map((comment) => comment.getRange()).sort((a, b) => a.start.line - b.start.line);
  const commentLines = new Set(comments.map((range) => range.start.line));
  return comments.map((range) => {
    let next = range.start.line + 1;
    while (commentLines.has(next)) next++;
    const documented = stages.find((stage) => stage.line === next);
    const within = stages.filter((stage) => stage.line < range.start.line).at(-1);
    const symbol = documented ? documented.name : within?.name;
    const span: CommentSpan = { start: offset(range.start), end: offset(range.end), kind: 'comment' };
    return symbol === undefined ? span : { ...span, symbol };
  });
}
