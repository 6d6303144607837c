/**
 * One workspace folder's live project: its {@link ProjectIndex}, the order in which updates reach
 * it, and the last consistent snapshot the editor features read. No `vscode` import, so the
 * sequencing rules are unit-tested with a fake index.
 *
 * Updates that wait (loads, requirement files, files changed on disk) run one at a time in a
 * queue; code buffers are applied at once (parsing is incremental and synchronous). Features
 * read {@link Project.snapshot}, which is only replaced at consistent moments, never halfway
 * through a load.
 */
import { UBPROJECT_FILE_NAME } from '../../core/config/ubproject';
import { DEFAULT_REQUIREMENT_FOLDERS, type TracelensConfig } from '../../core/config/types';
import type { FileRole, ProjectSnapshot, TextChange } from '../../core/project/projectIndex';
import { LOCK_FILE } from '../../core/review/lockFile';
import type { FileEventBatch } from './changeBatcher';
import type { CancellationFlag } from './debouncer';
import { Emitter, type Event } from './events';

/** What a project needs of its index: the public surface of ProjectIndex. */
export interface LiveIndex {
  load(): Promise<ProjectSnapshot>;
  readonly config: TracelensConfig;
  readonly configPath: string;
  roleOf(file: string): FileRole;
  setRequirementText(file: string, text: string): Promise<boolean>;
  /** Applies at once when the language's grammar is loaded; otherwise after loading it. */
  setCodeText(file: string, text: string, changes?: readonly TextChange[]): Promise<void> | void;
  closeDocument(file: string): Promise<void>;
  fileChangedOnDisk(file: string): Promise<void>;
  fileDeleted(file: string): Promise<void>;
  snapshot(): ProjectSnapshot;
  dispose(): void;
}

/** An open editor buffer of a file in the project. */
export interface OpenBuffer {
  /** POSIX path relative to the project root. */
  readonly file: string;
  readonly text: string;
  readonly version: number;
  readonly isDirty: boolean;
  /** Shown in an editor right now. */
  readonly isVisible: boolean;
}

/** What a project asks of its host. */
export interface ProjectHost {
  /** The open buffers of files inside the project. */
  openBuffers(): readonly OpenBuffer[];
  /** Whether a root-relative path is a directory on disk (for created folders). */
  isDirectory(file: string): Promise<boolean>;
  /** After a load or a batch of file changes: persist caches. */
  afterUpdate?(): Promise<void>;
  /** Something went wrong (a load, an update, a parse). */
  log?(message: string): void;
  /** A load from disk succeeded and its snapshot is published. */
  loaded?(): void;
}

/**
 * `loading`: nothing to show yet (or a reload is running and the previous snapshot stays);
 * `partial`: requirements are read and open editors scanned, the rest of the code is not (the
 * coverage findings are not meaningful yet); `ready`; `failed` (see {@link Project.failure}).
 */
export type ProjectPhase = 'loading' | 'partial' | 'ready' | 'failed';

/** Above this many changed files, a batch reloads the project instead of updating file by file. */
export const BULK_CHANGE_LIMIT = 500;

/** Folders the walk never enters whatever the config says; the editor ignores their buffers too. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules']);

/** Whether a root-relative path lies in a folder the walk never enters. */
export function isAlwaysSkipped(file: string): boolean {
  return file.split('/').some((segment) => ALWAYS_SKIPPED.has(segment));
}

/** Incremental changes to a buffer since the version the index last saw. */
export interface BufferChanges {
  readonly baseVersion: number;
  readonly changes: readonly TextChange[];
}

// Implements: TL-040, TL-041
export class Project {
  private currentPhase: ProjectPhase = 'loading';
  private current: ProjectSnapshot | undefined;
  private error: string | undefined;
  private loaded = false;
  private loading = false;
  private loadWaiting: Promise<void> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private pendingTasks = 0;
  private disposed = false;
  /** Buffer version the index holds for each code file it parses from an editor. */
  private readonly versions = new Map<string, number>();
  private readonly changed = new Emitter<Project>();
  private firstLoad: Promise<void> | undefined;

  /** Fires whenever {@link snapshot} or {@link phase} changes. */
  readonly onDidChange: Event<Project> = this.changed.event;

  constructor(readonly root: string, private readonly index: LiveIndex, private readonly host: ProjectHost) {}

  get phase(): ProjectPhase {
    return this.currentPhase;
  }

  /** The last consistent snapshot, or undefined before the first one. */
  get snapshot(): ProjectSnapshot | undefined {
    return this.current;
  }

  /** Why the last load failed. */
  get failure(): string | undefined {
    return this.error;
  }

  /** The project's config once loaded. */
  get config(): TracelensConfig | undefined {
    return this.loaded ? this.index.config : undefined;
  }

  /** The config file path (root-relative), `tracelens.json` when there is none yet. */
  get configPath(): string {
    return this.loaded ? this.index.configPath : 'tracelens.json';
  }

