import * as vscode from 'vscode';
import type { CompletionEngine, CompletionInput } from '../../editor/completions/completionEngine';
import type { OpenDocument } from '../../editor/completions/contextSnippets';

/** Lines around the cursor handed to the engine: more than any prompt window takes, far less than a big file. */
const LINES_BEFORE = 400;
const LINES_AFTER = 150;
const MAX_OTHER_DOCUMENTS = 8;
const MAX_OTHER_CHARS = 500_000;
export const ACCEPTED_COMMAND = 'glm.completions.accepted';

/** Thin glue: VS Code's document and cancellation in, the engine's text out as one inline item. */
export class GlmInlineProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    /** The engine, or what loads it on first use. */
    private readonly engine: Pick<CompletionEngine, 'complete'>,
    private readonly allowed: (document: vscode.TextDocument) => boolean,
    private readonly model: () => string,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument, position: vscode.Position, context: vscode.InlineCompletionContext, token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    // The suggest widget is open, or text is selected: ghost text would compete with what the user is doing.
    if (context.selectedCompletionInfo || hasSelection(document) || !this.allowed(document)) return undefined;
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      if (token.isCancellationRequested) return undefined;
      const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
      const result = await this.engine.complete(inputFor(document, position, this.model(), explicit), controller.signal);
      if (!result || token.isCancellationRequested) return undefined;
      const item = new vscode.InlineCompletionItem(result.text, new vscode.Range(position, position));
      item.command = { command: ACCEPTED_COMMAND, title: '' };
      return [item];
    } finally {
      subscription.dispose();
    }
  }
}

function hasSelection(document: vscode.TextDocument): boolean {
  const editor = vscode.window.activeTextEditor;
  return editor?.document === document && editor.selections.some((s) => !s.isEmpty);
}

function inputFor(document: vscode.TextDocument, position: vscode.Position, model: string, explicit: boolean): CompletionInput {
  const start = new vscode.Position(Math.max(0, position.line - LINES_BEFORE), 0);
  const endLine = Math.min(document.lineCount - 1, position.line + LINES_AFTER);
  const end = document.lineAt(endLine).range.end;
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 4;
  return {
    uri: document.uri.toString(),
    offset: document.offsetAt(position),
    model,
    explicit,
    indent: { useTabs: editor?.options.insertSpaces === false, size: tabSize },
    doc: {
      path: vscode.workspace.asRelativePath(document.uri, false),
      languageId: document.languageId,
      prefix: normalize(document.getText(new vscode.Range(start, position))),
      suffix: normalize(document.getText(new vscode.Range(position, end))),
    },
    otherDocuments: () => otherDocuments(document),
  };
}

/** The model sees `\n` line ends whatever the file uses; the ghost text goes back through VS Code, which converts. */
function normalize(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Documents in the editor tabs (visible ones first), other than the one being completed. */
function otherDocuments(current: vscode.TextDocument): OpenDocument[] {
  const uris = new Set<string>();
  for (const e of vscode.window.visibleTextEditors) uris.add(e.document.uri.toString());
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (tab.input instanceof vscode.TabInputText) uris.add(tab.input.uri.toString());
  }
  uris.delete(current.uri.toString());
  const loaded = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const out: OpenDocument[] = [];
  for (const uri of uris) {
    const doc = loaded.get(uri);
    if (!doc || doc.getText().length > MAX_OTHER_CHARS) continue;
    out.push({ path: vscode.workspace.asRelativePath(doc.uri, false), text: normalize(doc.getText()) });
    if (out.length >= MAX_OTHER_DOCUMENTS) break;
  }
  return out;
}
