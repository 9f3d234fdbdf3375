// Writes code into a span of a document while it streams, as edits that VS Code records as ONE undo step: the
// first edit opens the step (undo stop before), the last one closes it (undo stop after), and nothing between
// them carries a stop. The editor itself is behind `SpanEditor`, so this logic is tested without VS Code.

export interface UndoStops {
  stopBefore: boolean;
  stopAfter: boolean;
}

/** The span of a document being written, as the host sees it. Offsets count from the span's start. */
export interface SpanEditor {
  /** Replaces `length` characters at `offset` with `text`; false when the editor refused (it changed meanwhile). */
  replace(offset: number, length: number, text: string, undo: UndoStops): Promise<boolean>;
  /** The user edited inside the span (or closed the document): nothing more may be written. */
  readonly conflict: boolean;
  readonly closed: boolean;
  /** The document has no unsaved changes (a save landed since our last edit). */
  readonly saved: boolean;
  /** Shows which part of the span is still being written (`undefined`: the writing is over). */
  mark(length: number | undefined): void;
}

/** How often a refused edit is tried again before the writer gives up. */
const ATTEMPTS = 3;

export class EditorClosedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditorClosedError';
  }
}

export class StreamingWriter {
  private current: string;
  private edits = 0;
  private issued = false;
  // A save (auto-save after a delay, on focus change) closes VS Code's open undo group, splitting the insertion.
  private savedMidway = false;
  private latest: string | undefined;
  private pumping: Promise<void> | undefined;
  private failure: unknown;

  /**
   * `closedMessage` is the (localized) message when the editor keeps refusing edits; once `signal` aborts, queued
   * streaming text is dropped (the final `finish` or `restore` still writes).
   */
  constructor(
    private readonly original: string,
    private readonly editor: SpanEditor,
    private readonly closedMessage: string,
    private readonly signal: AbortSignal,
  ) {
    this.current = original;
  }

  /** The text the span holds now. */
  get text(): string {
    return this.current;
  }

  /** Whether any generated text reached the document. */
  get changed(): boolean {
    return this.current !== this.original;
  }

  /** The error that stopped streaming edits, if one did. */
  get error(): unknown {
    return this.failure;
  }

  /** The document was saved: call it for every save while writing (one during our first edit counts too). */
  noteSave(): void {
    if (this.issued) this.savedMidway = true;
  }

  /**
   * Queues the span's next text. Edits go one at a time; while one is applied, later text replaces earlier
   * pending text, so a fast stream never builds a backlog. `onError` runs once if an edit fails.
   */
  stream(text: string, onError: (err: unknown) => void): void {
    this.latest = text;
    if (this.pumping || this.failure) return;
    this.pumping = this.pump(onError).finally(() => {
      this.pumping = undefined;
      // Text that came in between the pump's last check and now.
      if (this.latest !== undefined && !this.signal.aborted) this.stream(this.latest, onError);
    });
  }

  /** Waits for the queued streaming edits to land. */
  async settle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  /** Writes the final text and closes the undo step. */
  async finish(text: string): Promise<void> {
    await this.settle();
    await this.write(text, true);
  }

  /** Puts the original text back (a failed or removed generation), closing the undo step. */
  async restore(): Promise<void> {
    await this.finish(this.original);
  }

  private async pump(onError: (err: unknown) => void): Promise<void> {
    try {
      while (this.latest !== undefined && !this.signal.aborted) {
        const next = this.latest;
        this.latest = undefined;
        await this.write(next, false);
      }
    } catch (err) {
      this.latest = undefined;
      this.failure = err;
      onError(err);
    }
  }

  private async write(next: string, last: boolean): Promise<void> {
    if (this.editor.conflict || (next === this.current && !(last && this.edits > 0))) return;
    let stopBefore = this.edits === 0;
    // The save event may still be on its way when the last edit is due: a clean document tells the same.
    if (last && (this.savedMidway || (this.edits > 0 && this.editor.saved)) && next !== this.original) {
      // Back to the original, then the result as one undo step of its own: one Ctrl+Z still restores the original.
      this.savedMidway = false;
      await this.write(this.original, false);
      if (this.editor.conflict) return;
      stopBefore = true;
    }
    const prefix = commonPrefix(this.current, next);
    if (!(await this.replace(prefix, this.current.length - prefix, next.slice(prefix), { stopBefore, stopAfter: last }))) return;
    this.edits++;
    this.current = next;
    this.editor.mark(last ? undefined : next.length);
  }

  /**
   * An edit fails when the document changed since the host last saw it (the user typing elsewhere): retry.
   * False when a conflict stopped the writing instead.
   */
  private async replace(offset: number, length: number, text: string, undo: UndoStops): Promise<boolean> {
    this.issued = true;
    for (let attempt = 1; ; attempt++) {
      if (await this.editor.replace(offset, length, text, undo)) return true;
      if (this.editor.conflict) return false;
      if (attempt >= ATTEMPTS || this.editor.closed) throw new EditorClosedError(this.closedMessage);
    }
  }
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
