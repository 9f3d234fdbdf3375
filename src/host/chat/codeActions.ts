import * as vscode from 'vscode';
import type { CodeMessage } from '../../chat/chatPanel';
import type { EditProposals, FileOutcome } from '../proposals/editProposals';
import { activeEditor } from './contextChips';

/** A code block's button in an answer: copy, insert at the cursor, apply to the selection, or a new file. */
export async function codeAction(msg: CodeMessage, proposals: EditProposals): Promise<void> {
  switch (msg.type) {
    case 'code/copy':
      return copyCode(msg.code);
    case 'code/insert':
      return insertAtCursor(msg.code);
    case 'code/apply':
      await applyToSelection(msg.code, proposals);
      return;
    case 'code/newFile':
      return openAsNewFile(msg.code, msg.lang);
  }
}

async function copyCode(code: string): Promise<void> {
  await vscode.env.clipboard.writeText(code);
}

async function insertAtCursor(code: string): Promise<void> {
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
 * Proposes the code for the selection (or the cursor) as an edit proposal: the diff shows it with Accept /
 * Choose Changes / Reject in its title bar and waits until the user decides; nothing applies over code that
 * changed meanwhile. Resolves with what became of it.
 */
async function applyToSelection(code: string, proposals: EditProposals): Promise<FileOutcome | undefined> {
  const editor = activeEditor();
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and select the code to replace first.'));
    return undefined;
  }
  const { document, selection } = editor;
  const range = new vscode.Range(selection.start, selection.end);
  const [outcome] = await proposals.review([{ uri: document.uri, before: document.getText(range), after: code, range }]);
  if (outcome.status === 'conflict' || outcome.status === 'error') void vscode.window.showWarningMessage(outcome.message ?? '');
  return outcome;
}

const LANGUAGE_ALIASES: Record<string, string> = {
  ts: 'typescript', js: 'javascript', tsx: 'typescriptreact', jsx: 'javascriptreact', py: 'python',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', shell: 'shellscript', yml: 'yaml', md: 'markdown',
  rs: 'rust', rb: 'ruby', cs: 'csharp', 'c++': 'cpp', kt: 'kotlin', ps1: 'powershell', golang: 'go',
};

async function openAsNewFile(code: string, lang: string): Promise<void> {
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
