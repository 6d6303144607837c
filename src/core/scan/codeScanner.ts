// Implements: TL-009, TL-012, TL-014, TL-015, TL-104, TL-112
import type { CommentParser } from '../../parsing/commentParser';
import type { Reference, SkippedFile } from '../model/types';
import { idRegexFor } from '../model/ids';
import type { CommentSpan } from '../../parsing/commentSpan';
import type { ScanSettings } from './settings';
import { candidateNeedles, candidateOffsets, looksBinary, mayHoldCandidate, type CandidateNeedle } from './prefilter';
import { findTags, prescan } from './tags';
import { lastMarkerEnd, mayHoldMarker } from './relationMarkers';
import { globMatcher } from '../files/walk';
import { DEFAULT_ARTIFACT_TYPES, type LanguageMapping } from '../config/types';
import { languageResolver, type LanguageOf } from './fileLanguages';

/** The result of scanning one code file: references (without file) or why it was skipped. */
export interface FileScan {
  readonly language: string;
  readonly references: ReadonlyArray<Omit<Reference, 'file'>>;
  readonly skipped?: Omit<SkippedFile, 'file'>;
}

/**
 * Languages whose top-level blocks close with a `}` at the start of a line in conventionally
 * formatted code. Only their files are parsed partially (see {@link parseExtent}).
 */
const BRACE_LANGUAGES: ReadonlySet<string> = new Set(['c', 'cpp', 'csharp', 'java', 'javascript', 'typescript', 'tsx', 'go', 'rust', 'php', 'scala']);

/**
 * Where parsing a file may stop: just after the first line that starts with `}` following the
 * last candidate ID, that is the end of the top-level block holding (or following) the last tag.
 * Whether a position lies in a comment or a string depends only on the text before it, because
 * tree-sitter parses left to right; and the definition that a tag's comment documents or sits in
 * is complete in that prefix, so the symbol is the same as from the whole file. The rest of a
 * large file would be parsed for nothing. Returns `text.length` when no cut applies.
 */
export function parseExtent(text: string, idPattern: RegExp, languageId: string): number {
  const end = scanDependencyEnd(text, idPattern, languageId);
  return end === 0 || end > text.length * 0.9 ? text.length : end;
}

/**
 * How much of `text` a scan's result depends on: the scan of any text that starts with the same
 * `scanDependencyEnd` characters (same path, same settings) is the same. 0 when the text holds no
 * candidate ID (the result is empty whatever else it holds); for brace languages the end of the
 * line after the first line starting with `}` past the last candidate (see {@link parseExtent});
 * otherwise the whole text. An edit after that point cannot change the file's references, so
 * caches may keep the scan without parsing again.
 */
export function scanDependencyEnd(text: string, idPattern: RegExp | undefined, languageId: string): number {
  if (!idPattern) return 0;
  idPattern.lastIndex = 0;
  let last = -1;
  for (let match = idPattern.exec(text); match; match = idPattern.exec(text)) last = match.index + match[0].length;
  idPattern.lastIndex = 0;
  // A StrictDoc marker is a candidate whatever the families (its UIDs are references by themselves).
  last = Math.max(last, lastMarkerEnd(text));
  if (last < 0) return 0;
  if (!BRACE_LANGUAGES.has(languageId)) return text.length;
  const close = text.indexOf('\n}', last);
  if (close < 0) return text.length;
  const lineEnd = text.indexOf('\n', close + 1);
  return lineEnd < 0 ? text.length : lineEnd + 1;
}

/**
 * The part of `text` that holds `spans`: from the start of the line holding the first span to the
 * end of the last, with the number of lines before it. Lines break at `\n`, `\r\n` or a lone `\r`,
 * as `findTags` counts them, so tags found in the window are on line `lines +` their window line,
 * in the same column.
 */
export function lineWindow(text: string, spans: readonly CommentSpan[]): { start: number; end: number; lines: number } {
  let first = text.length;
  let end = 0;
  for (const span of spans) {
    first = Math.min(first, span.start);
    end = Math.max(end, span.end);
  }
  let lines = 0;
  let start = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < first; at = text.indexOf('\n', at + 1)) {
    lines++;
    start = at + 1;
  }
  for (let at = text.indexOf('\r'); at !== -1 && at < first; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) === 10) continue;
    lines++;
    start = Math.max(start, at + 1);
  }
  return { start, end, lines };
}

/** Counters a scanner adds to as it scans, for measurements. */
export interface ScanStats {
  /** Files parsed (those with a candidate). */
  files: number;
  /** Characters handed to tree-sitter. */
  parsedChars: number;
}

/** Whether the scanner reads this file, under the project's `languages` mappings. */
export function isCodeFile(file: string, languages: readonly LanguageMapping[] | undefined): boolean {
  return languageResolver(languages)(file) !== undefined;
}

