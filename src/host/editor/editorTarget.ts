import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IndentStyle } from '../../editor/indentation';
import type { CodeContext } from '../../editor/prompts';

/** Lines of surrounding code sent with the target (the prompt budget trims further). */
const CONTEXT_LINES = 80;
/** A file up to this size serves as the target when nothing is selected and no function encloses the cursor. */
const MAX_WHOLE_FILE_CHARS = 40_000;

export type TargetKind = 'selection' | 'function' | 'file';

export interface EditorTarget {
  document: vscode.TextDocument;
  range: vscode.Range;
  kind: TargetKind;
}

/** The selection, else the innermost function-like symbol at the cursor, else the whole (not huge) file. */
export async function resolveTarget(editor: vscode.TextEditor): Promise<EditorTarget | undefined> {
  const { document, selection } = editor;
  if (!selection.isEmpty) return { document, range: wholeLineStart(document, selection), kind: 'selection' };
  const symbol = await enclosingSymbol(document, selection.active);
  if (symbol) return { document, range: symbol, kind: 'function' };
  if (document.getText().length > MAX_WHOLE_FILE_CHARS) return undefined;
  const end = document.lineAt(document.lineCount - 1).range.end;
  return { document, range: new vscode.Range(new vscode.Position(0, 0), end), kind: 'file' };
}

const FUNCTION_KINDS = new Set([
  vscode.SymbolKind.Function,
  vscode.SymbolKind.Method,
  vscode.SymbolKind.Constructor,
  vscode.SymbolKind.Class,
  vscode.SymbolKind.Interface,
  vscode.SymbolKind.Enum,
]);

async function enclosingSymbol(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Range | undefined> {
  let symbols: Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined;
  try {
    symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', document.uri);
  } catch {
    return undefined; // no symbol provider for this language: fall back to the file
  }
  let best: vscode.Range | undefined;
  const visit = (list: Array<vscode.DocumentSymbol | vscode.SymbolInformation>): void => {
    for (const s of list) {
      const range = 'range' in s ? s.range : s.location.range;
      if (!range.contains(position)) continue;
      if (FUNCTION_KINDS.has(s.kind) && (!best || best.contains(range))) best = range;
      if ('children' in s) visit(s.children);
    }
  };
  visit(symbols ?? []);
  return best && new vscode.Range(new vscode.Position(best.start.line, 0), best.end);
}

/** A selection that starts inside the leading whitespace of its line starts at the line start instead. */
export function wholeLineStart(document: vscode.TextDocument, range: vscode.Range): vscode.Range {
  const line = document.lineAt(range.start.line).text;
  if (line.slice(0, range.start.character).trim() !== '') return range;
  return new vscode.Range(new vscode.Position(range.start.line, 0), range.end);
}

/** What the prompt needs about a range: its code, the lines around it, names. */
export function codeContext(document: vscode.TextDocument, range: vscode.Range): CodeContext {
  const firstLine = Math.max(range.start.line - CONTEXT_LINES, 0);
  const lastLine = Math.min(range.end.line + CONTEXT_LINES, document.lineCount - 1);
  const before = document.getText(new vscode.Range(new vscode.Position(firstLine, 0), range.start));
  const after = document.getText(new vscode.Range(range.end, document.lineAt(lastLine).range.end));
  return {
    fileName: displayName(document),
    languageId: document.languageId,
    code: document.getText(range),
    before,
    after,
    startLine: range.start.line + 1,
  };
}

export function displayName(document: vscode.TextDocument): string {
  if (document.isUntitled) return path.basename(document.uri.path);
  return vscode.workspace.asRelativePath(document.uri, false);
}

export function indentStyle(editor: vscode.TextEditor | undefined): IndentStyle {
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 4;
  return { useTabs: editor?.options.insertSpaces === false, size: tabSize };
}

export function eolOf(document: vscode.TextDocument): string {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

export function leadingIndent(document: vscode.TextDocument, line: number): string {
  return /^[ \t]*/.exec(document.lineAt(line).text)![0];
}
