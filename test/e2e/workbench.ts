/**
 * Drives the VS Code 1.100 workbench (as served by code-server) through its DOM, the way a person uses it:
 * keyboard shortcuts, the command palette, the Problems panel, hovers, quick fixes and tree views.
 * Every wait is on state (a locator or a polled condition with a deadline), never a fixed sleep.
 * The selectors are written down in test/e2e/README.md.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** One row of the Problems panel. */
export interface ProblemEntry {
  /** Absolute path of the file, as the panel's file row labels it. */
  readonly file: string;
  readonly severity: 'error' | 'warning' | 'info' | 'unknown';
  readonly message: string;
  readonly source: string;
  readonly code: string;
  /** 1-based, as shown: `[Ln 6, Col 15]`. */
  readonly line: number;
  readonly column: number;
}

/** How much of the Problems panel to read. */
export interface ProblemsOptions {
  /** Only the rows in view, without scrolling: the start of a list too long to read whole. */
  readonly firstScreen?: boolean;
}

/** One rendered row of a tree view. */
export interface TreeRow {
  readonly label: string;
  readonly description: string;
  /** 1 for top-level rows. */
  readonly level: number;
  /** undefined for leaves. */
  readonly expanded: boolean | undefined;
  /** The tooltip if the item has one, else label and description. */
  readonly ariaLabel: string;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Selectors that hold for code-server 4.100.3 (VS Code 1.100.3). */
export const SELECTORS = Object.freeze({
  workbench: '.monaco-workbench',
  statusbar: '#workbench\\.parts\\.statusbar',
  /** Status bar item with aria-label like "Ln 6, Col 18". */
  cursorPosition: '#status\\.editor\\.selection',
  /** Status bar item with aria-label like "Warnings: 1" or "Errors: 1, Warnings: 2" or "No Problems". */
  problemsStatus: '#status\\.problems',
  activeEditor: '.part.editor .editor-group-container.active .editor-instance .monaco-editor',
  activeTab: '.part.editor .editor-group-container.active .tab.active',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  problemsPanel: '.markers-panel',
  problemsRow: '.markers-panel .monaco-list-row',
  hover: '.monaco-hover:not(.hidden)',
  hoverContent: '.monaco-hover:not(.hidden) .monaco-hover-content',
  lightbulb: '.monaco-editor .lightBulbWidget',
  actionWidget: '.action-widget',
  actionWidgetItem: '.action-widget .monaco-list-row.action',
  activityBarItem: '.part.activitybar .action-item',
  sidebarTitle: '.part.sidebar .composite.title h2',
  notificationToast: '.notifications-toasts .notification-list-item-message',
  renameInput: '.rename-box input',
  /** The Refactor Preview's Apply button (shown when a rename's edits ask for confirmation). */
  refactorPreviewApply: '.bulk-edit-panel .monaco-button:not(.secondary)',
});

/** The few DOM members the in-page functions use (the project compiles without the DOM lib). */
interface PageNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<PageNode>;
}
interface PageElement extends PageNode {
  readonly className: string;
  readonly ownerDocument: { createRange(): PageRange };
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
interface PageRange {
  setStart(node: PageNode, offset: number): void;
  setEnd(node: PageNode, offset: number): void;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
}

/** A Problems row's aria-label starts with its severity: "Error: …", "Warning: …", "Info: …". */
const SEVERITY_LABELS: Readonly<Record<string, ProblemEntry['severity']>> = { Error: 'error', Warning: 'warning', Info: 'info' };

function cssString(value: string): string {
  return JSON.stringify(value);
}

/** A code-server workbench page. */
export class Workbench {
  /** Default deadline for one step (ms). */
  readonly timeoutMs: number;

