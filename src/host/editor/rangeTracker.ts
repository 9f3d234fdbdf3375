import * as vscode from 'vscode';
import { RegionTracker } from '../../editor/regionTracker';

/**
 * Follows a range of a document through edits made elsewhere, and notices edits inside it (the arithmetic
 * is `RegionTracker`'s). Edits the extension makes itself are announced first with `expectOwnEdit`, so they
 * move the range's end instead of counting as a conflict.
 */
export class RangeTracker implements vscode.Disposable {
  private readonly region: RegionTracker;
  private readonly listeners: vscode.Disposable[];

  /** `onConflict` runs once, at the first edit inside the range or when the document is closed. */
  constructor(
    readonly document: vscode.TextDocument,
    start: number,
    end: number,
    private readonly onConflict?: () => void,
  ) {
    this.region = new RegionTracker(start, end);
    this.listeners = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== this.document) return;
        for (const c of e.contentChanges) {
          if (this.region.apply({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })) this.onConflict?.();
        }
      }),
      // A closed untitled document's URI is reused by the next one: nothing may land there.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc === this.document && this.region.markTouched()) this.onConflict?.();
      }),
    ];
  }

  get conflict(): boolean {
    return this.region.touched;
  }

  get start(): number {
    return this.region.start;
  }

  get end(): number {
    return this.region.end;
  }

  range(): vscode.Range {
    return new vscode.Range(this.document.positionAt(this.region.start), this.document.positionAt(this.region.end));
  }

  /** Announces an edit of ours (offsets in the current document), before it is applied. */
  expectOwnEdit(offset: number, length: number, text: string): () => void {
    return this.region.expectOwnEdit(offset, length, text);
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
  }
}
