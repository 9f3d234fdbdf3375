import * as vscode from 'vscode';
import { activeEditor } from './contextChips';

export const PROPOSAL_SCHEME = 'glm-proposal';

/** Read-only documents holding a proposed file content, shown on the right of the apply diff. */
export class ProposalDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private next = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  add(forUri: vscode.Uri, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: forUri.path, query: String(this.next++) });
    this.contents.set(uri.toString(), content);
    return uri;
  }

  remove(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }
}

export async function copyCode(code: string): Promise<void> {
  await vscode.env.clipboard.writeText(code);
}

export async function insertAtCursor(code: string): Promise<void> {
  const editor = activeEditor();
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file in the editor to insert the code.'));
    return;
  }
  await editor.edit((edit) => {
    for (const selection of editor.selections) edit.insert(selection.active, code);
  });
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
}

/**
 * Replaces the selection (or inserts at the cursor) only after the user saw the result in a diff and
 * chose Apply. A document edited in the meantime is not touched: the diff no longer shows the truth.
 */
export async function applyWithDiff(code: string, proposals: ProposalDocuments): Promise<boolean> {
  const editor = activeEditor();
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and select the code to replace first.'));
    return false;
  }
  const { document } = editor;
  const range = new vscode.Range(editor.selection.start, editor.selection.end);
  const version = document.version;
  const proposed = document.getText(new vscode.Range(document.positionAt(0), range.start)) + code
    + document.getText(new vscode.Range(range.end, document.positionAt(document.getText().length)));
  const right = proposals.add(document.uri, proposed);
  const title = vscode.l10n.t('{0} ↔ GLM suggestion', vscode.workspace.asRelativePath(document.uri));
  try {
    await vscode.commands.executeCommand('vscode.diff', document.uri, right, title, { preview: true });
    const apply = vscode.l10n.t('Apply');
    const picked = await vscode.window.showInformationMessage(
      vscode.l10n.t('Apply the change shown in the diff to {0}?', vscode.workspace.asRelativePath(document.uri)),
      apply, vscode.l10n.t('Discard'),
    );
    if (picked !== apply) return false;
    if (document.version !== version) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The file changed while the diff was open. Nothing was applied.'));
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, code);
    return await vscode.workspace.applyEdit(edit);
  } finally {
    await closeDiff(right);
    proposals.remove(right);
  }
}

async function closeDiff(right: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(
    (t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === right.toString(),
  );
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

const LANGUAGE_ALIASES: Record<string, string> = {
  ts: 'typescript', js: 'javascript', tsx: 'typescriptreact', jsx: 'javascriptreact', py: 'python',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', shell: 'shellscript', yml: 'yaml', md: 'markdown',
  rs: 'rust', rb: 'ruby', cs: 'csharp', 'c++': 'cpp', kt: 'kotlin', ps1: 'powershell', golang: 'go',
};

export async function openAsNewFile(code: string, lang: string): Promise<void> {
  const wanted = LANGUAGE_ALIASES[lang.toLowerCase()] ?? lang.toLowerCase();
  const known = await vscode.languages.getLanguages();
  const language = known.includes(wanted) ? wanted : 'plaintext';
  const document = await vscode.workspace.openTextDocument({ language, content: code });
  await vscode.window.showTextDocument(document);
}

/**
 * Links from answers: web links go through VS Code's opener (which asks before opening untrusted
 * domains); relative links open a file only when it lies inside the workspace. Nothing else opens.
 */
export async function openLink(href: string): Promise<void> {
  if (/^https?:\/\//i.test(href)) {
    await vscode.env.openExternal(vscode.Uri.parse(href, true));
    return;
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(href) || href.startsWith('/') || href.startsWith('\\')) return;
  const [pathPart, fragment] = href.split('#', 2);
  let relative: string;
  try {
    relative = decodeURIComponent(pathPart);
  } catch {
    return; // not a link a person could have meant
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const target = vscode.Uri.joinPath(folder.uri, relative);
    if (!target.path.startsWith(folder.uri.path + '/')) continue;
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      continue;
    }
    const line = /^L(\d+)/.exec(fragment ?? '')?.[1];
    const position = line ? new vscode.Position(Math.max(0, Number(line) - 1), 0) : undefined;
    await vscode.window.showTextDocument(target, position ? { selection: new vscode.Range(position, position) } : {});
    return;
  }
}
