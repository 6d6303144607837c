/**
 * Joins the checked folder (as the user named it, POSIX) and a root-relative path, so that
 * terminal links, GitHub annotations and SARIF locations point at the file from where the tool ran.
 */
export function joinDisplayPath(displayRoot: string, file: string): string {
  if (displayRoot === '' || displayRoot === '.') return file;
  return `${displayRoot.replace(/\/+$/, '')}/${file}`;
}
