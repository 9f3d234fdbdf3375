import * as vscode from 'vscode';
import { extractFinalCode, extractStreamingCode } from '../../editor/codeExtraction';
import { buildCodeMessages } from '../../editor/prompts';
import type { HostServices } from '../services';
import { indentForLine, placeCode, placementFor } from './codePlacement';
import { codeContext, indentStyle, wholeLineStart } from './editorTarget';
import { RangeTracker } from './rangeTracker';
import { SpanWriteError, StreamingEdit, type SpanWriter } from '../../editor/streamingEdit';
import { isCancellation, streamAnswer, withCancellableProgress } from './streamAnswer';

export const GENERATING_CONTEXT_KEY = 'glm.generating';

export interface GenerateOptions {
  instruction: string;
  /** What to do with the code that arrived when the user cancels (asked when not given). */
  onCancel?: 'keep' | 'remove';
  /** Runs the command again (offered with errors). */
  rerun: () => unknown;
}

export type GenerateStatus = 'done' | 'kept' | 'removed' | 'cancelled' | 'conflict' | 'error' | 'empty' | 'busy';

export interface GenerateResult {
  status: GenerateStatus;
  /** The text the generation left in place of the selection or at the cursor. */
  text?: string;
  message?: string;
}

/**
 * Generation at the cursor: code streams straight into the document as a series of edits that carry no
 * undo stop between them, so VS Code records the whole insertion as ONE undo step (the first edit opens the
 * step, the last one closes it). Runs are keyed by document, so several editors can generate at once.
 */
export class InlineGenerations implements vscode.Disposable {
  private readonly running = new Map<string, AbortController>();
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly activeWatch = vscode.window.onDidChangeActiveTextEditor(() => this.updateContextKey());

  constructor(private readonly services: HostServices) {}

  /** Stops the generation in `document` (default: the active editor's). */
  cancel(document = vscode.window.activeTextEditor?.document): boolean {
    const controller = document && this.running.get(document.uri.toString());
    controller?.abort();
    return controller !== undefined;
  }

  async generate(editor: vscode.TextEditor, opts: GenerateOptions): Promise<GenerateResult> {
    const { document } = editor;
    const key = document.uri.toString();
    if (this.running.has(key)) {
      const message = vscode.l10n.t('GLM is already generating code in this file.');
      void vscode.window.showInformationMessage(message);
      return { status: 'busy', message };
    }
    const hasSelection = !editor.selection.isEmpty;
    let range: vscode.Range = hasSelection ? wholeLineStart(document, editor.selection) : editor.selection;
    if (document.lineAt(range.start.line).text.slice(0, range.start.character).trim() === '') {
      // Only whitespace before the cursor: the code's first line takes that place with its fitted indentation.
      range = new vscode.Range(new vscode.Position(range.start.line, 0), range.end);
    }
    const style = indentStyle(editor);
    const placement = placementFor(document, range, style, 'replace', indentForLine(document, range.start.line, style));
    const original = placement.originalText;
    const ctx = { ...codeContext(document, range), code: hasSelection ? original : '' };
    const messages = buildCodeMessages({ kind: 'generate', instruction: opts.instruction }, ctx, { systemPrompt: this.services.systemPrompt() });

    const controller = new AbortController();
    const tracker = new RangeTracker(document, document.offsetAt(range.start), document.offsetAt(range.end), () => controller.abort());
    this.running.set(key, controller);
    this.updateContextKey();

    const edit = new StreamingEdit(this.writerFor(editor, tracker), original, () => controller.abort());
    controller.signal.addEventListener('abort', () => edit.stop());
    // A save (auto-save after a delay, on focus change) closes VS Code's open undo group, splitting the insertion.
    const onSave = (doc: vscode.TextDocument): void => {
      if (doc === document) edit.noteSave();
    };
    const saveWatch = [vscode.workspace.onWillSaveTextDocument((e) => onSave(e.document)), vscode.workspace.onDidSaveTextDocument(onSave)];
    const write = (next: string, last: boolean): Promise<void> => edit.write(next, last);

    try {
      const answer = await withCancellableProgress(vscode.l10n.t('GLM: Generating code…'), controller, (progress) =>
        streamAnswer(this.services, messages, controller.signal, (text) => {
          const code = extractStreamingCode(text);
          if (code) edit.schedule(placeCode(code, placement));
        }, progress),
      );
      await edit.settled();
      const code = extractFinalCode(answer.text, { languageId: document.languageId });
      if (!code.trim()) {
        await write(original, true);
        const message = vscode.l10n.t('GLM answered without code.');
        void vscode.window.showInformationMessage(message);
        return { status: 'empty', message };
      }
      await write(placeCode(code, placement), true);
      if (answer.finishReason === 'length') {
        void vscode.window.showWarningMessage(vscode.l10n.t('The answer was cut off at the token limit: check the end of the code.'));
      }
      return { status: 'done', text: edit.current };
    } catch (err) {
      await edit.settled();
      const writeError = edit.failure ?? (err instanceof SpanWriteError ? err : undefined);
      return await this.stopped(err, { controller, tracker, original, current: () => edit.current, write, rerun: opts.rerun, onCancel: opts.onCancel, writeError });
    } finally {
      for (const d of saveWatch) d.dispose();
      tracker.dispose();
      for (const e of vscode.window.visibleTextEditors) if (e.document === document) e.setDecorations(this.decoration, []);
      this.running.delete(key);
      this.updateContextKey();
    }
  }

