import * as vscode from 'vscode';
import type { SpanEditor, UndoStops } from '../../editor/streamingWriter';
import type { RangeTracker } from './rangeTracker';

/**
 * The span a generation writes into, as VS Code edits: offsets follow the tracked range, our own edits are
 * announced to the tracker first (so they are not taken for the user's), and the part still being written is
 * highlighted in every editor that shows the document.
 */
export class DocumentSpan implements SpanEditor {
  constructor(
    private readonly editor: vscode.TextEditor,
    private readonly tracker: RangeTracker,
    private readonly decoration: vscode.TextEditorDecorationType,
  ) {}

  get conflict(): boolean {
    return this.tracker.conflict;
  }

  get closed(): boolean {
    return this.editor.document.isClosed;
  }

  get saved(): boolean {
    return !this.editor.document.isDirty;
  }

  async replace(offset: number, length: number, text: string, undo: UndoStops): Promise<boolean> {
    const document = this.editor.document;
    // The editor the user sees now (it may have been reopened in another group since the generation began).
    const target = vscode.window.visibleTextEditors.find((e) => e.document === document) ?? this.editor;
    const from = this.tracker.start + offset;
    const forget = this.tracker.expectOwnEdit(from, length, text);
    const range = new vscode.Range(document.positionAt(from), document.positionAt(from + length));
    const ok = await target.edit((b) => b.replace(range, text), { undoStopBefore: undo.stopBefore, undoStopAfter: undo.stopAfter });
    if (!ok) forget();
    return ok;
  }

  mark(length: number | undefined): void {
    const document = this.editor.document;
    const start = this.tracker.start;
    const ranges = length === undefined ? [] : [new vscode.Range(document.positionAt(start), document.positionAt(start + length))];
    for (const e of vscode.window.visibleTextEditors) if (e.document === document) e.setDecorations(this.decoration, ranges);
  }
}
