import { splitLines } from './sourceText';

/** A Markdown file's leading YAML block between `---` fences, and the body after it. */
export interface FrontMatter {
  /** The YAML between the fences, lines joined with LF. */
  readonly yaml: string;
  /** 1-based file line of the YAML's first line (the line after the opening fence). */
  readonly yamlStartLine: number;
  /** 1-based file line of the closing fence. */
  readonly closingLine: number;
  /** The Markdown after the closing fence, lines joined with LF. */
  readonly body: string;
  /** 1-based file line of the body's first line. */
  readonly bodyStartLine: number;
}

/**
 * Splits off front matter: the file's first line is `---` and a later line is `---` or `...`.
 * An opening fence without a closing one is not front matter (it is a Markdown rule), so
 * undefined is returned and the whole file is Markdown.
 */
export function splitFrontMatter(text: string): FrontMatter | undefined {
  // Most files have none: look at the first line before splitting them all.
  const firstBreak = text.search(/\r|\n/);
  if (firstBreak < 0 || text.slice(0, firstBreak).trimEnd() !== '---') return undefined;
  const lines = splitLines(text);
  if (lines.length < 2 || lines[0]!.trimEnd() !== '---') return undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line === '---' || line === '...') {
      return {
        yaml: lines.slice(1, i).join('\n'),
        yamlStartLine: 2,
        closingLine: i + 1,
        body: lines.slice(i + 1).join('\n'),
        bodyStartLine: i + 2,
      };
    }
  }
  return undefined;
}

/**
 * The file's text with the front matter replaced by empty lines, so that a Markdown parser sees
 * only the body (a `---` fence would otherwise read as a rule or a setext heading) while its line
 * numbers still match the file's.
 */
export function maskFrontMatter(text: string, frontMatter: FrontMatter | undefined): string {
  if (!frontMatter) return text;
  return '\n'.repeat(frontMatter.bodyStartLine - 1) + frontMatter.body;
}
