import type * as vscode from 'vscode';

/**
 * Owner of disposables: `register(x)` ties x's life to this object and returns x. Registering on an owner that
 * is already disposed disposes x at once, so a late async callback cannot leak a listener.
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposedAlready = false;

  protected get isDisposed(): boolean {
    return this.disposedAlready;
  }

  protected register<T extends vscode.Disposable>(x: T): T {
    if (this.disposedAlready) x.dispose();
    else this.owned.push(x);
    return x;
  }

  /** Disposes what was registered, newest first (later things may depend on earlier ones). */
  dispose(): void {
    if (this.disposedAlready) return;
    this.disposedAlready = true;
    const errors: unknown[] = [];
    for (const x of this.owned.splice(0).reverse()) {
      try {
        x.dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'Several disposables failed to dispose.');
  }
}

/** A disposable from a function (what `vscode.Disposable.from` does, without needing the vscode module). */
export function toDisposable(dispose: () => void): vscode.Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      dispose();
    },
  };
}

/**
 * Writes that must land before the extension host exits: `deactivate()` returns `run()`, so a window closed
 * mid-answer still keeps what was buffered. Each task is registered by its owner and removed with it.
 */
export class ShutdownTasks {
  private readonly tasks = new Set<() => Promise<unknown>>();

  add(task: () => Promise<unknown>): vscode.Disposable {
    this.tasks.add(task);
    return toDisposable(() => this.tasks.delete(task));
  }

  /** Runs every task; one failing does not stop the others. */
  async run(): Promise<void> {
    await Promise.allSettled([...this.tasks].map((task) => task()));
  }
}
