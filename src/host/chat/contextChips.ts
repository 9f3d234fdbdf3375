import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { baseName, type ContextChip, type ProblemItem } from '../../chat/contextChip';
import type * as P from '../../shared/protocol';

/** About 30K tokens: a whole file beyond this is cut (and marked so) rather than crowding out the chat. */
const MAX_FILE_CHARS = 100_000;
const MAX_PICKED_FILE_BYTES = 2_000_000;
const MAX_PROBLEMS = 200;

/** Reads the context the user asked for; undefined (after telling the user why) when there is none. */
export async function gatherChip(kind: P.ContextKind): Promise<ContextChip | undefined> {
  switch (kind) {
    case 'selection':
      return selectionChip();
    case 'file': {
      const editor = activeEditor();
      if (!editor) return nothing(vscode.l10n.t('Open a file in the editor first.'));
      return fileChip(editor.document);
    }
    case 'workspaceFile':
      return pickWorkspaceFile();
    case 'problems':
      return problemsChip();
  }
}

/** The text editor the user last worked in (the chat view has focus while this runs). */
export function activeEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
}

function nothing(message: string): undefined {
  void vscode.window.showInformationMessage(message);
  return undefined;
}

function selectionChip(): ContextChip | undefined {
  const editor = activeEditor();
  if (!editor || editor.selection.isEmpty) return nothing(vscode.l10n.t('Select some code in the editor first.'));
  const { document, selection } = editor;
  return {
    kind: 'selection',
    id: randomUUID(),
    path: vscode.workspace.asRelativePath(document.uri),
    language: document.languageId,
    startLine: selection.start.line + 1,
    endLine: selection.end.line + 1,
    text: document.getText(selection),
  };
}

function fileChip(document: vscode.TextDocument): ContextChip {
  const full = document.getText();
  const truncated = full.length > MAX_FILE_CHARS;
  return {
    kind: 'file',
    id: randomUUID(),
    path: vscode.workspace.asRelativePath(document.uri),
    language: document.languageId,
    text: truncated ? full.slice(0, MAX_FILE_CHARS) : full,
    ...(truncated ? { truncated: true } : {}),
  };
}

async function pickWorkspaceFile(): Promise<ContextChip | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) return nothing(vscode.l10n.t('Open a folder to attach its files.'));
  const uris = await vscode.workspace.findFiles('**/*', '**/{node_modules,.git,dist,out}/**', 5000);
  const items = uris
    .map((uri) => ({ label: baseName(uri.path), description: vscode.workspace.asRelativePath(uri), uri }))
    .sort((a, b) => a.description.localeCompare(b.description));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Attach a file to the chat'),
    placeHolder: vscode.l10n.t('Type to search workspace files'),
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  const stat = await vscode.workspace.fs.stat(picked.uri);
  if (stat.size > MAX_PICKED_FILE_BYTES) return nothing(vscode.l10n.t('{0} is too large to attach.', picked.label));
  try {
    return fileChip(await vscode.workspace.openTextDocument(picked.uri));
  } catch {
    return nothing(vscode.l10n.t('{0} is not a text file.', picked.label));
  }
}

const SEVERITY: Record<vscode.DiagnosticSeverity, ProblemItem['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function problemsChip(): ContextChip {
  const items: ProblemItem[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.severity === vscode.DiagnosticSeverity.Hint) continue;
      items.push({
        path: vscode.workspace.asRelativePath(uri),
        line: d.range.start.line + 1,
        severity: SEVERITY[d.severity],
        message: d.message,
        ...(d.source ? { source: d.source } : {}),
      });
    }
  }
  const rank = { error: 0, warning: 1, info: 2, hint: 3 };
  items.sort((a, b) => rank[a.severity] - rank[b.severity]);
  return { kind: 'problems', id: randomUUID(), items: items.slice(0, MAX_PROBLEMS) };
}
