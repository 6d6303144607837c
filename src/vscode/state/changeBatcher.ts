/**
 * Batches file-system events so that a branch switch touching thousands of files costs one
 * re-evaluation: events are collected for a short window after the first one, merged per path,
 * and handed over one batch at a time. No `vscode` import.
 */

/** What happened to a path on disk. */
export type FileEventKind = 'created' | 'changed' | 'deleted';

/** Path → what happened to it during the window, after merging. */
export type FileEventBatch = ReadonlyMap<string, FileEventKind>;

/** The net effect of two events on one path, in order. */
export function mergeEvents(first: FileEventKind, second: FileEventKind): FileEventKind {
  if (second === 'deleted') return 'deleted';
  if (first === 'deleted') return 'changed';
  if (first === 'created') return 'created';
  return second;
}

/** Collects events for `windowMs` after the first of a batch, then calls `process` with the batch. */
export class ChangeBatcher {
  private pending = new Map<string, FileEventKind>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private processing: Promise<void> = Promise.resolve();
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  private disposed = false;

  constructor(private readonly windowMs: number, private readonly process: (batch: FileEventBatch) => Promise<void> | void) {}

  add(path: string, kind: FileEventKind): void {
    if (this.disposed) return;
    const previous = this.pending.get(path);
    this.pending.set(path, previous ? mergeEvents(previous, kind) : kind);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Resolves once no event is waiting and no batch is being processed. */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get busy(): boolean {
    return this.timer !== undefined || this.active > 0;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.settle();
  }

  private flush(): void {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size === 0) return this.settle();
    this.active++;
    // One batch at a time, in order: the next waits for the previous to be applied.
    this.processing = this.processing
      .then(() => (this.disposed ? undefined : this.process(batch)))
      .catch(() => undefined)
      .finally(() => {
        this.active--;
        this.settle();
      });
  }

  private settle(): void {
    if (this.busy) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
