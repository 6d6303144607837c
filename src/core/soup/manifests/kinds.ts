// Implements: TL-172
/**
 * Which files are package manifests, lock files or SBOMs, by name; and the folders never searched
 * for them, because what they hold is installed or vendored code whose manifests are not the project's.
 */

/** What a file is for the SOUP check. */
export type ManifestKind =
  | 'package.json' | 'package-lock' | 'requirements.txt' | 'pyproject.toml' | 'python-lock' | 'Cargo.toml' | 'Cargo.lock'
  | 'go.mod' | 'msbuild-project' | 'nuget-lock' | 'nuget-props' | 'sbom';

/** Folders of installed, vendored or built packages (besides those the listing always skips). */
const INSTALLED_FOLDERS = new Set(['node_modules', 'bower_components', 'vendor', '.venv', 'venv', 'site-packages', '__pypackages__', '.tox', 'target', 'obj', '.yarn', '.cargo']);

/** The kind of a file (POSIX path relative to the root), or undefined when it is none of them. */
export function manifestKind(file: string): ManifestKind | undefined {
  const segments = file.split('/');
  if (segments.slice(0, -1).some((segment) => INSTALLED_FOLDERS.has(segment))) return undefined;
  const name = segments[segments.length - 1]!;
  const lower = name.toLowerCase();
  if (name === 'package.json') return 'package.json';
  if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') return 'package-lock';
  if (/requirements[^/]*\.txt$/i.test(lower) || /^[^/]*requirements\.txt$/i.test(lower)) return 'requirements.txt';
  if (name === 'pyproject.toml') return 'pyproject.toml';
  if (name === 'poetry.lock' || name === 'uv.lock') return 'python-lock';
  if (name === 'Cargo.toml') return 'Cargo.toml';
  if (name === 'Cargo.lock') return 'Cargo.lock';
  if (name === 'go.mod') return 'go.mod';
  if (/\.(?:cs|fs|vb)proj$/i.test(name)) return 'msbuild-project';
  if (name === 'packages.lock.json') return 'nuget-lock';
  if (name === 'Directory.Packages.props') return 'nuget-props';
  if (/^s?bom\.json$/.test(lower) || /\.(?:cdx|bom|sbom|spdx)\.json$/.test(lower)) return 'sbom';
  return undefined;
}
