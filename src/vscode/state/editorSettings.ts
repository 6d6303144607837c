/**
 * The editor-only settings (`tracelens.*` in VS Code), read into one typed, frozen object per
 * workspace folder. Everything CI must agree with lives in tracelens.json instead.
 */

import type { SafetyClass } from '../../core/model/types';

/** Which findings show as diagnostics in requirement files. */
export type RequirementDiagnostics = 'all' | 'errors' | 'none';

/** The `tracelens.*` settings of one workspace folder. */
export interface EditorSettings {
  /** Delay after the last keystroke before a buffer is re-indexed. */
  readonly debounceMs: number;
  readonly requirementDiagnostics: RequirementDiagnostics;
  readonly statusBarEnabled: boolean;
  readonly codeLensEnabled: boolean;
  /** The safety class a created item states without asking; undefined: ask each time. */
  readonly newItemClass?: SafetyClass;
}

/** The settings' defaults, as package.json declares them. */
export const DEFAULT_SETTINGS: EditorSettings = Object.freeze({
  debounceMs: 300,
  requirementDiagnostics: 'all',
  statusBarEnabled: true,
  codeLensEnabled: true,
});

/** Longest debounce accepted: past this the editor would feel broken rather than calm. */
export const MAX_DEBOUNCE_MS = 5000;

/**
 * Reads the settings through `get(key)` (a key below `tracelens.`), falling back to the default
 * for a missing or mistyped value, so a bad settings.json never breaks the extension.
 */
export function readSettings(get: (key: string) => unknown): EditorSettings {
  const debounce = get('debounceMs');
  const diagnostics = get('requirementDiagnostics');
  const statusBar = get('statusBar.enabled');
  const codeLens = get('codeLens.enabled');
  const newItemClass = get('newItemClass');
  return Object.freeze({
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce)
      ? Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(debounce)))
      : DEFAULT_SETTINGS.debounceMs,
    requirementDiagnostics: diagnostics === 'all' || diagnostics === 'errors' || diagnostics === 'none' ? diagnostics : DEFAULT_SETTINGS.requirementDiagnostics,
    statusBarEnabled: typeof statusBar === 'boolean' ? statusBar : DEFAULT_SETTINGS.statusBarEnabled,
    codeLensEnabled: typeof codeLens === 'boolean' ? codeLens : DEFAULT_SETTINGS.codeLensEnabled,
    // Implements: TL-224
    // Anything but A, B or C (the default `ask` included) asks: a class is never guessed.
    ...(newItemClass === 'A' || newItemClass === 'B' || newItemClass === 'C' ? { newItemClass } : {}),
  });
}