/**
 * Finds the references in code files: a fast text pre-scan for candidate IDs, then tree-sitter only
 * on files that have one, keeping IDs that sit in comments and docstrings. Pure per file: the
 * result depends only on the path, the content and the settings, so it can be cached and run in
 * parallel.
 */
export class CodeScanner {
  private readonly idPattern: RegExp | undefined;
  private readonly needles: readonly CandidateNeedle[];
  private readonly isTestFile: (file: string) => boolean;
  private readonly languageOf: LanguageOf;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly parser: CommentParser,
    private readonly settings: ScanSettings,
    /**
     * `wholeFiles` parses every file to its end (see {@link parseExtent}) and reads all its comments
     * rather than only those around candidate IDs; for comparisons. `stats` receives counters.
     */
    private readonly options: { readonly wholeFiles?: boolean; readonly stats?: ScanStats } = {},
  ) {
    this.idPattern = idRegexFor(settings);
    this.needles = candidateNeedles(settings);
    this.isTestFile = globMatcher(settings.testFiles);
    this.languageOf = languageResolver(settings.languages);
  }

  /** Scans raw bytes: rejects oversized and binary files, then scans the text. */
  async scanBytes(file: string, bytes: Uint8Array): Promise<FileScan> {
    const language = this.languageOf(file)?.id ?? 'unknown';
    if (bytes.length > this.settings.maxFileSize) {
      return { language, references: [], skipped: { reason: 'too-large', detail: `${bytes.length} bytes > maxFileSize ${this.settings.maxFileSize}` } };
    }
    if (looksBinary(bytes)) return { language, references: [], skipped: { reason: 'binary' } };
    if (!mayHoldCandidate(bytes, this.needles)) return { language, references: [] };
    return this.scanText(file, this.decoder.decode(bytes));
  }

  /**
   * Scans the text of a code file (an unsaved editor buffer, or a file read from disk). The grammar
   * is loaded on first need, so files without candidate IDs never cost a grammar load.
   */
  async scanText(file: string, text: string): Promise<FileScan> {
    const language = this.languageOf(file);
    if (!language) return { language: 'unknown', references: [], skipped: { reason: 'unsupported-language' } };
    if (!this.idPattern || !(prescan(text, this.idPattern) || mayHoldMarker(text))) return { language: language.id, references: [] };
    if (!this.parser.isLoaded(language.id)) await this.parser.loadLanguage(language.id);
    const { stats } = this.options;
    if (stats) stats.files++;
    if (this.options.wholeFiles) {
      if (stats) stats.parsedChars += text.length;
      return this.tagsIn(file, language.id, text, this.parser.commentSpans(language.id, text), this.idPattern);
    }
    const found = this.spansNearCandidates(language.id, text, this.idPattern);
    if (found.spans.length === 0) return { language: language.id, references: [] };
    // Tags lie inside the spans: findTags reads only the lines from the first span to the last.
    const window = lineWindow(found.text, found.spans);
    const shifted = window.start === 0 ? found.spans : found.spans.map((span) => ({ ...span, start: span.start - window.start, end: span.end - window.start }));
    return this.tagsIn(file, language.id, found.text.slice(window.start, window.end), shifted, this.idPattern, window.lines);
  }

  /**
   * The comments that hold a candidate (only those can hold a tag; the others are not even read),
   * with the text their offsets refer to: the prefix up to {@link parseExtent}.
   */
  private spansNearCandidates(languageId: string, text: string, idPattern: RegExp): { text: string; spans: CommentSpan[] } {
    const extent = parseExtent(text, idPattern, languageId);
    const parsed = extent < text.length ? text.slice(0, extent) : text;
    if (this.options.stats) this.options.stats.parsedChars += parsed.length;
    return { text: parsed, spans: this.parser.commentSpans(languageId, parsed, { near: candidateOffsets(parsed, this.needles) }) };
  }

  /** The references of `spans` in `text`, whose first line is line `lines + 1` of the file. */
  private tagsIn(file: string, language: string, text: string, spans: readonly CommentSpan[], idPattern: RegExp, lines = 0): FileScan {
    const tags = findTags(text, spans, {
      idPattern,
      keywords: this.settings.keywords,
      artifactTypes: this.settings.artifactTypes ?? DEFAULT_ARTIFACT_TYPES,
      defaultRelation: this.isTestFile(file) ? 'verifies' : 'implements',
    });
    return {
      language,
      references: tags.map((tag) => {
        if (lines === 0) return { ...tag, language };
        const shifted = { ...tag, line: tag.line + lines, language };
        return tag.rangeEnd === undefined ? shifted : { ...shifted, rangeEnd: tag.rangeEnd + lines };
      }),
    };
  }
}
