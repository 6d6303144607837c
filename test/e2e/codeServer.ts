/**
 * Runs a real VS Code workbench offline: code-server (VS Code 1.100 with a Node extension host, installed
 * by setup-code-server.sh) on a loopback port, driven by Debian's Chromium through playwright-core.
 * Every run gets its own HOME, user-data and extensions folders, so nothing touches the user's setup.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const execFileAsync = promisify(execFile);

/** Pinned in setup-code-server.sh: newer code-server needs Node 24. */
export const CODE_SERVER_VERSION = '4.100.3';

/** Where setup-code-server.sh installs code-server (override with CODE_SERVER_BIN). */
export function codeServerBinary(): string {
  if (process.env.CODE_SERVER_BIN) return process.env.CODE_SERVER_BIN;
  const cacheRoot = process.env.TRACELENS_E2E_CACHE ?? path.join(homedir(), '.cache', 'tracelens-e2e');
  return path.join(cacheRoot, 'code-server', 'node_modules', '.bin', 'code-server');
}

/** Throws a message naming the setup script when code-server is not installed. */
export function requireCodeServer(): string {
  const binary = codeServerBinary();
  if (!existsSync(binary)) {
    throw new Error(`code-server not found at ${binary}; run test/e2e/setup-code-server.sh first`);
  }
  return binary;
}

/** User settings that keep the workbench quiet and offline: no welcome page, tips, trust prompt or updates. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = Object.freeze({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  // code-server defaults to saving after a second; tests that edit unsaved buffers need them to stay unsaved.
  'files.autoSave': 'off',
});

/** The folders one code-server run owns. */
export interface CodeServerDirs {
  readonly root: string;
  readonly home: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
}

/** Makes a fresh set of folders under the system temp folder. */
export function makeCodeServerDirs(settings: Readonly<Record<string, unknown>> = QUIET_SETTINGS): CodeServerDirs {
  const root = mkdtempSync(path.join(tmpdir(), 'tracelens-e2e-'));
  const dirs: CodeServerDirs = {
    root,
    home: path.join(root, 'home'),
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    logFile: path.join(root, 'code-server.log'),
  };
  for (const dir of [dirs.home, path.join(dirs.userDataDir, 'User'), dirs.extensionsDir]) mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return dirs;
}

/**
 * The environment code-server (and so its extension host) runs with: the caller's, minus anything that
 * would tie it to an outer VS Code or the user's own configuration, plus `extra`.
 */
function isolatedEnv(dirs: CodeServerDirs, extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_') || key === 'PASSWORD' || key === 'HASHED_PASSWORD') continue;
    env[key] = value;
  }
  Object.assign(env, {
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    XDG_STATE_HOME: path.join(dirs.home, '.local', 'state'),
    // No extension gallery: the workbench would otherwise query open-vsx.org (offline: DNS failures).
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  });
  return env;
}

/** Installs a packaged extension (.vsix) into the run's extensions folder. */
export async function installVsix(dirs: CodeServerDirs, vsix: string, binary = requireCodeServer()): Promise<void> {
  await execFileAsync(
    binary,
    ['--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', path.resolve(vsix)],
    { env: isolatedEnv(dirs, {}), timeout: 120_000 },
  );
}

/** Options for {@link startCodeServer}. */
export interface StartOptions {
  /** Extra environment for code-server; the extension host inherits it. */
  readonly env?: Readonly<Record<string, string>>;
  /** Packaged extensions to install before starting. */
  readonly vsix?: readonly string[];
  /** User settings (defaults to {@link QUIET_SETTINGS}). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** How long to wait for the server to answer (default 60 s). */
  readonly startTimeoutMs?: number;
  /** Keep the temp folders after stop (also TRACELENS_E2E_KEEP=1), for debugging. */
  readonly keepDirs?: boolean;
  /**
   * Reuse the folders of an earlier run (stopped with `keepDirs`) instead of fresh ones: its settings,
   * installed extensions and global storage (e.g. the scan cache), as after a restart. `settings` is
   * then ignored and the log file is appended to.
   */
  readonly dirs?: CodeServerDirs;
}

/** A running code-server. */
export interface CodeServer {
  readonly port: number;
  /** The server's process ID; it leads a process group holding its children (extension host, watchers). */
  readonly pid: number;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly dirs: CodeServerDirs;
  /** `vscode-remote://127.0.0.1:PORT/abs/path`: how the workbench names a file on the server. */
  remoteUri(absPath: string): string;
  /** The workbench URL opening `folder`, with an optional payload (see {@link payload}). */
  workbenchUrl(folder: string, payloadEntries?: readonly PayloadEntry[]): string;
  /** The server's output so far. */
  log(): string;
  /** Why the server is no longer running (exit code or signal), or undefined while it runs. */
  exitStatus(): string | undefined;
  /** Stops the whole process group (SIGTERM, then SIGKILL) and removes the temp folders. Idempotent. */
  stop(): Promise<void>;
}

