import * as vscode from 'vscode';
import type { UsageRecord } from '../../glm/schedulerRun';
import { readUsage, recordUsage, type UsageData } from '../../glm/usageLedger';

const KEY = 'glm.usage';
/** Answers come in bursts (agent rounds, completions): write once after a quiet moment, not per answer. */
const WRITE_DELAY_MS = 2_000;

/** Token usage per day and model in global state (counts only, 90 days). Written lazily, flushed on dispose. */
export class UsageStore implements vscode.Disposable {
  private data: UsageData | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento) {}

  /** Read lazily: activation stays free of work. */
  get(): UsageData {
    return (this.data ??= readUsage(this.state.get(KEY)));
  }

  record(record: UsageRecord): void {
    recordUsage(this.get(), record.model, record.usage, Date.now());
    this.timer ??= setTimeout(() => void this.flush(), WRITE_DELAY_MS);
    this.emitter.fire();
  }

  async clear(): Promise<void> {
    this.data = readUsage(undefined);
    await this.flush();
    this.emitter.fire();
  }

  flush(): Thenable<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.data ? this.state.update(KEY, this.data) : Promise.resolve();
  }

  dispose(): void {
    if (this.timer) void this.flush();
    this.emitter.dispose();
  }
}
