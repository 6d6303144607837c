/**
 * Plain text from the XHTML of a ReqIF attribute value (`ReqIF.Text` and other XHTML attributes),
 * fed element by element while the document is parsed: block elements (paragraphs, list items,
 * table rows, headings, `br`) break lines, runs of white space inside a line are one space.
 */

/** Elements that start and end a line of their own. */
const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'tr', 'table', 'thead', 'tbody', 'tfoot', 'caption',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'hr', 'address',
]);

/** White space that collapsing changes: any but a plain space, or two in a row. */
const SPACE_TO_COLLAPSE = /[^\S ]|  /;

/** Collects the text of one XHTML value. */
export class XhtmlText {
  private readonly lines: string[] = [];
  private line = '';

  /** An element opens (local name, any case). */
  open(name: string): void {
    const local = name.toLowerCase();
    if (!BLOCKS.has(local)) return;
    this.breakLine();
    // A list item reads as one in the plain text, as it would in Markdown.
    if (local === 'li') this.line = '- ';
  }

  /** An element closes. */
  close(name: string): void {
    const local = name.toLowerCase();
    if (BLOCKS.has(local)) this.breakLine();
  }

  /** Character data (entities already resolved by the parser). */
  text(text: string): void {
    this.line += text;
  }

  /** The text: lines trimmed, inner white space collapsed, empty lines dropped. */
  toString(): string {
    this.breakLine();
    return this.lines.join('\n');
  }

  private breakLine(): void {
    // Block elements nest (`<div><p>`): most breaks come with nothing collected since the last.
    if (this.line === '') return;
    // Most lines hold no white space but single spaces: then only the ends are to be trimmed.
    const line = (SPACE_TO_COLLAPSE.test(this.line) ? this.line.replace(/\s+/g, ' ') : this.line).trim();
    if (line !== '' && line !== '-') this.lines.push(line);
    this.line = '';
  }
}