  constructor(
    readonly page: Page,
    options: { readonly timeoutMs?: number } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Loads `url` and waits until the workbench has rendered its status bar. */
  static async open(page: Page, url: string, options: { readonly timeoutMs?: number } = {}): Promise<Workbench> {
    const workbench = new Workbench(page, options);
    await page.goto(url);
    await workbench.waitReady();
    return workbench;
  }

  /** Waits for the workbench shell (the status bar is among the last parts laid out). */
  async waitReady(timeoutMs = 90_000): Promise<void> {
    await this.page.locator(SELECTORS.workbench).waitFor({ timeout: timeoutMs });
    await this.page.locator(SELECTORS.statusbar).waitFor({ timeout: timeoutMs });
  }

  /** Polls `probe` until it returns a value other than undefined, or throws after the deadline. */
  async poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = this.timeoutMs): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let delay = 50;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await this.page.waitForTimeout(delay);
      delay = Math.min(delay * 2, 500);
    }
  }

  /** The active editor's cursor, read from the status bar ("Ln 6, Col 18"). */
  async cursorPosition(): Promise<{ line: number; column: number } | undefined> {
    const label = await this.page.locator(SELECTORS.cursorPosition).getAttribute('aria-label', { timeout: this.timeoutMs });
    const match = /Ln (\d+), Col (\d+)/.exec(label ?? '');
    return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
  }

  /**
   * Opens a workspace file through Quick Open (Ctrl+P), optionally at a 1-based line and column, and
   * waits until its tab is active and the cursor is there.
   */
  async openFile(relativePath: string, line?: number, column?: number): Promise<void> {
    const query = relativePath + (line === undefined ? '' : `:${line}${column === undefined ? '' : `:${column}`}`);
    await this.quickInput('Control+P', query);
    const fileName = path.posix.basename(relativePath);
    const row = this.page.locator(SELECTORS.quickInputRow).filter({ has: this.page.locator('.label-name', { hasText: fileName }) }).first();
    await row.waitFor({ timeout: this.timeoutMs });
    await this.page.keyboard.press('Enter');
    await this.page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: this.timeoutMs });
    await this.page
      .locator(SELECTORS.activeTab)
      .filter({ has: this.page.locator('.label-name', { hasText: fileName }) })
      .waitFor({ timeout: this.timeoutMs });
    if (line !== undefined) {
      await this.poll(`the cursor at ${query}`, async () => {
        const at = await this.cursorPosition();
        return at && at.line === line && (column === undefined || at.column === column) ? at : undefined;
      });
    }
  }

  /** Moves the cursor in the active editor with Go to Line (Ctrl+G). */
  async goToLine(line: number, column?: number): Promise<void> {
    await this.quickInput('Control+G', `${line}${column === undefined ? '' : `:${column}`}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: this.timeoutMs });
    await this.poll(`the cursor at ${line}:${column ?? ''}`, async () => {
      const at = await this.cursorPosition();
      return at && at.line === line && (column === undefined || at.column === column) ? at : undefined;
    });
  }

  /**
   * Runs a command through the palette (F1) by its full title as the palette lists it, e.g.
   * "Tracelens: Show Coverage" or "View: Toggle Maximized Panel".
   */
  async runCommand(title: string): Promise<void> {
    await this.quickInput('F1', title);
    // A command run before carries its separator in the row's label: "File: Revert File, recently used".
    const row = this.page
      .locator(`${SELECTORS.quickInputRow}[aria-label=${cssString(title)}], ${SELECTORS.quickInputRow}[aria-label^=${cssString(`${title}, `)}]`)
      .first();
    await row.waitFor({ timeout: this.timeoutMs });
    await row.click();
    await this.page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /** Opens the quick input with `shortcut` and types `text` into it (replacing any prefilled text). */
  private async quickInput(shortcut: string, text: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press(shortcut);
    const box = this.page.locator(SELECTORS.quickInputBox);
    await box.waitFor({ timeout: this.timeoutMs });
    // F1 prefills ">", Ctrl+G prefills ":"; keep the prefix the mode needs.
    const prefix = shortcut === 'F1' ? '>' : shortcut === 'Control+G' ? ':' : '';
    await box.fill(prefix + text);
  }

  /** Makes sure keyboard shortcuts reach the workbench (not a closed widget or the page body). */
  private async focusWorkbench(): Promise<void> {
    await this.closeQuickFix();
    await this.dismissHover();
    const quickInput = this.page.locator(SELECTORS.quickInput);
    if (await quickInput.isVisible()) {
      await this.page.keyboard.press('Escape');
      await quickInput.waitFor({ state: 'hidden', timeout: this.timeoutMs });
    }
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and waits for it. */
  async openProblems(): Promise<void> {
    const panel = this.page.locator(SELECTORS.problemsPanel);
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
    }
    await panel.waitFor({ timeout: this.timeoutMs });
  }

  /**
   * The Problems panel's entries, in display order. The list is virtualised (only rows in view are in
   * the DOM): it is scrolled through with the mouse wheel and read whole.
   */
  async problems(options: ProblemsOptions = {}): Promise<ProblemEntry[]> {
    await this.openProblems();
    // The list is virtualised: scroll it from the top to the end, keeping every row seen by its index,
    // so that a long list is read whole whatever the panel's height.
    type Row = { index: number; level: string; file: string; message: string; source: string; code: string; where: string; icon: string; aria: string };
    const seen = new Map<number, Row>();
    const read = async (): Promise<Row[]> => this.page.locator(SELECTORS.problemsRow).evaluateAll((elements) => (elements as unknown as PageElement[]).map((row) => {
      const [message, source, code, where] = ['.marker-message', '.marker-source', '.marker-code', '.marker-line'].map(
        (selector) => row.querySelector(selector)?.textContent?.trim() ?? '',
      );
      return {
        index: Number(row.getAttribute('data-index')),
        level: row.getAttribute('aria-level') ?? '',
        file: row.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? row.querySelector('.label-name')?.textContent ?? '',
        message: message ?? '', source: source ?? '', code: code ?? '', where: where ?? '',
        icon: row.querySelector('.marker-icon')?.className ?? '',
        aria: row.getAttribute('aria-label') ?? '',
      };
    })) as Promise<Row[]>;
    const list = this.page.locator(`${SELECTORS.problemsPanel} .monaco-list`).first();
    const visible = await list.isVisible().catch(() => false);
    if (visible) await this.page.locator(SELECTORS.problemsPanel).hover().catch(() => undefined);
    // Rows render a moment after a scroll: stop after two passes that brought no new row.
    let still = 0;
    for (let pass = 0; pass < 60 && still < 2; pass++) {
      const before = seen.size;
      for (const row of await read()) seen.set(row.index, row);
      if (!visible || options.firstScreen) break;
      still = pass > 0 && seen.size === before ? still + 1 : 0;
      await this.page.mouse.wheel(0, 150);
      await this.page.waitForTimeout(150);
    }
    // Back to the top, as the panel was.
    if (visible && !options.firstScreen) await this.page.mouse.wheel(0, -100_000);
    const entries: ProblemEntry[] = [];
    let file = '';
    for (const row of [...seen.values()].sort((a, b) => a.index - b.index)) {
      if (row.level === '1') {
        file = row.file;
        continue;
      }
      // Level 3 rows are a marker's related information, not markers.
      if (row.level !== '2') continue;
      const position = /Ln (\d+), Col (\d+)/.exec(row.where);
      entries.push({
        file,
        // The label says "Error: …" even while the row's icon shows a lightbulb (the row under the mouse).
        severity: SEVERITY_LABELS[/^(\w+):/.exec(row.aria)?.[1] ?? ''] ?? ['error', 'warning', 'info'].find((kind) => row.icon.includes(kind)) ?? 'unknown',
        message: row.message,
        source: row.source,
        code: row.code,
        line: position ? Number(position[1]) : 0,
        column: position ? Number(position[2]) : 0,
      } as ProblemEntry);
    }
    return entries;
  }

  /** Waits until the Problems panel's entries satisfy `predicate`, and returns them. */
  async waitForProblems(predicate: (entries: ProblemEntry[]) => boolean, timeoutMs = this.timeoutMs, options: ProblemsOptions = {}): Promise<ProblemEntry[]> {
    return this.poll('the Problems panel to match', async () => {
      const entries = await this.problems(options);
      return predicate(entries) ? entries : undefined;
    }, timeoutMs);
  }

  /** The active editor's text lines as rendered (only lines in view). */
  async visibleEditorLines(): Promise<string[]> {
    return this.page.locator(`${SELECTORS.activeEditor} .view-lines .view-line`).evaluateAll((elements) => {
      // Lines are absolutely positioned and recycled: their DOM order is not their screen order.
      return (elements as unknown as PageElement[])
        .map((line) => ({ line, top: Number(/top:\s*(-?[\d.]+)px/.exec(line.getAttribute('style') ?? '')?.[1] ?? 0) }))
        .sort((a, b) => a.top - b.top)
        .map(({ line }) => (line.textContent ?? '').replace(/\u00a0/g, ' '));
    });
  }

  /**
   * Moves the mouse over the `occurrence`-th (0-based) rendered occurrence of `word` in the active editor,
   * waits for the hover widget, and returns its text. The word must be on screen.
   */
  async hoverWord(word: string, occurrence = 0): Promise<string> {
    await this.dismissHover();
    const point = await this.wordPoint(word, occurrence);
    if (!point) throw new Error(`"${word}" (occurrence ${occurrence}) is not visible in the active editor`);
    await this.page.mouse.move(point.x, point.y, { steps: 2 });
    return this.hoverText();
  }

  /**
   * The page coordinates of the middle of the `occurrence`-th (0-based) rendered occurrence of `word`
   * in the active editor, or undefined when it is not on screen.
   */
  async wordPoint(word: string, occurrence = 0): Promise<{ x: number; y: number } | undefined> {
    return this.page.locator(`${SELECTORS.activeEditor} .view-lines`).evaluate(
      (element, args) => {
        // No named inner functions here: tsx (esbuild keepNames) would wrap them in a __name() helper
        // that does not exist in the page.
        const viewLines = element as unknown as PageElement;
        const lines = Array.from(viewLines.querySelectorAll('.view-line'))
          .map((line) => ({ line, top: Number(/top:\s*(-?[\d.]+)px/.exec(line.getAttribute('style') ?? '')?.[1] ?? 0) }))
          .sort((a, b) => a.top - b.top)
          .map(({ line }) => line);
        let seen = 0;
        for (const line of lines) {
          const nodes: PageNode[] = [];
          const pending: PageNode[] = [line];
          while (pending.length > 0) {
            const node = pending.shift() as PageNode;
            if (node.nodeType === 3) nodes.push(node);
            else pending.unshift(...Array.from(node.childNodes));
          }
          const text = nodes.map((node) => (node.textContent ?? '').replace(/\u00a0/g, ' ')).join('');
          for (let index = text.indexOf(args.word); index >= 0; index = text.indexOf(args.word, index + 1)) {
            if (seen++ < args.occurrence) continue;
            // Map the word's middle character back to its text node and measure it.
            let offset = index + Math.floor(args.word.length / 2);
            for (const node of nodes) {
              const length = node.textContent?.length ?? 0;
              if (offset < length) {
                const range = viewLines.ownerDocument.createRange();
                range.setStart(node, offset);
                range.setEnd(node, offset + 1);
                const rect = range.getBoundingClientRect();
                return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
              }
              offset -= length;
            }
          }
        }
        return undefined;
      },
      { word, occurrence },
    );
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I, "Show or Focus Hover") and returns its text. */
  async hoverAtCursor(): Promise<string> {
    await this.dismissHover();
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    return this.hoverText();
  }

  /** The visible hover widget's text, once it has content. */
  async hoverText(): Promise<string> {
    const content = this.page.locator(SELECTORS.hoverContent).filter({ visible: true }).first();
    await content.waitFor({ timeout: this.timeoutMs });
    return this.poll('hover content', async () => {
      const text = (await content.innerText()).trim();
      return text === '' || /^Loading/.test(text) ? undefined : text;
    });
  }

  /** Closes any hover by moving the mouse away and pressing Escape. */
  async dismissHover(): Promise<void> {
    const hover = this.page.locator(SELECTORS.hover).filter({ visible: true });
    if ((await hover.count()) === 0) return;
    await this.page.mouse.move(0, 0);
    await this.page.keyboard.press('Escape');
    await hover.first().waitFor({ state: 'hidden', timeout: this.timeoutMs }).catch(() => undefined);
  }

  /** Whether the code-action lightbulb shows in the active editor (the cursor must be on the line). */
  async lightbulbVisible(): Promise<boolean> {
    return this.page.locator(`${SELECTORS.activeEditor} .lightBulbWidget`).filter({ visible: true }).count().then((n) => n > 0);
  }

  /** Opens the Quick Fix menu at the cursor (Ctrl+.) and returns its item labels. */
  async quickFixLabels(): Promise<string[]> {
    await this.dismissHover();
    await this.page.keyboard.press('Control+.');
    const item = this.page.locator(SELECTORS.actionWidgetItem).first();
    await item.waitFor({ timeout: this.timeoutMs });
    return this.page
      .locator(SELECTORS.actionWidgetItem)
      .evaluateAll((elements) => (elements as unknown as PageElement[]).map((row) => row.getAttribute('aria-label') ?? ''));
  }

  /**
   * Opens the Quick Fix menu at the cursor and applies the item labelled `label`. The menu is driven by
   * keyboard: a pointer-blocking layer of the context view intercepts mouse clicks on its items.
   */
  async quickFix(label: string): Promise<void> {
    const labels = await this.quickFixLabels();
    const target = labels.indexOf(label);
    if (target < 0) throw new Error(`no quick fix "${label}"; the menu offers: ${labels.join(' | ')}`);
    const focused = this.page.locator(`${SELECTORS.actionWidgetItem}.focused`);
    for (let step = 0; step <= labels.length; step++) {
      if ((await focused.getAttribute('aria-label', { timeout: this.timeoutMs })) === label) break;
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.locator(`${SELECTORS.actionWidgetItem}.focused[aria-label=${cssString(label)}]`).waitFor({ timeout: this.timeoutMs });
    await this.page.keyboard.press('Enter');
    await this.page.locator(SELECTORS.actionWidgetItem).first().waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /** Closes the Quick Fix menu if it is open. */
  async closeQuickFix(): Promise<void> {
    const item = this.page.locator(SELECTORS.actionWidgetItem).first();
    if (!(await item.isVisible())) return;
    await this.page.keyboard.press('Escape');
    await item.waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /**
   * Shows a view container from the activity bar by its title (e.g. "Explorer", or an extension's
   * `viewsContainers.activitybar[].title`), without toggling it closed when it is already shown.
   */
  async openViewContainer(title: string): Promise<void> {
    const item = this.page
      .locator(SELECTORS.activityBarItem)
      // Built-ins add their shortcut ("Explorer (Ctrl+Shift+E)"); a container with a badge adds its tooltip
      // ("Traceability - 0 errors, 3 warnings").
      .filter({ has: this.page.locator(`a.action-label[aria-label=${cssString(title)}], a.action-label[aria-label^=${cssString(`${title} (`)}], a.action-label[aria-label^=${cssString(`${title} - `)}]`) })
      .first();
    await item.waitFor({ timeout: this.timeoutMs });
    if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
    await this.page.locator(SELECTORS.sidebarTitle).filter({ hasText: title }).waitFor({ timeout: this.timeoutMs });
  }

  /** The tree of the view named `viewName` (its `contributes.views[].name`) in the side bar. */
  tree(viewName: string): Locator {
    return this.page.locator(`.part.sidebar .monaco-list[role="tree"][aria-label=${cssString(viewName)}]`);
  }

  /** The rendered rows of a view's tree, in display order (virtualised: rows out of view are absent). */
  async treeRows(viewName: string): Promise<TreeRow[]> {
    const tree = this.tree(viewName);
    await tree.waitFor({ timeout: this.timeoutMs });
    return tree.locator('.monaco-list-row').evaluateAll((elements) =>
      (elements as unknown as PageElement[])
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map((row) => {
          const expanded = row.getAttribute('aria-expanded');
          return {
            label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
            description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
            level: Number(row.getAttribute('aria-level') ?? '1'),
            expanded: expanded === null ? undefined : expanded === 'true',
            ariaLabel: row.getAttribute('aria-label') ?? '',
          };
        }),
    );
  }

  /** Waits until a view's tree rows satisfy `predicate`, and returns them. */
  async waitForTreeRows(viewName: string, predicate: (rows: TreeRow[]) => boolean, timeoutMs = this.timeoutMs): Promise<TreeRow[]> {
    return this.poll(`the ${viewName} tree to match`, async () => {
      const rows = await this.treeRows(viewName);
      return predicate(rows) ? rows : undefined;
    }, timeoutMs);
  }

  /** Clicks the tree row whose label is `label`. */
  async clickTreeRow(viewName: string, label: string): Promise<void> {
    await this.tree(viewName).locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: label }) }).first().click();
  }

  /** Texts of the notification toasts now showing. */
  async notifications(): Promise<string[]> {
    return this.page.locator(SELECTORS.notificationToast).allInnerTexts();
  }

  /** Waits for a notification toast containing `text`. */
  async waitForNotification(text: string): Promise<void> {
    await this.page.locator(SELECTORS.notificationToast).filter({ hasText: text }).first().waitFor({ timeout: this.timeoutMs });
  }

  /**
   * In an open quick pick, types `text` into the filter and accepts the row whose label is `label`.
   */
  async pickQuickInput(text: string, label: string): Promise<void> {
    const box = this.page.locator(SELECTORS.quickInputBox);
    await box.waitFor({ timeout: this.timeoutMs });
    await box.fill(text);
    const row = this.page.locator(SELECTORS.quickInputRow).filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
    await row.waitFor({ timeout: this.timeoutMs });
    await row.click();
    await this.page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
  async save(): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+S');
    await this.page.locator(`${SELECTORS.activeTab}.dirty`).waitFor({ state: 'detached', timeout: this.timeoutMs });
  }

  /**
   * Renames the symbol at the cursor (F2): types `newName` into the rename box and presses Enter, or
   * Ctrl+Enter to show the Refactor Preview instead (see {@link applyRefactorPreview}).
   */
  async rename(newName: string, options: { readonly preview?: boolean } = {}): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('F2');
    const input = this.page.locator(SELECTORS.renameInput);
    await input.waitFor({ timeout: this.timeoutMs });
    await input.fill(newName);
    await input.press(options.preview ? 'Control+Enter' : 'Enter');
  }

  /**
   * Applies the edit the Refactor Preview shows (its Apply button), and waits for the preview to
   * close. Returns the preview's rows as shown (file rows, then their edits), each with ✓ when ticked.
   */
  async applyRefactorPreview(): Promise<string[]> {
    const apply = this.page.locator(SELECTORS.refactorPreviewApply);
    await apply.waitFor({ timeout: this.timeoutMs });
    const rows = await this.page.locator('.bulk-edit-panel .monaco-list-row').evaluateAll((elements) =>
      (elements as unknown as (PageElement & { readonly innerText: string })[])
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map((row) => `${(row.querySelector('input.edit-checkbox') as unknown as { checked: boolean } | null)?.checked ? '✓ ' : '  '}${row.innerText.replace(/\s+/g, ' ').trim()}`));
    await apply.click();
    await apply.waitFor({ state: 'hidden', timeout: this.timeoutMs });
    return rows;
  }

  /**
   * The gutter icons shown beside the active editor's lines in view, as their image file names
   * (`complete-dark.svg`), top to bottom.
   */
  async gutterIcons(): Promise<string[]> {
    return this.page.locator(`${SELECTORS.activeEditor} .cgmr`).evaluateAll((elements) => {
      const style = (globalThis as unknown as { getComputedStyle(element: unknown): { backgroundImage: string } }).getComputedStyle;
      return (elements as unknown as PageElement[])
        .map((element) => ({ top: Number(/top:\s*(-?[\d.]+)px/.exec(element.getAttribute('style') ?? '')?.[1] ?? 0), image: style(element).backgroundImage }))
        .sort((a, b) => a.top - b.top)
        // url("…/vscode-remote-resource?path=%2F…%2Fmedia%2Fgutter%2Fnone-light.svg&tkn=")
        .map(({ image }) => /([\w-]+\.svg)/.exec(decodeURIComponent(image))?.[1] ?? image);
    });
  }

  /** Saves a full-page screenshot as `test-results/e2e/<name>.png` (or under `dir`) and returns its path. */
  async screenshot(name: string, dir = path.join(REPO_ROOT, 'test-results', 'e2e')): Promise<string> {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    // Finish CSS animations first, so a hover that is fading in is captured opaque.
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }
}
