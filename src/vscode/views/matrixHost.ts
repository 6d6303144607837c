// Implements: TL-203
/**
 * What the Traceability Matrix webview adds to the HTML report (imports no vscode, so it is
 * unit-tested): the page's colours mapped to the VS Code theme's CSS variables, a script that
 * hands link clicks to the extension and keeps the filter and scroll position across updates,
 * and the reading of a link back into a project file and line.
 */

/** The report's colour variables from the theme (the webview sets `--vscode-*` on its root). */
export const MATRIX_THEME_CSS = `
:root{--bg:var(--vscode-editor-background);--fg:var(--vscode-editor-foreground);--muted:var(--vscode-descriptionForeground);--line:var(--vscode-editorWidget-border,var(--vscode-panel-border));--head:var(--vscode-editorWidget-background);--ok:var(--vscode-testing-iconPassed);--warn:var(--vscode-editorWarning-foreground);--bad:var(--vscode-errorForeground);--info:var(--vscode-editorInfo-foreground);--bar:var(--vscode-input-background);--barok:var(--vscode-testing-iconPassed);--link:var(--vscode-textLink-foreground)}
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);padding:1rem}
code,.mono{font-family:var(--vscode-editor-font-family)}
.controls input[type=search]{color:var(--vscode-input-foreground);background:var(--vscode-input-background);border-color:var(--vscode-input-border,var(--line))}
`;

/**
 * Link clicks go to the extension (a webview cannot open workspace files); the filter, the
 * "gaps only" toggle and the scroll position are kept in the webview's state, so an update of
 * the page (the project changed) leaves the user where they were.
 */
export const MATRIX_HOST_SCRIPT = `
(function () {
  var vscode = acquireVsCodeApi();
  var filter = document.getElementById('filter');
  var gapsOnly = document.getElementById('gaps-only');
  var state = vscode.getState() || {};
  function save() { vscode.setState({ filter: filter.value, gaps: gapsOnly.checked, y: window.scrollY }); }
  if (state.filter || state.gaps) {
    filter.value = state.filter || '';
    gapsOnly.checked = !!state.gaps;
    filter.dispatchEvent(new Event('input'));
  }
  if (state.y) window.scrollTo(0, state.y);
  filter.addEventListener('input', save);
  gapsOnly.addEventListener('change', save);
  var timer;
  window.addEventListener('scroll', function () { clearTimeout(timer); timer = setTimeout(save, 150); });
  document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest ? event.target.closest('a[href]') : null;
    if (!link) return;
    event.preventDefault();
    vscode.postMessage({ type: 'open', href: link.getAttribute('href') });
  });
})();
`;

/**
 * The project file and 1-based line a link of the page names (`dir/file%20x.c#L12`, relative to
 * the project root: the webview's page is made with the link base `.`). Undefined for anything
 * else: an absolute path, a scheme, a way out of the project (`..`), a malformed escape.
 */
export function matrixLinkTarget(href: string): { file: string; line: number } | undefined {
  const match = /^([^#?:]+)#L([1-9][0-9]*)$/.exec(href);
  if (!match || match[1]!.startsWith('/')) return undefined;
  let segments: string[];
  try {
    segments = match[1]!.split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('/') || segment.includes('\\'))) return undefined;
  return { file: segments.join('/'), line: Number(match[2]) };
}