  /** How a root-relative path takes part in the project; `other` until the config is read. */
  roleOf(file: string): FileRole {
    if (!this.loaded || isAlwaysSkipped(file)) return 'other';
    return this.index.roleOf(file);
  }

  /** Whether the index holds an editor buffer for this code file. */
  holdsBuffer(file: string): boolean {
    return this.versions.has(file);
  }

  /** Resolves when the first load has finished (successfully or not). */
  whenLoaded(): Promise<void> {
    return this.firstLoad ?? this.reload();
  }

  /** Whether updates are queued or running. */
  get busy(): boolean {
    return this.pendingTasks > 0;
  }

  /** Resolves once every queued update has been applied. */
  async whenIdle(): Promise<void> {
    while (this.pendingTasks > 0) await this.queue;
  }

  /** Loads (or reloads) everything from disk; a reload already waiting in the queue is reused. */
  reload(): Promise<void> {
    if (this.loadWaiting) return this.loadWaiting;
    const run = this.enqueue(async () => {
      this.loadWaiting = undefined;
      await this.loadNow();
    });
    this.loadWaiting = run;
    this.firstLoad ??= run;
    return run;
  }

  /**
   * Called by the scan service when a load starts scanning code: the requirements are read, so a
   * first load can already show diagnostics for the open editors.
   */
  async beforeCodeScan(): Promise<void> {
    if (!this.loading || this.current !== undefined || this.disposed) return;
    this.loaded = true;
    const applied: Array<Promise<void> | void> = [];
    for (const buffer of this.host.openBuffers()) {
      if ((buffer.isVisible || buffer.isDirty) && this.index.roleOf(buffer.file) === 'code' && !isAlwaysSkipped(buffer.file)) {
        applied.push(this.applyCode(buffer.file, buffer.text, buffer.version));
      }
    }
    await Promise.all(applied.map((a) => Promise.resolve(a).catch((error: unknown) => this.host.log?.(`Tracelens: ${String(error)}`))));
    if (this.disposed) return;
    this.current = this.index.snapshot();
    this.currentPhase = 'partial';
    this.changed.fire(this);
  }

  /**
   * Sets a code buffer's text. `incremental` carries the edits since `baseVersion`; they are used
   * only when the index holds exactly that version, else the whole text is parsed again.
   */
  setCodeText(file: string, text: string, version: number, incremental?: BufferChanges): void {
    if (this.disposed) return;
    if (this.loaded && text.length > this.index.config.maxFileSize) {
      // Too large to parse on every keystroke: the file counts as the scan of its saved state.
      if (this.versions.delete(file)) void this.enqueue(() => this.index.closeDocument(file).then(() => this.publish()));
      return;
    }
    const held = this.versions.get(file);
    const applied = this.applyCode(file, text, version, incremental && held === incremental.baseVersion ? incremental.changes : undefined);
    if (applied === undefined) this.publishIfConsistent();
    else void applied.then(() => this.publishIfConsistent(), (error: unknown) => this.host.log?.(`Tracelens: cannot parse ${file}: ${String(error)}`));
  }

  /** Sets a requirement buffer's text; skipped when `flag` is cancelled before its turn. */
  setRequirementText(file: string, text: string, flag?: CancellationFlag): Promise<void> {
    return this.enqueue(async () => {
      if (flag?.isCancellationRequested) return;
      await this.index.setRequirementText(file, text);
      this.publish();
    });
  }

  /** An editor closed a code buffer: the file falls back to its state on disk. */
  closeCodeBuffer(file: string): Promise<void> {
    if (!this.versions.delete(file)) return Promise.resolve();
    return this.enqueue(async () => {
      await this.index.closeDocument(file);
      this.publish();
    });
  }

  /** tracelens.lock was written by a review here: read it now rather than when the watcher tells. */
  lockWritten(): Promise<void> {
    return this.enqueue(async () => {
      await this.index.fileChangedOnDisk(LOCK_FILE);
      this.publish();
    });
  }

  /** A requirement buffer closed unsaved (or was reverted): read the file from disk again. */
  revertRequirement(file: string): Promise<void> {
    return this.enqueue(async () => {
      await this.index.fileChangedOnDisk(file);
      this.publish();
    });
  }

