/** The comment lexers of the languages that have no tree-sitter grammar package (see `LexedLanguage`). */
import type { CommentSpan } from '../commentSpan';
import type { LexedLanguage } from '../languages';
import { cmakeComments } from './cmakeComments';
import { dockerfileComments } from './dockerfileComments';

/** Each lexer by the id a language row names in `lexer`. */
export const COMMENT_LEXERS: Readonly<Record<LexedLanguage['lexer'], (text: string) => CommentSpan[]>> = {
  cmake: cmakeComments,
  dockerfile: dockerfileComments,
};
