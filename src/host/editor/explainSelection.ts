import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildExplainPrompt } from '../../editor/prompts';
import { codeContext, resolveTarget } from './editorTarget';

/** The chat's command (helper "chat-host"): opens the sidebar chat and sends the prompt. */
export const CHAT_ASK_COMMAND = 'glm.chat.ask';

export interface ChatAskArgs {
  prompt: string;
  /** Short label the chat shows for the attached code, e.g. "math.ts:3-9". */
  contextLabel?: string;
  /** The file asked about (workspace-relative): the chat continues a chat that was explaining it. */
  file?: string;
}

/** Builds the explain prompt for the selection (or enclosing function, or file) and hands it to the chat. */
export async function explainSelection(editor: vscode.TextEditor): Promise<ChatAskArgs | undefined> {
  const target = await resolveTarget(editor);
  if (!target) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select the code to explain: the file is too large to send whole.'));
    return undefined;
  }
  const ctx = codeContext(target.document, target.range);
  const name = path.posix.basename(target.document.uri.path);
  const first = target.range.start.line + 1;
  const last = target.range.end.character === 0 && target.range.end.line > target.range.start.line ? target.range.end.line : target.range.end.line + 1;
  const args: ChatAskArgs = {
    prompt: buildExplainPrompt(ctx, target.kind),
    contextLabel: first === last ? `${name}:${first}` : `${name}:${first}-${last}`,
    file: vscode.workspace.asRelativePath(target.document.uri),
  };
  try {
    await vscode.commands.executeCommand(CHAT_ASK_COMMAND, args);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(vscode.l10n.t('The GLM chat could not take the question: {0}', detail));
    return undefined;
  }
  return args;
}
