/**
 * Per-key debouncing with cancellation: each document waits for a pause in typing, and a newer
 * change cancels the work scheduled (or still running) for an older one. No `vscode` import.
 */

/** A cancellation flag a task polls between steps. */
export interface CancellationFlag {
  readonly isCancellationRequested: boolean;
}

class Flag implements CancellationFlag {
  isCancellationRequested = false;
}

interface Entry {
  readonly timer: ReturnType<typeof setTimeout>;
  readonly flag: Flag;
}

/** Runs the last task scheduled for a key once no newer one arrives within the delay. */
export class KeyedDebouncer<K> {
  private readonly waiting = new Map<K, Entry>();
  private readonly running = new Map<K, Flag>();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  /** Schedules `task` for `key`, cancelling the key's earlier task whether waiting or running. */
  schedule(key: K, delayMs: number, task: (flag: CancellationFlag) => void | Promise<void>): void {
    this.cancel(key);
    const flag = new Flag();
    const timer = setTimeout(() => {
      this.waiting.delete(key);
      this.running.set(key, flag);
      this.inFlight++;
      void Promise.resolve()
        .then(() => task(flag))
        .catch(() => undefined)
        .finally(() => {
          if (this.running.get(key) === flag) this.running.delete(key);
          this.inFlight--;
          this.settle();
        });
    }, delayMs);
    this.waiting.set(key, { timer, flag });
  }

  /** Cancels the key's waiting task (it never runs) and flags its running one. */
  cancel(key: K): void {
    const entry = this.waiting.get(key);
    if (entry) {
      clearTimeout(entry.timer);
      entry.flag.isCancellationRequested = true;
      this.waiting.delete(key);
    }
    const running = this.running.get(key);
    if (running) running.isCancellationRequested = true;
    this.settle();
  }

  /** Whether a task is waiting or running. */
  get busy(): boolean {
    return this.waiting.size > 0 || this.inFlight > 0;
  }

  /** Resolves once nothing is waiting or running. */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels everything. */
  dispose(): void {
    for (const key of [...this.waiting.keys()]) this.cancel(key);
    for (const flag of this.running.values()) flag.isCancellationRequested = true;
  }

  private settle(): void {
    if (this.busy) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
