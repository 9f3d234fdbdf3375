import * as vscode from 'vscode';
import { extractFinalCode, extractStreamingCode } from '../../editor/codeExtraction';
import { buildCodeMessages } from '../../editor/prompts';
import type { HostServices } from '../services';
import { indentForLine, placeCode, placementFor } from './codePlacement';
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

    let current = original;
    let edits = 0;
    let writeError: unknown;
    // A save (auto-save after a delay, on focus change) closes VS Code's open undo group, splitting the insertion.
    let savedMidway = false;
    const onSave = (doc: vscode.TextDocument): void => {
      if (doc === document && edits > 0) savedMidway = true;
    };
    const saveWatch = [vscode.workspace.onWillSaveTextDocument((e) => onSave(e.document)), vscode.workspace.onDidSaveTextDocument(onSave)];
    const write = async (next: string, last: boolean): Promise<void> => {
      if (tracker.conflict || (next === current && !(last && edits > 0))) return;
      let stopBefore = edits === 0;
      if (last && savedMidway && next !== original) {
        // Back to the original, then the result as one undo step of its own: one Ctrl+Z still restores the original.
        savedMidway = false;
        await write(original, false);
        if (tracker.conflict) return;
        stopBefore = true;
      }
      let prefix = 0;
      while (prefix < current.length && prefix < next.length && current[prefix] === next[prefix]) prefix++;
      const insert = next.slice(prefix);
      // An edit fails when the document changed since the host last saw it (the user typing elsewhere): retry.
      for (let attempt = 0; ; attempt++) {
        const target = vscode.window.visibleTextEditors.find((e) => e.document === document) ?? editor;
        const from = tracker.start + prefix;
        const to = tracker.start + current.length;
        const forget = tracker.expectOwnEdit(from, to - from, insert);
        const ok = await target.edit(
          (b) => b.replace(new vscode.Range(document.positionAt(from), document.positionAt(to)), insert),
          { undoStopBefore: stopBefore, undoStopAfter: last },
        );
        if (ok) break;
        forget();
        if (tracker.conflict) return;
        if (attempt >= 2 || document.isClosed) throw new Error(vscode.l10n.t('The editor was closed.'));
      }
      edits++;
      current = next;
      const decorated = last ? [] : [new vscode.Range(document.positionAt(tracker.start), document.positionAt(tracker.start + current.length))];
      for (const e of vscode.window.visibleTextEditors) if (e.document === document) e.setDecorations(this.decoration, decorated);
    };
    // Edits go one at a time; while one is applied, later text replaces earlier pending text.
    let latest: string | undefined;
    let pump: Promise<void> = Promise.resolve();
    let pumping = false;
    const schedule = (text: string): void => {
      latest = text;
      if (pumping) return;
      pumping = true;
      pump = (async () => {
        try {
          while (latest !== undefined && !writeError && !controller.signal.aborted) {
            const t = latest;
            latest = undefined;
            await write(t, false);
          }
        } catch (err) {
          writeError = err;
          controller.abort();
        } finally {
          pumping = false;
        }
      })();
    };

    try {
      const answer = await withCancellableProgress(vscode.l10n.t('GLM: Generating code…'), controller, (progress) =>
        streamAnswer(this.services, messages, controller.signal, (text) => {
          const code = extractStreamingCode(text);
          if (code) schedule(placeCode(code, placement));
        }, progress),
      );
      await pump;
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
      return { status: 'done', text: current };
    } catch (err) {
      await pump;
      return await this.stopped(err, { controller, tracker, original, current: () => current, write, rerun: opts.rerun, onCancel: opts.onCancel, writeError });
    } finally {
      for (const d of saveWatch) d.dispose();
      tracker.dispose();
      for (const e of vscode.window.visibleTextEditors) if (e.document === document) e.setDecorations(this.decoration, []);
      this.running.delete(key);
      this.updateContextKey();
    }
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
      const message = s.writeError instanceof Error ? s.writeError.message : String(s.writeError);
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
