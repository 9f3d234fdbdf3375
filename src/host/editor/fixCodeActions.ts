import * as vscode from 'vscode';
import type { DiagnosticInfo } from '../../editor/prompts';

export const FIX_COMMAND = 'glm.fixProblem';

/** Lines around a problem that GLM may rewrite to fix it. */
const FIX_CONTEXT_LINES = 5;
const MAX_ACTIONS = 3;

/** Arguments of `glm.fixProblem`, plain data so they survive `executeCommand` from tests too. */
export interface FixArgs {
  uri?: string;
  message?: string;
  /** [startLine, startCharacter, endLine, endCharacter], 0-based. */
  range?: [number, number, number, number];
  source?: string;
  code?: string;
  severity?: DiagnosticInfo['severity'];
  accept?: 'all' | 'none' | number[];
}

/** "Fix with GLM" quick fixes for the errors and warnings under the cursor. */
export class FixWithGlmProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning)
      .slice(0, MAX_ACTIONS)
      .map((d) => {
        const title = vscode.l10n.t('Fix with GLM: {0}', shorten(d.message));
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.command = { command: FIX_COMMAND, title, arguments: [diagnosticArgs(document, d)] };
        return action;
      });
  }
}

export function diagnosticArgs(document: vscode.TextDocument, d: vscode.Diagnostic): FixArgs {
  const code = typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
  return {
    uri: document.uri.toString(),
    message: d.message,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    source: d.source,
    code,
    severity: (['error', 'warning', 'information', 'hint'] as const)[d.severity],
  };
}

/** The whole lines from a few before the problem to a few after it. */
export function fixRange(document: vscode.TextDocument, problem: vscode.Range): vscode.Range {
  const first = Math.max(problem.start.line - FIX_CONTEXT_LINES, 0);
  const last = Math.min(problem.end.line + FIX_CONTEXT_LINES, document.lineCount - 1);
  return new vscode.Range(new vscode.Position(first, 0), document.lineAt(last).range.end);
}

function shorten(message: string): string {
  const line = message.split('\n')[0];
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
