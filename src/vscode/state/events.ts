/**
 * A minimal event emitter with the same listener signature as `vscode.Event`, so that the
 * modules that do not import `vscode` (and their tests) can still offer events to the ones that do.
 */

/** Anything that can be disposed, a `vscode.Disposable` included. */
export interface Disposable {
  dispose(): unknown;
}

/** Subscribes a listener; like `vscode.Event`, optionally with `this` and a disposables list. */
export type Event<T> = (listener: (value: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

/** Fires values to listeners, like `vscode.EventEmitter`. */
export class Emitter<T> {
  private listeners: Array<(value: T) => unknown> = [];

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs === undefined ? listener : listener.bind(thisArgs);
    this.listeners.push(bound);
    const subscription = { dispose: () => { this.listeners = this.listeners.filter((l) => l !== bound); } };
    disposables?.push(subscription);
    return subscription;
  };

  /** Calls every listener; one that throws does not stop the others. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('Tracelens: event listener failed', error);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
