import * as vscode from 'vscode';
import { extractFinalCode, extractStreamingCode } from '../../editor/codeExtraction';
import { buildCodeMessages } from '../../editor/prompts';
import { StreamingWriter } from '../../editor/streamingWriter';
import type { ChatMessage } from '../../glm/types';
import type { HostServices } from '../services';
import { indentForLine, placeCode, placementFor, type Placement } from './codePlacement';
import { DocumentSpan } from './documentSpan';
import { codeContext, indentStyle, wholeLineStart } from './editorTarget';
import { RangeTracker } from './rangeTracker';
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
 * Generation at the cursor: code streams straight into the document through a `StreamingWriter` (one undo step
 * for the whole insertion). Runs are keyed by document, so several editors can generate at once.
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
    const { range, placement, messages } = this.request(editor, opts.instruction);
    const controller = new AbortController();
    const tracker = new RangeTracker(document, document.offsetAt(range.start), document.offsetAt(range.end), () => controller.abort());
    const span = new DocumentSpan(editor, tracker, this.decoration);
    const writer = new StreamingWriter(placement.originalText, span, vscode.l10n.t('The editor was closed.'), controller.signal);
    this.running.set(key, controller);
    this.updateContextKey();
    const onSave = (doc: vscode.TextDocument): void => {
      if (doc === document) writer.noteSave();
    };
    const saveWatch = [vscode.workspace.onWillSaveTextDocument((e) => onSave(e.document)), vscode.workspace.onDidSaveTextDocument(onSave)];
    try {
      const answer = await withCancellableProgress(vscode.l10n.t('GLM: Generating code…'), controller, (progress) =>
        streamAnswer(this.services, messages, controller.signal, (text) => {
          const code = extractStreamingCode(text);
          if (code) writer.stream(placeCode(code, placement), () => controller.abort());
        }, progress),
      );
      return await this.finished(writer, extractFinalCode(answer.text, { languageId: document.languageId }), placement, answer.finishReason);
    } catch (err) {
      await writer.settle();
      return await this.stopped(err, { controller, tracker, writer, rerun: opts.rerun, onCancel: opts.onCancel });
    } finally {
      for (const d of saveWatch) d.dispose();
      tracker.dispose();
      span.mark(undefined);
      this.running.delete(key);
      this.updateContextKey();
    }
  }

  /** The span to replace (the selection's whole lines, or the cursor), where the code goes, and the prompt. */
  private request(editor: vscode.TextEditor, instruction: string): { range: vscode.Range; placement: Placement; messages: ChatMessage[] } {
    const { document } = editor;
    const hasSelection = !editor.selection.isEmpty;
    let range: vscode.Range = hasSelection ? wholeLineStart(document, editor.selection) : editor.selection;
    if (document.lineAt(range.start.line).text.slice(0, range.start.character).trim() === '') {
      // Only whitespace before the cursor: the code's first line takes that place with its fitted indentation.
      range = new vscode.Range(new vscode.Position(range.start.line, 0), range.end);
    }
    const style = indentStyle(editor);
    const placement = placementFor(document, range, style, 'replace', indentForLine(document, range.start.line, style));
    const ctx = { ...codeContext(document, range), code: hasSelection ? placement.originalText : '' };
    const messages = buildCodeMessages({ kind: 'generate', instruction }, ctx, { systemPrompt: this.services.systemPrompt() });
    return { range, placement, messages };
  }

  private async finished(writer: StreamingWriter, code: string, placement: Placement, finishReason: string | undefined): Promise<GenerateResult> {
    if (!code.trim()) {
      await writer.restore();
      const message = vscode.l10n.t('GLM answered without code.');
      void vscode.window.showInformationMessage(message);
      return { status: 'empty', message };
    }
    await writer.finish(placeCode(code, placement));
    if (finishReason === 'length') {
      void vscode.window.showWarningMessage(vscode.l10n.t('The answer was cut off at the token limit: check the end of the code.'));
    }
    return { status: 'done', text: writer.text };
  }

  private async stopped(
    err: unknown,
    s: { controller: AbortController; tracker: RangeTracker; writer: StreamingWriter; rerun: () => unknown; onCancel?: 'keep' | 'remove' },
  ): Promise<GenerateResult> {
    const { writer } = s;
    if (s.tracker.conflict) {
      const message = vscode.l10n.t('You edited the code GLM was writing, so it stopped. What arrived stays.');
      void vscode.window.showWarningMessage(message);
      return { status: 'conflict', text: writer.text, message };
    }
    if (writer.error) {
      const message = writer.error instanceof Error ? writer.error.message : String(writer.error);
      void vscode.window.showWarningMessage(vscode.l10n.t('GLM stopped: {0}', message));
      return { status: 'error', message };
    }
    if (!isCancellation(err, s.controller.signal)) {
      // A failed answer leaves no half-written code behind.
      if (writer.changed) await writer.restore();
      void this.services.showError(err, s.rerun);
      return { status: 'error', text: writer.text, message: this.services.describeError(err).message };
    }
    if (!writer.changed) return { status: 'cancelled', text: writer.text };
    if ((s.onCancel ?? (await askKeepOrRemove())) === 'remove') {
      await writer.restore();
      return { status: 'removed', text: writer.text };
    }
    await writer.finish(writer.text);
    return { status: 'kept', text: writer.text };
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

async function askKeepOrRemove(): Promise<'keep' | 'remove'> {
  const keep = vscode.l10n.t('Keep');
  const remove = vscode.l10n.t('Remove');
  const picked = await vscode.window.showWarningMessage(vscode.l10n.t('GLM stopped generating. Keep the code that arrived?'), { modal: true }, keep, remove);
  return picked === remove ? 'remove' : 'keep';
}
