/** Whether a path names a Markdown file. */
export function isMarkdownFile(file: string): boolean {
  return /\.(?:md|markdown)$/i.test(file);
}

/** Whether a path names a YAML file. */
export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}
