/** Whether a path names a Markdown file. */
export function isMarkdownFile(file: string): boolean {
  return /\.(?:md|markdown)$/i.test(file);
}

/** Whether a path names a YAML file. */
export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/**
 * Whether a path names a StrictDoc file: a document (`.sdoc`), or a fragment of StrictDoc before
 * 0.0.50 (`.sfra`, `.ssec`: a `[FRAGMENT]` that `[FRAGMENT_FROM_FILE]` includes).
 */
export function isStrictDocFile(file: string): boolean {
  return /\.(?:sdoc|sfra|ssec)$/i.test(file);
}

/** Whether a path names a reStructuredText file (sphinx-needs needs). */
export function isRstFile(file: string): boolean {
  return /\.rst$/i.test(file);
}

/** Whether a path names a sphinx-needs export: a file named `needs.json`, never any other JSON. */
export function isNeedsJsonFile(file: string): boolean {
  return /(?:^|\/)needs\.json$/i.test(file);
}

/** Whether a path names a ReqIF file: `.reqif`, or a `.reqifz` archive of them. */
export function isReqifFile(file: string): boolean {
  return /\.reqifz?$/i.test(file);
}

/** A Doorstop document's configuration file name. */
export const DOORSTOP_CONFIG = '.doorstop.yml';

/** Whether a path names a Doorstop document's configuration file. */
export function isDoorstopConfig(file: string): boolean {
  return file === DOORSTOP_CONFIG || file.endsWith(`/${DOORSTOP_CONFIG}`);
}

// Implements: TL-240
/** Doorstop's markers: `.doorstop.skip` skips the document of its folder, `.doorstop.skip-all` every document in and below its folder. */
export const DOORSTOP_SKIP = '.doorstop.skip';
export const DOORSTOP_SKIP_ALL = '.doorstop.skip-all';

/** Whether a path names one of Doorstop's skip markers (see {@link DOORSTOP_SKIP}). */
export function isDoorstopSkipFile(file: string): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return name === DOORSTOP_SKIP || name === DOORSTOP_SKIP_ALL;
}

// Implements: TL-071
/**
 * Whether a reader understands files of this name (Markdown, YAML, StrictDoc, sphinx-needs, ReqIF,
 * and Doorstop's skip markers, which are read for what they skip).
 * A file the requirement globs match that none understands is listed as not read, never counted
 * as a requirement file.
 */
export function isRequirementFormat(file: string): boolean {
  return isMarkdownFile(file) || isYamlFile(file) || isStrictDocFile(file) || isRstFile(file) || isNeedsJsonFile(file) || isReqifFile(file) || isDoorstopSkipFile(file);
}

/**
 * Markdown pages that docs folders hold beside requirement documents and that are prose by
 * convention (README.md, index.md…): without items they are not worth a warning.
 */
const LANDING_PAGES = new Set(['readme', 'index', '_index', 'summary', 'changelog', 'contributing', 'license']);

/** Whether a file is a landing page of its folder (README.md, index.md, _index.md, Sphinx's index.rst…). */
export function isLandingPage(file: string): boolean {
  if (!isMarkdownFile(file) && !isRstFile(file)) return false;
  const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '').toLowerCase();
  return LANDING_PAGES.has(name);
}
