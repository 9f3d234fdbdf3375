// Code streamed straight into a document: each new version of the span's text becomes one small edit (only the
// part after the common prefix), applied one at a time; while an edit is applied, newer text replaces older
// pending text. Undo stops: none between the edits, so the whole insertion is ONE undo step. A save midway closes
// VS Code's open undo group; then the last write goes back to the original and writes the result as a step of
// its own, so one Ctrl+Z still restores the original. Pure: the host supplies the writer.

/** The host side: writes into the tracked span of a document. Offsets are relative to the span's start. */
export interface SpanWriter {
  /** Replaces [from, to) of the span with `text`; false when the editor refused (the document changed meanwhile). */
  replace(from: number, to: number, text: string, undo: { stopBefore: boolean; stopAfter: boolean }): Promise<boolean>;
  /** True once the user edited inside the span: nothing more may be written. */
  readonly conflict: boolean;
  /** True when the document is gone: retrying is pointless. */
  readonly closed: boolean;
}

/** Thrown when the editor refused an edit three times or the document closed. */
export class SpanWriteError extends Error {
  constructor() {
    super('The editor refused the edit.');
    this.name = 'SpanWriteError';
  }
}

const ATTEMPTS = 3;

export class StreamingEdit {
  private text: string;
  private edits = 0;
  private savedMidway = false;
  private latest: string | undefined;
  private pump: Promise<void> = Promise.resolve();
  private pumping = false;
  private stopped = false;
  /** The error that stopped the pump, if any (it also calls `onFail`). */
  failure: unknown;

  constructor(
    private readonly writer: SpanWriter,
    readonly original: string,
    private readonly onFail: (err: unknown) => void,
  ) {
    this.text = original;
  }

  /** The span's text as last written. */
  get current(): string {
    return this.text;
  }

  /** A save of the document: after the first edit it splits VS Code's undo group. */
  noteSave(): void {
    if (this.edits > 0) this.savedMidway = true;
  }

  /** Queues a newer version of the span's text (streaming); older pending text is dropped. */
  schedule(next: string): void {
    this.latest = next;
    if (this.pumping) return;
    this.pumping = true;
    this.pump = this.drain();
  }

  /** Drops queued text and writes no more of it (cancellation); `write` still works for the final word. */
  stop(): void {
    this.stopped = true;
    this.latest = undefined;
  }

  /** Resolves when no queued text is left to write. */
  settled(): Promise<void> {
    return this.pump;
  }

  /** Writes `next` now; `last` closes the undo step (the final text, or the original after a failure). */
  async write(next: string, last: boolean): Promise<void> {
    if (this.writer.conflict || (next === this.text && !(last && this.edits > 0))) return;
    let stopBefore = this.edits === 0;
    if (last && this.savedMidway && next !== this.original) {
      this.savedMidway = false;
      await this.write(this.original, false);
      if (this.writer.conflict) return;
      stopBefore = true;
    }
    let prefix = 0;
    while (prefix < this.text.length && prefix < next.length && this.text[prefix] === next[prefix]) prefix++;
    for (let attempt = 1; ; attempt++) {
      if (await this.writer.replace(prefix, this.text.length, next.slice(prefix), { stopBefore, stopAfter: last })) break;
      if (this.writer.conflict) return;
      if (attempt >= ATTEMPTS || this.writer.closed) throw new SpanWriteError();
    }
    this.edits++;
    this.text = next;
  }

  private async drain(): Promise<void> {
    try {
      while (this.latest !== undefined && this.failure === undefined && !this.stopped) {
        const next = this.latest;
        this.latest = undefined;
        await this.write(next, false);
      }
    } catch (err) {
      this.failure = err;
      this.onFail(err);
    } finally {
      this.pumping = false;
    }
  }
}
