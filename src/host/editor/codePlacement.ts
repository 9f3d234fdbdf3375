import * as vscode from 'vscode';
import { fitIndentation, type IndentStyle } from '../../editor/indentation';
import { eolOf, leadingIndent } from './editorTarget';

export type PlacementMode = 'replace' | 'insertAfter';

/** Where code goes, read once from the document before it starts changing. */
export interface Placement {
  mode: PlacementMode;
  originalText: string;
  baseIndent: string;
  /** The range starts after other code on its line. */
  midLine: boolean;
  eol: string;
  style: IndentStyle;
}

export function placementFor(
  document: vscode.TextDocument,
  range: vscode.Range,
  style: IndentStyle,
  mode: PlacementMode,
  baseIndent = leadingIndent(document, range.start.line),
): Placement {
  return { mode, originalText: document.getText(range), baseIndent, midLine: range.start.character > 0, eol: eolOf(document), style };
}

/**
 * Turns extracted code into the text that takes the place of the range: indentation fitted to the range's
 * first line, the document's line ends, and the original's trailing line end kept (a whole-line selection
 * must not swallow the newline after it). `insertAfter` keeps the original and adds the code below it.
 */
export function placeCode(code: string, p: Placement): string {
  const original = p.originalText;
  if (p.mode === 'insertAfter') {
    const added = fitIndentation(code, { baseIndent: p.baseIndent, style: p.style }).split('\n').join(p.eol);
    return /\r?\n$/.test(original) ? `${original}${p.eol}${added}${p.eol}` : `${original}${p.eol}${p.eol}${added}`;
  }
  const fitted = fitIndentation(code, { baseIndent: p.baseIndent, style: p.style, firstLineIndented: p.midLine });
  const text = fitted.split('\n').join(p.eol);
  return /\r?\n$/.test(original) && text !== '' && !text.endsWith('\n') ? text + p.eol : text;
}

/**
 * Indentation for code generated on `line`: its own when it has text, else the previous non-blank line's,
 * one level deeper after an opening bracket or colon.
 */
export function indentForLine(document: vscode.TextDocument, line: number, style: IndentStyle): string {
  if (document.lineAt(line).text.trim() !== '') return leadingIndent(document, line);
  for (let l = line - 1; l >= 0; l--) {
    const text = document.lineAt(l).text;
    if (text.trim() === '') continue;
    const indent = leadingIndent(document, l);
    return /[{[(:]\s*$/.test(text) ? indent + (style.useTabs ? '\t' : ' '.repeat(style.size)) : indent;
  }
  return '';
}