  /** Writes into the tracked span through the document's visible editor, and marks what is being written. */
  private writerFor(editor: vscode.TextEditor, tracker: RangeTracker): SpanWriter {
    const { document } = editor;
    const decorate = (ranges: vscode.Range[]): void => {
      for (const e of vscode.window.visibleTextEditors) if (e.document === document) e.setDecorations(this.decoration, ranges);
    };
    return {
      get conflict() {
        return tracker.conflict;
      },
      get closed() {
        return document.isClosed;
      },
      replace: async (from, to, text, undo) => {
        const target = vscode.window.visibleTextEditors.find((e) => e.document === document) ?? editor;
        const start = tracker.start;
        const forget = tracker.expectOwnEdit(start + from, to - from, text);
        const range = new vscode.Range(document.positionAt(start + from), document.positionAt(start + to));
        const ok = await target.edit((b) => b.replace(range, text), { undoStopBefore: undo.stopBefore, undoStopAfter: undo.stopAfter });
        if (!ok) forget();
        else decorate(undo.stopAfter ? [] : [new vscode.Range(document.positionAt(start), document.positionAt(start + from + text.length))]);
        return ok;
      },
    };
  }

  private async stopped(
    err: unknown,
    s: {
      controller: AbortController;
      tracker: RangeTracker;
      original: string;
      current: () => string;
      write: (next: string, last: boolean) => Promise<void>;
      rerun: () => unknown;
      onCancel?: 'keep' | 'remove';
      writeError: unknown;
    },
  ): Promise<GenerateResult> {
    const arrived = s.current() !== s.original;
    if (s.tracker.conflict) {
      const message = vscode.l10n.t('You edited the code GLM was writing, so it stopped. What arrived stays.');
      void vscode.window.showWarningMessage(message);
      return { status: 'conflict', text: s.current(), message };
    }
    if (s.writeError) {
      const message =
        s.writeError instanceof SpanWriteError
          ? vscode.l10n.t('The editor was closed.')
          : s.writeError instanceof Error ? s.writeError.message : String(s.writeError);
      void vscode.window.showWarningMessage(vscode.l10n.t('GLM stopped: {0}', message));
      return { status: 'error', message };
    }
    if (!isCancellation(err, s.controller.signal)) {
      // A failed answer leaves no half-written code behind.
      if (arrived) await s.write(s.original, true);
      void this.services.showError(err, s.rerun);
      return { status: 'error', text: s.original, message: this.services.describeError(err).message };
    }
    if (!arrived) return { status: 'cancelled', text: s.original };
    let choice = s.onCancel;
    if (!choice) {
      const keep = vscode.l10n.t('Keep');
      const remove = vscode.l10n.t('Remove');
      const picked = await vscode.window.showWarningMessage(
        vscode.l10n.t('GLM stopped generating. Keep the code that arrived?'),
        { modal: true },
        keep,
        remove,
      );
      choice = picked === remove ? 'remove' : 'keep';
    }
    if (choice === 'remove') {
      await s.write(s.original, true);
      return { status: 'removed', text: s.original };
    }
    await s.write(s.current(), true);
    return { status: 'kept', text: s.current() };
  }

  private updateContextKey(): void {
    const doc = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', GENERATING_CONTEXT_KEY, !!doc && this.running.has(doc.uri.toString()));
  }

  dispose(): void {
    for (const c of this.running.values()) c.abort();
    this.activeWatch.dispose();
    this.decoration.dispose();
  }
}