  /** Applies a batch of file-system events: file by file, or one reload for a bulk change. */
  applyFileEvents(batch: FileEventBatch): Promise<void> {
    if (batch.size > BULK_CHANGE_LIMIT) return this.reload();
    return this.enqueue(async () => {
      if (!this.loaded) return;
      if (await this.needsReload(batch)) {
        await this.loadNow();
        return;
      }
      const known = this.current ? new Set([...this.current.requirementFiles, ...this.current.codeFiles, ...(this.current.testResults?.files ?? []), ...(this.current.soupFiles ?? [])]) : new Set<string>();
      const dirtyRequirements = new Map(this.host.openBuffers().filter((b) => b.isDirty).map((b) => [b.file, b.text]));
      let touched = false;
      for (const [file, kind] of batch) {
        if (isAlwaysSkipped(file)) continue;
        if (this.index.roleOf(file) === 'lock') {
          // Implements: TL-186
          // The lock written by a review (here or in a terminal): every link's review state anew.
          await (kind === 'deleted' ? this.index.fileDeleted(file) : this.index.fileChangedOnDisk(file));
          touched = true;
          continue;
        }
        if (kind === 'deleted') {
          // A deleted folder arrives as one event: forget every known file below it.
          const gone = known.has(file) ? [file] : [...known].filter((k) => k.startsWith(`${file}/`));
          for (const deleted of gone) {
            this.versions.delete(deleted);
            await this.index.fileDeleted(deleted);
            touched = true;
          }
          continue;
        }
        const role = this.index.roleOf(file);
        if (role === 'requirement') {
          const buffer = dirtyRequirements.get(file);
          if (buffer !== undefined) await this.index.setRequirementText(file, buffer);
          else await this.index.fileChangedOnDisk(file);
          touched = true;
        } else if ((role === 'code' && !this.versions.has(file)) || role === 'results' || role === 'soup') {
          // Implements: TL-146, TL-176
          // A test results file is re-read like a requirement file: a new run's outcomes show at once.
          // The SOUP register and manifests count as saved: a quick fix's edit shows once saved.
          await this.index.fileChangedOnDisk(file);
          touched = true;
        }
      }
      if (touched) {
        this.publish();
        await this.host.afterUpdate?.().catch(() => undefined);
      }
    });
  }

  dispose(): void {
    this.disposed = true;
    this.changed.dispose();
    this.index.dispose();
  }

  private async needsReload(batch: FileEventBatch): Promise<boolean> {
    const configPath = this.index.configPath;
    const noRequirements = this.index.config.requirements.length === 0;
    for (const [file, kind] of batch) {
      if (isAlwaysSkipped(file)) continue;
      if (file === configPath || file === 'tracelens.json' || file === '.gitignore' || file.endsWith('/.gitignore')) return true;
      // sphinx-needs types and link types are part of the configuration (config/ubproject.ts).
      if (file === UBPROJECT_FILE_NAME || file.endsWith(`/${UBPROJECT_FILE_NAME}`)) return true;
      if (noRequirements && DEFAULT_REQUIREMENT_FOLDERS.some((folder) => file === folder || file.startsWith(`${folder}/`))) return true;
      // A folder created (moved in, checked out) may hold files no event named.
      if (kind === 'created' && this.index.roleOf(file) === 'other' && (await this.host.isDirectory(file))) return true;
    }
    return false;
  }

  private applyCode(file: string, text: string, version: number, changes?: readonly TextChange[]): Promise<void> | void {
    this.versions.set(file, version);
    return this.index.setCodeText(file, text, changes);
  }

  private async loadNow(): Promise<void> {
    this.loading = true;
    try {
      await this.index.load();
      this.loaded = true;
      // Unsaved buffers count over what the load read from disk.
      for (const buffer of this.host.openBuffers()) {
        if (isAlwaysSkipped(buffer.file)) continue;
        const role = this.index.roleOf(buffer.file);
        if (role === 'requirement' && buffer.isDirty) {
          await this.index.setRequirementText(buffer.file, buffer.text);
        } else if (role === 'code' && (buffer.isDirty || this.versions.has(buffer.file)) && this.versions.get(buffer.file) !== buffer.version) {
          await this.applyCode(buffer.file, buffer.text, buffer.version);
        }
      }
      this.error = undefined;
      this.currentPhase = 'ready';
      this.loading = false;
      this.publish();
      this.host.loaded?.();
    } catch (error) {
      this.loading = false;
      this.error = (error as Error).message ?? String(error);
      this.currentPhase = 'failed';
      this.host.log?.(`Loading ${this.root} failed: ${(error as Error).stack ?? this.error}`);
      this.changed.fire(this);
    }
    await this.host.afterUpdate?.().catch(() => undefined);
  }

  private publishIfConsistent(): void {
    if (!this.loading || this.currentPhase === 'partial') this.publish();
  }

  private publish(): void {
    if (this.disposed || !this.loaded) return;
    if (this.loading && this.currentPhase !== 'partial') return;
    this.current = this.index.snapshot();
    this.changed.fire(this);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.pendingTasks++;
    const run = this.queue
      .then(async () => {
        if (!this.disposed) await task();
      })
      .catch((error: unknown) => this.host.log?.(`Tracelens update failed: ${(error as Error).stack ?? String(error)}`))
      .finally(() => {
        this.pendingTasks--;
      });
    this.queue = run;
    return run;
  }
}