/** One `[key, value]` pair of the workbench URL's `payload` parameter. */
export type PayloadEntry = readonly [
  'openFile' | 'gotoLineMode' | 'extensionDevelopmentPath' | 'extensionTestsPath' | string,
  string,
];

/** The `payload` URL parameter's value (JSON, not yet URL-encoded: URLSearchParams encodes it). */
export function payload(entries: readonly PayloadEntry[]): string {
  return JSON.stringify(entries);
}

const liveServers = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills every still-running server's process group when this process exits, however it exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveServers) signalGroup(child, 'SIGKILL');
  });
}

/** Signals code-server's whole process group (it was spawned detached, so it leads one). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // No process left in the group.
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Polls `predicate` every `intervalMs` until it returns a value or `timeoutMs` passes. */
export async function waitFor<T>(
  what: string,
  predicate: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Starts code-server on a free loopback port (it binds port 0 and reports the port it got) and waits
 * until it serves.
 */
export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  const binary = requireCodeServer();
  const dirs = options.dirs ?? makeCodeServerDirs(options.settings ?? QUIET_SETTINGS);
  const keepDirs = options.keepDirs ?? process.env.TRACELENS_E2E_KEEP === '1';
  for (const vsix of options.vsix ?? []) await installVsix(dirs, vsix, binary);

  const logStream = createWriteStream(dirs.logFile, { flags: options.dirs ? 'a' : 'w' });
  let output = '';
  const child = spawn(
    binary,
    [
      '--bind-addr', '127.0.0.1:0',
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', dirs.userDataDir,
      '--extensions-dir', dirs.extensionsDir,
    ],
    { env: isolatedEnv(dirs, options.env ?? {}), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  liveServers.add(child);
  installExitHook();
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    logStream.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('exit', () => liveServers.delete(child));

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    signalGroup(child, 'SIGTERM');
    if (!(await waitForExit(child, 5_000))) {
      signalGroup(child, 'SIGKILL');
      await waitForExit(child, 5_000);
    }
    // Children that outlive the leader (extension host, file watcher) are still in its group.
    signalGroup(child, 'SIGKILL');
    liveServers.delete(child);
    await new Promise<void>((resolve) => logStream.end(resolve));
    if (!keepDirs) rmSync(dirs.root, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const port = await waitFor(
      'code-server to report its port',
      () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
        }
        const match = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        return match ? Number(match[1]) : undefined;
      },
      options.startTimeoutMs ?? 60_000,
    );
    const origin = `http://127.0.0.1:${port}`;
    await waitFor(
      'code-server /healthz',
      async () => {
        try {
          const response = await fetch(`${origin}/healthz`);
          return response.ok ? true : undefined;
        } catch {
          return undefined;
        }
      },
      options.startTimeoutMs ?? 60_000,
    );
    const remoteUri = (absPath: string): string =>
      `vscode-remote://127.0.0.1:${port}${path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/')}`;
    const pid = child.pid;
    if (pid === undefined) throw new Error('code-server started without a process ID');
    return {
      port,
      pid,
      origin,
      dirs,
      remoteUri,
      workbenchUrl(folder, payloadEntries) {
        const url = new URL(`${origin}/`);
        url.searchParams.set('folder', path.resolve(folder));
        if (payloadEntries && payloadEntries.length > 0) url.searchParams.set('payload', payload(payloadEntries));
        return url.toString();
      },
      log: () => output,
      exitStatus: () => (child.exitCode !== null || child.signalCode !== null ? `exited (${child.exitCode ?? child.signalCode})` : undefined),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Flags that work for Debian's Chromium here, as root, headless and offline. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];

/** A headless Chromium with one page. */
export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Browser console lines and page errors so far (the workbench logs extension host errors there). */
  consoleLog(): string[];
  close(): Promise<void>;
}

/** Options for {@link launchBrowser}. */
export interface LaunchOptions {
  /** Defaults to CHROMIUM_PATH or /usr/bin/chromium. */
  readonly executablePath?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Show the window (needs a display). */
  readonly headed?: boolean;
}

/** Launches Debian's Chromium (never a downloaded browser) with a fresh profile folder. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}; run test/e2e/setup-code-server.sh`);
  const profile = mkdtempSync(path.join(tmpdir(), 'tracelens-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: !options.headed,
    args: [...CHROMIUM_ARGS],
    viewport: { width: options.viewport?.width ?? 1440, height: options.viewport?.height ?? 900 },
    timeout: 60_000,
  });
  const lines: string[] = [];
  context.on('console', (message) => lines.push(`[${message.type()}] ${message.text()}`));
  context.on('weberror', (error) => lines.push(`[pageerror] ${error.error().message}`));
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    consoleLog: () => lines,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Reads a file if it exists (undefined otherwise). */
export function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
