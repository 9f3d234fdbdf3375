import * as vscode from 'vscode';

/**
 * Follows a region of a document (by offsets) through edits made elsewhere, and notices edits inside it.
 * Edits the extension makes itself are announced first with `expectOwnEdit`, so they move the region's
 * end instead of counting as a conflict.
 */
export class RangeTracker implements vscode.Disposable {
  private conflicted = false;
  private readonly expected: Array<{ offset: number; length: number; text: string }> = [];
  private readonly listeners: vscode.Disposable[];

  /** `onConflict` runs once, at the first edit inside the region or when the document is closed. */
  constructor(
    readonly document: vscode.TextDocument,
    public start: number,
    public end: number,
    private readonly onConflict?: () => void,
  ) {
    this.listeners = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== this.document) return;
        for (const change of e.contentChanges) this.onChange(change);
      }),
      // A closed untitled document's URI is reused by the next one: nothing may land there.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc === this.document) this.markConflict();
      }),
    ];
  }

  get conflict(): boolean {
    return this.conflicted;
  }

  range(): vscode.Range {
    return new vscode.Range(this.document.positionAt(this.start), this.document.positionAt(this.end));
  }

  /** Announces an edit of ours (offsets in the current document), before it is applied. */
  expectOwnEdit(offset: number, length: number, text: string): () => void {
    const entry = { offset, length, text };
    this.expected.push(entry);
    return () => {
      const i = this.expected.indexOf(entry);
      if (i >= 0) this.expected.splice(i, 1);
    };
  }

  private onChange(change: vscode.TextDocumentContentChangeEvent): void {
    const delta = change.text.length - change.rangeLength;
    const own = this.expected.findIndex(
      (x) => x.offset === change.rangeOffset && x.length === change.rangeLength && x.text === change.text,
    );
    if (own >= 0) {
      this.expected.splice(own, 1);
      this.end += delta;
      return;
    }
    const changeEnd = change.rangeOffset + change.rangeLength;
    if (changeEnd <= this.start) {
      this.start += delta;
      this.end += delta;
    } else if (change.rangeOffset >= this.end) {
      // After the region: nothing moves.
    } else {
      this.markConflict();
    }
  }

  private markConflict(): void {
    if (!this.conflicted) this.onConflict?.();
    this.conflicted = true;
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
  }
}
