import * as vscode from 'vscode';

/** What the extension logs through. */
export interface Log {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** Lines kept for the extension-host tests (an output channel's text cannot be read through the API). */
const KEPT_LINES = 2000;

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  [vscode.LogLevel.Error]: 'error', [vscode.LogLevel.Warning]: 'warning', [vscode.LogLevel.Info]: 'info', [vscode.LogLevel.Debug]: 'debug',
};

// Implements: TL-212
/**
 * The "Tracelens" output channel: a log channel, so its level is VS Code's own (the Output view's
 * "Set Log Level…", `Developer: Set Log Level…`, or `--log tracelens.tracelens:debug`), remembered
 * per extension: no setting of Tracelens's own. The lines the channel's level lets through are also
 * kept (the last {@link KEPT_LINES}) for the extension's test API.
 */
export class TracelensLog implements Log, vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Tracelens', { log: true });
  private readonly kept: string[] = [];

  error(message: string): void {
    this.channel.error(message);
    this.keep(vscode.LogLevel.Error, message);
  }

  warn(message: string): void {
    this.channel.warn(message);
    this.keep(vscode.LogLevel.Warning, message);
  }

  info(message: string): void {
    this.channel.info(message);
    this.keep(vscode.LogLevel.Info, message);
  }

  debug(message: string): void {
    this.channel.debug(message);
    this.keep(vscode.LogLevel.Debug, message);
  }

  /** The lines logged at or above the channel's level, oldest first, as `[level] message`. */
  lines(): readonly string[] {
    return this.kept;
  }

  dispose(): void {
    this.channel.dispose();
  }

  private keep(level: vscode.LogLevel, message: string): void {
    const threshold = this.channel.logLevel;
    if (threshold === vscode.LogLevel.Off || level < threshold) return;
    this.kept.push(`[${LEVEL_NAMES[level]}] ${message}`);
    if (this.kept.length > KEPT_LINES) this.kept.splice(0, this.kept.length - KEPT_LINES);
  }
}
